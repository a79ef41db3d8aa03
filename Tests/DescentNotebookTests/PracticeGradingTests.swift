import Foundation
import Testing

@testable import DescentNotebook

@Suite struct PracticeGradingTests {
  static let exercisesFolder = NotebookFixtures.packageRoot.appendingPathComponent("Notebooks").path

  static func exercise(_ name: String) throws -> Exercise {
    let all = ExerciseLibrary.exercises(in: exercisesFolder)
    #expect(all.problems.isEmpty)
    return try #require(ExerciseLibrary.find(name, in: all.exercises))
  }

  @Test func everyShippedExerciseIsWellFormedAndItsSolutionPasses() throws {
    let (exercises, problems) = ExerciseLibrary.exercises(in: Self.exercisesFolder)
    #expect(problems.isEmpty)
    #expect(exercises.count >= 12)
    for exercise in exercises {
      #expect(!exercise.checks.cases.isEmpty, "\(exercise.name) has no extra case")
      let report = ExerciseGrader(exercise: exercise).grade(exercise.solution)
      #expect(report.passed, "\(exercise.name): \(report.problems)")
      // Each extra case runs alone as the main case too.
      for setup in exercise.checks.cases {
        var other = exercise
        other.given = setup
        other.checks.cases = []
        #expect(
          ExerciseGrader(exercise: other).grade(exercise.solution).passed,
          "\(exercise.name): the solution fails its own case \(setup)")
      }
      // The blanks hide something at level 1, more at level 2, all at 3.
      let one = try #require(exercise.template(level: 1))
      let two = try #require(exercise.template(level: 2))
      #expect(one.contains("___"), "\(exercise.name) has no level-1 blank")
      #expect(two.components(separatedBy: "___").count > one.components(separatedBy: "___").count)
      #expect(exercise.template(level: 3) == nil)
      #expect(!exercise.solution.contains("#1") && !exercise.solution.contains("#2"))
    }
  }

  @Test func blankingKeepsAssignmentTargetsAndIndentation() {
    #expect(Exercise.blank("    weight = weight - delta") == "    weight = ___")
    #expect(Exercise.blank("    weight -= alpha * d") == "    weight -= ___")
    #expect(Exercise.blank("    if error > 1 {") == "    ___")
    #expect(Exercise.split("x = 1 #2").code == "x = 1")
    #expect(Exercise.split("x = 1 #2").marker == 2)
    #expect(Exercise.split("x = 1").marker == nil)
  }

  @Test func rightAnswersWrittenDifferentlyPass() throws {
    let exercise = try Self.exercise("twenty-steps")
    let withWhile = """
      n = 0
      while n < 20 {
          guess = input * weight
          miss = guess - goal_pred
          print "Error:" + str(miss ** 2) + " Prediction:" + str(guess)
          weight -= input * miss
          n += 1
      }
      pred = input * weight / 1
      """
    // `pred` and `error` are checked: a loop that computes them under other
    // names must still leave the last step's values in them.
    let withFor = """
      for i in 0..<20 {
          pred = input * weight
          error = (pred - goal_pred) * (pred - goal_pred)
          weight = weight - input * (pred - goal_pred)
          print "Error:" + str(error) + " Prediction:" + str(pred)
      }
      """
    #expect(ExerciseGrader(exercise: exercise).grade(withFor).passed)
    let whileReport = ExerciseGrader(exercise: exercise).grade(withWhile)
    // The while version leaves `pred` at the value after the last step and
    // never sets `error`: it must fail on the variables, not the output.
    #expect(!whileReport.passed)
    #expect(whileReport.problems.allSatisfy { !$0.contains("output differs") })
    let withWhileFixed = withWhile.replacingOccurrences(of: "pred = input * weight / 1", with: "")
      .replacingOccurrences(of: "    miss = guess - goal_pred", with: "    miss = guess - goal_pred\n    pred = guess\n    error = miss ** 2")
    #expect(ExerciseGrader(exercise: exercise).grade(withWhileFixed).passed)
    let withRepeat = """
      repeat 20 {
          p = weight * input
          d = p - goal_pred
          pred = p
          error = d * d
          print "Error:" + str(error) + " Prediction:" + str(pred)
          weight = weight - d * input
      }
      """
    #expect(ExerciseGrader(exercise: exercise).grade(withRepeat).passed)
  }

  @Test func memorisedOutputFailsOnTheExtraInputs() throws {
    let exercise = try Self.exercise("compare")
    let report = ExerciseGrader(exercise: exercise).grade("pred = 0.25\nerror = 0.30250000000000005\nprint error\n")
    #expect(!report.passed)
    #expect(report.casesPassed == 1)
    #expect(report.problems.first?.contains("other starting values") == true)
  }

  @Test func rightFirstLineWrongLaterLineReportsTheLine() throws {
    let exercise = try Self.exercise("twenty-steps")
    // Forgets to scale by the input: the first line is right, the second not.
    let answer = """
      repeat 20 {
          pred = input * weight
          error = (pred - goal_pred) ** 2
          print "Error:" + str(error) + " Prediction:" + str(pred)
          weight = weight - (pred - goal_pred)
      }
      """
    let report = ExerciseGrader(exercise: exercise).grade(answer)
    #expect(!report.passed)
    let text = report.problems.joined(separator: "\n")
    #expect(text.contains("line 2 is `Error:"))
    #expect(text.contains("expected `Error:0.17015625000000004 Prediction:0.3875`"))
  }

  @Test func answerThatLoopsForeverSpendsTheBudgetAndFails() throws {
    var grader = ExerciseGrader(exercise: try Self.exercise("article-rounding"))
    grader.stepBudget = 10_000
    let report = grader.grade("rounds = 0\nwhile true {\n    rounds += 1\n}\n")
    #expect(!report.passed)
    #expect(report.stoppedWithError)
    #expect(report.problems.first?.contains("step budget of 10000 spent") == true)
  }

  @Test func answerWithErrorsIsReportedNotCrashing() throws {
    let grader = ExerciseGrader(exercise: try Self.exercise("compare"))
    let syntax = grader.grade("error = (pred - goal ** 2\n")
    #expect(!syntax.passed && syntax.stoppedWithError)
    let runtime = grader.grade("print nothing_here\n")
    #expect(!runtime.passed && runtime.stoppedWithError)
    #expect(runtime.problems.first?.contains("nothing_here") == true)
  }

  @Test func overwritingTheStartingValuesGetsAHint() throws {
    let grader = ExerciseGrader(exercise: try Self.exercise("compare"))
    let report = grader.grade("input = 0.5\nweight = 0.5\ngoal = 0.8\npred = input * weight\nerror = (pred - goal) ** 2\nprint error\n")
    #expect(!report.passed)
    #expect(report.problems.contains { $0.contains("note: your code sets `input`") })
  }

  @Test func checksBlockIsParsed() throws {
    let text = """
      ---
      title: "T: x"
      lesson: 3
      levels: 2
      ---
      # T

      Do it.

      ```solution
      y = x * 2 #1
      ```

      ```check
      variables: y, z
      no output
      case: x = 3; w = 1
      tolerance: 1e-3
      ```
      """
    let exercise = try Exercise.parse(text, path: "/x/ex07-t.md")
    #expect(exercise.title == "T: x" && exercise.lesson == 3 && exercise.levels == 2 && exercise.number == 7)
    #expect(exercise.prompt == "Do it.")
    #expect(exercise.checks.variables == ["y", "z"] && !exercise.checks.output)
    #expect(exercise.checks.cases == ["x = 3\nw = 1"])
    #expect(exercise.checks.tolerance == 1e-3)
    #expect(throws: ExerciseError.self) { try Exercise.parse("# no solution\n", path: "/x/ex01-a.md") }
  }
}
