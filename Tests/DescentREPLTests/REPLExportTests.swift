import Foundation
import Testing

@testable import descent

/// `:export FILE.py`: the session so far as a Python script.
@Suite struct REPLExportTests {
  @Test func exportWritesTheSuccessfulInputsAsPython() throws {
    let folder = try temporaryFolder()
    let repl = REPLHarness()
    repl.core.currentDirectory = folder
    repl.type(":export empty.py")
    #expect(repl.errors.contains("nothing to export yet"))
    repl.type(
      "weight = 0.5; goal = 0.8; input = 0.5", "oops(", ")", "repeat 2 {", "  weight *= 2", "}", "weight",
      ":export session")
    #expect(
      repl.output.text.hasSuffix(
        "(exported 3 inputs to session.py)\n(left out 1 input that stopped: `oops( ...` (an error); "
          + "what it changed before stopping is not replayed)\n"))
    let text = try String(contentsOfFile: folder + "/session.py", encoding: .utf8)
    // The failed input is left out; the expression typed alone prints, as it did at the prompt.
    #expect(
      text.contains("weight = 0.5\ngoal = 0.8\ninput = 0.5\nfor _ in range(2):\n    weight *= 2\nprint(weight)\n"))
    #expect(!text.contains("oops"))
    // An existing file is replaced only by `:export!`, as with `:save`.
    repl.type("print weight + 1", ":export session.py")
    #expect(repl.errors.contains("session.py exists; :export! session.py replaces it"))
    #expect(try !String(contentsOfFile: folder + "/session.py", encoding: .utf8).contains("print(weight + 1)"))
    repl.type(":export! session.py")
    #expect(try String(contentsOfFile: folder + "/session.py", encoding: .utf8).contains("print(weight + 1)"))
    repl.type(":export", ":export no/such/folder/x.py")
    #expect(repl.errors.contains("usage: :export FILE.py (:export! FILE.py replaces an existing file)"))
    #expect(repl.errors.contains("cannot write no/such/folder/x.py"))
  }

  @Test func exportReportsWhatItCouldNotTranslate() throws {
    let folder = try temporaryFolder()
    let repl = REPLHarness()
    repl.core.currentDirectory = folder
    // `input` is a number or a vector after the if: the export cannot tell which trainer Descent picks.
    repl.type(
      "weight = 0.5; goal = 0.8; input = 0.5", "if false { input = [1, 2] }", "train 3 alpha 0.1", ":export partial.py")
    #expect(repl.output.text.contains("not exported, left as comments: line 3: the export cannot tell which trainer"))
    #expect(try String(contentsOfFile: folder + "/partial.py", encoding: .utf8).contains("# NOT EXPORTED (line 3)"))
  }
}
