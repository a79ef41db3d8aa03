import Testing

@testable import DescentNotebook

/// The exercise on writing a derivative (`ex13-writing-a-derivative`): an
/// answer is graded by what its `slope` prints beside `derivative`, at the
/// given points and at other inputs, goals and points.
@Suite struct PracticeDerivativeExerciseTests {
  static func grade(_ answer: String) throws -> GradeReport {
    ExerciseGrader(exercise: try PracticeGradingTests.exercise("writing-a-derivative")).grade(answer)
  }

  @Test func theSameDerivativeWrittenAnotherWayPasses() throws {
    // One expression, the factors in another order: equal to the last
    // few bits, which the exercise's tolerance allows.
    let expanded = """
      def slope(w) = 4 * input * w * (input * w * w - goal)
      for w in points {
          print w, slope(w), derivative(error_at, w)
      }
      """
    let report = try Self.grade(expanded)
    #expect(report.passed, "\(report.problems)")
    #expect(report.casesPassed == 3)
  }

  @Test func forgettingTheInnerSlopeFailsOnTheFirstLine() throws {
    // Only the square's slope: the chain rule's second factor is missing.
    let outerOnly = """
      def slope(w) = 2 * (input * w ** 2 - goal)
      for w in points {
          print w, slope(w), derivative(error_at, w)
      }
      """
    let report = try Self.grade(outerOnly)
    #expect(!report.passed)
    #expect(report.casesPassed == 0)
    let text = report.problems.joined(separator: "\n")
    #expect(text.contains("with the given starting values, the output differs: line 1 is `-1.0 -0.6"))
  }

  @Test func lessonSixsSlopeIsNotThisErrorsSlope() throws {
    // The slope lesson 6 wrote for `(input * w - goal) ** 2`: right for a
    // weight used once, wrong here, where the weight is squared.
    let lessonSix = """
      def slope(w) = 2 * input * (input * w - goal)
      for w in points {
          print w, slope(w), derivative(error_at, w)
      }
      """
    let report = try Self.grade(lessonSix)
    #expect(!report.passed)
    #expect(report.problems.first?.contains("the output differs: line 1") == true)
  }
}
