import DescentLanguage
import Foundation
import Testing
import TestSupport

/// Every `example:` in `Grammar/descent.ebnf` must parse without a
/// diagnostic, so the grammar file and the parser cannot drift apart.
@Suite struct GrammarExampleTests {
  static let examples: [String] = {
    let url = Fixtures.testsDirectory.deletingLastPathComponent()
      .appendingPathComponent("Grammar/descent.ebnf")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap { line in
      guard let range = line.range(of: "example: ") else { return nil }
      var program = String(line[range.upperBound...])
      if program.hasSuffix("*)") { program = String(program.dropLast(2)) }
      return program.trimmingCharacters(in: .whitespaces)
    }
  }()

  @Test func grammarHasExamples() {
    #expect(GrammarExampleTests.examples.count >= 40)
  }

  @Test(arguments: GrammarExampleTests.examples)
  func exampleParses(_ program: String) {
    let result = Parser.parse(program)
    #expect(result.diagnostics.isEmpty, "\(program): \(result.diagnostics.map(\.message))")
    #expect(!result.statements.isEmpty)
  }
}

/// The parser's answer to "did the input stop in the middle of something?",
/// which the REPL uses to ask for a continuation line.
@Suite struct IncompleteInputTests {
  @Test(arguments: [
    "repeat 3 {", "def f(x) {\n  return x", "x = (1 +", "v = [1, 2,", "if x > 1 {\n} else {",
    "print f(1,\n  2 *", "x = 1 + \\", "repeat 2 {\n  x = 1 + \\",
  ])
  func incomplete(_ text: String) {
    #expect(Session.isIncomplete(text), "\(text)")
  }

  @Test(arguments: [
    "repeat 3 { print 1 }", "x = 1", "x = )", "print 1 }", "", "# just a comment",
    // No further line can finish these (Python's REPL reports them at once).
    "x =", "x++", "x = 1 +", "print \"abc", "if x > 1", "train 20 alpha", "# a comment \\",
  ])
  /// A finished input, or one no further line can finish, is not incomplete.
  func complete(_ text: String) {
    #expect(!Session.isIncomplete(text), "\(text)")
  }
}
