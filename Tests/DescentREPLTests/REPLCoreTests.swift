import DescentLanguage
import Foundation
import Testing

@testable import descent

/// What a learner sees for the lines typed at the prompt.
@Suite struct REPLCoreTests {
  @Test func expressionEchoesAndStatementsStayQuiet() {
    let repl = REPLHarness()
    repl.type("weight = 0.5", "weight", "weight * 2", "print \"w:\", weight")
    #expect(repl.output.text == "0.5\n1.0\nw: 0.5\n")
    #expect(repl.errors.isEmpty)
  }

  @Test func blockTypedLineByLineWaitsForItsEnd() {
    let repl = REPLHarness()
    repl.type("weight = 1", "repeat 3 {", "  weight = weight * 2", "  print weight", "}", "weight")
    #expect(repl.prompts == [">>> ", ">>> ", "... ", "... ", "... ", ">>> "])
    #expect(repl.output.text == "2\n4\n8\n8\n")
    #expect(repl.core.prompt == ">>> ")
  }

  @Test func nestedBlocksAndBracketsContinue() {
    let repl = REPLHarness()
    repl.type(
      "def f(x) {", "  if x > 1 {", "    return x", "  } else {", "    return 0", "  }", "}")
    #expect(repl.prompts == [">>> ", "... ", "... ", "... ", "... ", "... ", "... "])
    repl.type("v = [1,", "     2,", "     3]", "f(v[2])")
    #expect(repl.output.text == "3\n")
    #expect(repl.errors.isEmpty)
  }

  /// `x =` and `x++` can never be finished: the error comes at once and the
  /// next line runs on its own (it used to be swallowed by a "..." prompt).
  @Test func aLineNoMoreTextCanFinishIsReportedAtOnce() {
    let repl = REPLHarness()
    repl.type("x =")
    #expect(repl.core.prompt == ">>> ")
    #expect(repl.errors.contains("<stdin>:1:4: error: expected an expression, found end of input"))
    repl.type("x = 1", "x++")
    #expect(repl.core.prompt == ">>> ")
    #expect(repl.errors.contains("note: Descent has no '++'; write 'x += 1'"))
    repl.clear()
    repl.type("x += 1", "x")
    #expect(repl.output.text == "2\n")
    #expect(repl.errors.isEmpty)
  }

  @Test func aTrailingBackslashAsksForTheNextLine() {
    let repl = REPLHarness()
    repl.type("total = 1 + \\")
    #expect(repl.core.prompt == "... ")
    repl.type("    2", "total")
    #expect(repl.output.text == "3\n")
  }

  @Test func emptyLineAbandonsAnUnfinishedBlock() {
    let repl = REPLHarness()
    repl.type("x = 1", "while x < 10 {", "  x += 1", "")
    #expect(repl.core.prompt == ">>> ")
    #expect(repl.output.text.contains("(unfinished input discarded)"))
    repl.type("x")
    #expect(repl.output.text.hasSuffix("1\n"))
  }

  @Test func emptyLineAtThePrimaryPromptDoesNothing() {
    let repl = REPLHarness()
    repl.type("", "   ")
    #expect(repl.output.text.isEmpty && repl.errors.isEmpty)
  }

  @Test func errorShowsACaretUnderTheSpotAndTheSessionGoesOn() {
    let repl = REPLHarness()
    repl.type("weight = 0.5", "print weight +* 2")
    #expect(
      repl.errors == """
        <stdin>:1:15: error: expected an expression, found '*'
            print weight +* 2
                          ^

        """)
    repl.type("nope + 1")
    #expect(repl.errors.contains("name 'nope' is not defined"))
    repl.type("weight")
    #expect(repl.output.text == "0.5\n")
  }

  @Test func runtimeErrorInABlockPointsAtItsLine() {
    let repl = REPLHarness()
    repl.type("repeat 2 {", "  print 1", "  print 1 / 0", "}")
    #expect(repl.errors.hasPrefix("<stdin>:3:"))
    #expect(repl.errors.contains("    print 1 / 0\n"))
  }

  @Test func controlCAtTheEmptyPromptHintsHowToLeave() {
    let repl = REPLHarness()
    repl.core.interruptAtPrompt(lineWasEmpty: true)
    #expect(repl.output.text == REPLCore.exitHint + "\n")
  }

  @Test func controlCAtTheContinuationPromptAbandonsTheInput() {
    let repl = REPLHarness()
    repl.type("repeat 3 {", "  print 1")
    #expect(repl.core.prompt == "... ")
    repl.core.interruptAtPrompt(lineWasEmpty: true)
    #expect(repl.core.prompt == ">>> ")
    #expect(repl.output.text.isEmpty)
    repl.core.interruptAtPrompt(lineWasEmpty: false)
    #expect(repl.output.text.isEmpty)
  }

  @Test func interruptedRunKeepsTheVariables() {
    let repl = REPLHarness()
    repl.type("i = 0")
    // What InterruptForwarder does on Ctrl-C, from another thread while the
    // loop runs (Session.run lowers the flag when it starts).
    let flag = repl.session.interrupt
    Thread.detachNewThread {
      Thread.sleep(forTimeInterval: 0.3)
      flag.raise()
    }
    repl.type("while true { i += 1 }")
    #expect(repl.errors.contains("interrupted at line 1"))
    #expect(repl.core.prompt == ">>> ")
    repl.type("i > 0")
    #expect(repl.output.text == "true\n")
    #expect(!repl.core.successfulInputs.contains("while true { i += 1 }"))
  }

  @Test func bareQuitAndHelpGiveHints() {
    let repl = REPLHarness()
    repl.type("quit", "exit", "help")
    #expect(
      repl.output.text == REPLCore.exitHint + "\n" + REPLCore.exitHint + "\n(Type :help for help)\n"
    )
    #expect(repl.errors.isEmpty)
    repl.clear()
    repl.type("exit = 3", "exit")
    #expect(repl.output.text == "3\n")
  }

  @Test func successfulInputsAreRecordedForSave() {
    let repl = REPLHarness()
    repl.type("x = 1", "x +* 2", "repeat 2 {", "x += 1", "}", "nope", ":vars")
    #expect(repl.core.successfulInputs == ["x = 1", "repeat 2 {\nx += 1\n}"])
  }
}
