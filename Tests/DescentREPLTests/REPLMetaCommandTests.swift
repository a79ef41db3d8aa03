import DescentLanguage
import Foundation
import Testing

@testable import descent

/// The `:` commands, without a terminal.
@Suite struct REPLMetaCommandTests {
  @Test func helpShowsStatementsAndCommands() {
    let repl = REPLHarness()
    repl.type(":help")
    for text in [
      "weight = 0.5", "repeat 3 {", "train 20 alpha 0.1", "plot error", ":vars", ":save FILE.md",
      ":quit",
    ] {
      #expect(repl.output.text.contains(text), "\(text)")
    }
    repl.clear()
    repl.type(":help round", ":help nothing")
    #expect(repl.output.text.hasPrefix("round(x, n)"))
    #expect(repl.errors.contains("no help for 'nothing'"))
    repl.clear()
    repl.type(":help functions")
    #expect(repl.output.text.contains("  sigmoid("))
  }

  /// `:help WORD` explains every statement, keyword and option, in the
  /// language reference's words (it used to say "no help for 'train'").
  @Test(arguments: Completion.statementWords)
  func helpExplainsEveryStatementAndOption(_ word: String) {
    let repl = REPLHarness()
    repl.type(":help \(word)")
    #expect(repl.errors.isEmpty, "\(repl.errors)")
    #expect(repl.output.text.contains(word), "\(word):\n\(repl.output.text)")
  }

  @Test func helpForAStatementIsItsReferenceSection() {
    let repl = REPLHarness()
    repl.type(":help train")
    #expect(repl.output.text.hasPrefix("Training: train\n\n`train` hands the session's variables to the engine."))
    #expect(repl.output.text.contains("    train 20 alpha 1\n    print weight, error\n  prints:\n    1.5965116668671726"))
    repl.clear()
    repl.type(":help momentum")
    #expect(repl.output.text.contains("momentum"))
    repl.clear()
    repl.type(":help max")  // a built-in function and a train option
    #expect(repl.output.text.hasPrefix(Completion.summary(ofBuiltin: "max") ?? "?"))
    #expect(repl.output.text.contains("`max` as a limit"))
    repl.clear()
    repl.type(":help and")  // the paragraph on logic, not "Variables and assignment"
    #expect(repl.output.text.hasPrefix("Conditions and loops\n\nComparisons chain as in Python"))
    repl.clear()
    repl.type(":help plot")
    #expect(repl.output.text.hasPrefix("Plots\n"))
    repl.type(":help nothing_like_this")
    #expect(repl.errors.hasPrefix("no help for 'nothing_like_this'; :help train"))
  }

