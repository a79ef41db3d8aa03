import Testing

@testable import DescentNotebook

@Suite struct ToleranceTests {
  let standard = Tolerance()

  @Test func exactTextMatches() {
    #expect(standard.matches("error 0.3025", "error 0.3025"))
  }

  @Test func relativeOneInABillion() {
    #expect(standard.matches("x 1.0000000001", "x 1.0"))  // 1e-10: within
    #expect(standard.matches("x 100000.00005", "x 100000.0"))  // 5e-10: within
    #expect(!standard.matches("x 1.00000001", "x 1.0"))  // 1e-8: outside
    #expect(standard.matches("3.0000000001e-05", "3e-05"))
  }

  @Test func lastBitDifferencesPassAtTheDefaultButNotAtZero() {
    // 0.1 + 0.2 differs from 0.3 by 1.9e-16 relative: well inside 1e-9.
    #expect(standard.matches("0.30000000000000004", "0.3"))
    #expect(!Tolerance(relative: 0).matches("0.30000000000000004", "0.3"))
  }

  @Test func looserToleranceAcceptsMore() {
    #expect(!standard.matches("0.3000001", "0.3"))
    #expect(Tolerance(relative: 1e-6).matches("0.3000001", "0.3"))
    #expect(!Tolerance(relative: 1e-6).matches("0.30001", "0.3"))
  }

  @Test func textDifferencesFail() {
    #expect(!standard.matches("error 0.3", "Error 0.3"))
    #expect(!standard.matches("error 0.3", "error  0.3"))
    #expect(!standard.matches("0.3", "0.3 extra"))
    #expect(!standard.matches("[0.5, 1.0]", "[0.5; 1.0]"))
    #expect(!standard.matches("nan", "inf"))
  }

  @Test func signsAndNames() {
    #expect(!standard.matches("-1.5", "1.5"))
    #expect(standard.matches("x1 = -2.0000000000001", "x1 = -2.0"))
    #expect(!standard.matches("x1 = 2", "x2 = 2"))
    #expect(standard.matches("36", "36.0"))  // the same number
  }

  @Test func piecesOfALine() {
    #expect(Tolerance.pieces("Error:0.3025 Prediction:-0.25") == [
      .text("Error:"), .number("0.3025"), .text(" Prediction:"), .number("-0.25"),
    ])
    #expect(Tolerance.pieces("cell-3 x2 1e-05") == [.text("cell-"), .number("3"), .text(" x2 "), .number("1e-05")])
    #expect(Tolerance.pieces("[1, 2.5]") == [.text("["), .number("1"), .text(", "), .number("2.5"), .text("]")])
  }
}
