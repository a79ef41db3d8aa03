import DescentLanguage
import Testing

/// The REPL asks `Session.isIncomplete` after every line typed: each line of
/// a block before its closing brace must ask for more, the closing line must
/// not.
@Suite struct REPLIncompleteInputTests {
  static let programs = [
    "def f(x) {\n  if x > 1 {\n    return x\n  } else {\n    return 0\n  }\n}",
    "repeat 20 {\n    pred = input * weight\n    error = (pred - goal) ** 2\n}",
    "while true {  # runs until Ctrl-C\n  i += 1\n}",
    "for i in 0..<3 {\n  v = [i,\n       i * 2]\n  print v\n}",
    "m = [[1, 2],\n     [3, 4]]",
    "print sum([1,\n  2,\n  3])",
  ]

  /// Typing the program line by line: "..." until the last line.
  @Test(arguments: REPLIncompleteInputTests.programs)
  func everyLineBeforeTheLastAsksForMore(_ program: String) {
    let lines = program.split(separator: "\n", omittingEmptySubsequences: false)
    for count in 1..<lines.count {
      let typed = lines[0..<count].joined(separator: "\n")
      #expect(Session.isIncomplete(typed), "after line \(count) of:\n\(program)")
    }
    #expect(!Session.isIncomplete(program), "\(program)")
  }

  @Test(arguments: [
    "if x > 1 {\n  print 1\n}", "x = 1; repeat 2 { x += 1 }", "def f(x) = x * x", "print 1 }",
    "x = (1 + 2))",
  ])
  /// A finished input, or one broken beyond repair, runs (and reports) at once.
  func finishedOrBrokenInputRunsAtOnce(_ text: String) {
    #expect(!Session.isIncomplete(text), "\(text)")
  }
}