  @Test func varsListsNameKindAndValue() {
    let repl = REPLHarness()
    repl.type(":vars")
    #expect(repl.output.text.hasPrefix("(no variables yet"))
    repl.clear()
    repl.type("weight = 0.5", "goal = 1", "v = [1.5, 2]", "name = \"w\"", ":vars")
    #expect(
      repl.output.text == """
        name    kind         value
        weight  float        0.5
        goal    integer      1
        v       vector of 2  [1.5, 2.0]
        name    string       'w'

        """)
  }

  @Test func varsCutsLongValues() {
    let repl = REPLHarness()
    repl.type("big = zeros(100)", ":vars")
    let line = repl.output.text.split(separator: "\n").last.map(String.init) ?? ""
    #expect(line.hasSuffix("…"))
    #expect(line.count < 100)
    #expect(REPLCore.summary(of: .int(5)) == "5")
  }

  @Test func resetForgetsVariablesAndInputs() {
    let repl = REPLHarness()
    repl.type("weight = 0.5", ":reset", ":vars")
    #expect(repl.output.text.contains("(all variables forgotten)"))
    #expect(repl.output.text.contains("(no variables yet"))
    #expect(repl.core.successfulInputs.isEmpty)
    repl.type("weight")
    #expect(repl.errors.contains("'weight' is not defined"))
  }

  @Test func unknownCommandListsTheCommands() {
    let repl = REPLHarness()
    repl.type(":wat")
    #expect(
      repl.errors
        == "unknown command ':wat'; the commands are :help :vars :reset :load :save :export :history :paste :quit\n"
    )
  }

  @Test func quitEndsTheLoop() {
    let repl = REPLHarness()
    #expect(repl.type(":quit") == .quit)
    #expect(repl.type(":q") == .quit)
    #expect(repl.type("x = 1") == .proceed)
  }

  @Test func historyListsTheLinesNumbered() {
    let repl = REPLHarness()
    repl.type(":history")
    #expect(repl.output.text == "(no history yet)\n")
    repl.clear()
    repl.core.history = { (1...40).map { "x = \($0)" } }
    repl.type(":history")
    let lines = repl.output.text.split(separator: "\n")
    #expect(lines.count == REPLCore.historyShown)
    #expect(lines.first == "   11  x = 11")
    #expect(lines.last == "   40  x = 40")
  }

  @Test func loadRunsAFileInTheSession() throws {
    let folder = try temporaryFolder()
    try "weight = 0.25\nprint \"loaded\"\nweight\n".write(
      toFile: folder + "/w.descent", atomically: true, encoding: .utf8)
    try "x = 1\nprint x +* 2\n".write(
      toFile: folder + "/bad.descent", atomically: true, encoding: .utf8)
    let repl = REPLHarness()
    repl.core.currentDirectory = folder
    repl.type(":load w.descent", "weight * 2")
    // A loaded file runs as a script: no echo of `weight` on its last line.
    #expect(repl.output.text == "loaded\n0.5\n")
    #expect(
      repl.core.successfulInputs.first
        == "# :load w.descent\nweight = 0.25\nprint \"loaded\"\nweight\n")
    repl.type(":load bad.descent")
    #expect(repl.errors.hasPrefix("bad.descent:2:"))
    repl.type(":load missing.descent", ":load")
    #expect(repl.errors.contains("cannot read missing.descent"))
    #expect(repl.errors.contains("usage: :load FILE"))
  }

  @Test func saveWritesANotebookAndRefusesToOverwrite() throws {
    let folder = try temporaryFolder()
    let repl = REPLHarness()
    repl.core.currentDirectory = folder
    repl.type(":save empty.md")
    #expect(repl.errors.contains("nothing to save yet"))
    repl.type(
      "weight = 0.5", "oops(", ")", "repeat 2 {", "  weight *= 2", "}", "weight", ":save lesson")
    #expect(
      repl.output.text.hasSuffix(
        "(saved 3 cells to lesson.md)\n(left out 1 input that stopped: `oops( ...` (an error); "
          + "what it changed before stopping is not replayed)\n"))
    let text = try String(contentsOfFile: folder + "/lesson.md", encoding: .utf8)
    #expect(text.hasPrefix("---\ntitle: \"Descent session\"\n---\n\n# Descent session\n"))
    #expect(
      text.hasSuffix(
        """
        ```descent
        weight = 0.5
        ```

        ```descent
        repeat 2 {
          weight *= 2
        }
        ```

        ```descent
        weight
        ```

        """))
    repl.type(":save lesson.md")
    #expect(repl.errors.contains("lesson.md exists; :save! lesson.md replaces it"))
    repl.type("x = 1", ":save! lesson.md")
    #expect(try String(contentsOfFile: folder + "/lesson.md", encoding: .utf8).contains("x = 1"))
    repl.type(":save no/such/folder/x.md")
    #expect(repl.errors.contains("cannot write no/such/folder/x.md"))
  }

  /// An interrupted `train` changed the weights, and the saved lesson will
  /// not replay it: `:save` and `:export` say what they left out.
  @Test func saveSaysWhatItLeftOut() throws {
    let folder = try temporaryFolder()
    let repl = REPLHarness()
    repl.core.currentDirectory = folder
    repl.type("weight = 0.5; goal = 0.8; input = 0.5")
    // Ctrl-C pressed as the run starts (the flag is cleared when a run ends).
    repl.session.interrupt.raise()
    repl.type("train 100000000 alpha 0.01")
    #expect(repl.errors.contains("interrupted"))
    repl.type("weight", ":save lesson.md")
    #expect(
      repl.output.text.hasSuffix(
        "(saved 2 cells to lesson.md)\n(left out 1 input that stopped: `train 100000000 alpha 0.01` "
          + "(interrupted); what it changed before stopping is not replayed)\n"))
    repl.type(":export lesson.py")
    #expect(repl.output.text.hasSuffix("(interrupted); what it changed before stopping is not replayed)\n"))
    repl.type(":reset", "x = 1", ":save! lesson.md")
    #expect(repl.output.text.hasSuffix("(saved 1 cell to lesson.md)\n"))
  }

  @Test func savedNotebookReplaysAsTheSameSource() throws {
    // Each cell's text is exactly an input, so running the cells in order
    // in a fresh session gives the same variables.
    let repl = REPLHarness()
    repl.type("w = 1", "repeat 3 {", "  w = w * 3", "}")
    let cells = repl.core.successfulInputs
    let replay = Session(output: BufferSink())
    for cell in cells { replay.run(Source(name: "<cell>", text: cell)) }
    #expect(replay.value(of: "w")?.repr == "27")
    #expect(REPLCore.notebook(of: ["print \"```\""]).contains("````descent\nprint \"```\"\n````"))
  }
}
