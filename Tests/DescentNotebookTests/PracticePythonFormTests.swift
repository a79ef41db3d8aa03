import DescentNotebook
import Foundation
import Testing

/// Every exercise also exists in the book's Python form (`descent practice
/// --form python`, the default): its solution in that form passes, the
/// Descent form of the answer passes too, and grading is unchanged.
@Suite struct PracticePythonFormTests {
  @Test func everyExerciseSolutionInPythonFormPasses() throws {
    let (exercises, problems) = ExerciseLibrary.exercises(in: PracticeGradingTests.exercisesFolder)
    #expect(problems.isEmpty)
    #expect(exercises.count >= 10)
    for exercise in exercises {
      let python = exercise.inPythonForm
      #expect(!python.solution.contains("{"), "\(exercise.name): \(python.solution)")
      let report = ExerciseGrader(exercise: python).grade(python.solution)
      #expect(report.passed, "\(exercise.name) in Python form: \(report.problems)\n\(python.solution)")
      // An answer in Descent's braces is graded the same.
      #expect(ExerciseGrader(exercise: python).grade(exercise.solution).passed, "\(exercise.name)")
    }
  }

  @Test func bracesBecomeColonBlocks() {
    let code = "repeat 3 {\n    x += 1 #1\n    if x > 1 { break }\n}\nfor i in 0..<n {\n    print x, i\n}\nwhile true {\n} \n"
    #expect(
      Exercise.pythonForm(of: code)
        == "for _ in range(3):\n    x += 1 #1\n    if x > 1: break\nfor i in range(n):\n    print(x, i)\nwhile True:\n")
  }
}
