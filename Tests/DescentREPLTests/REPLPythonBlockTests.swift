import DescentLanguage
import Foundation
import Testing

@testable import descent

/// Python's colon blocks at the prompt, and `:paste` for a whole listing.
@Suite struct REPLPythonBlockTests {
  @Test func colonBlockContinuesUntilAnEmptyLine() {
    let repl = REPLHarness()
    repl.type("total = 0", "for i in range(3):", "    total += i", "    print(total)", "", "total")
    #expect(repl.prompts == [">>> ", ">>> ", "... ", "... ", "... ", ">>> "])
    #expect(repl.output.text == "0\n1\n3\n3\n")
    #expect(repl.errors.isEmpty)
  }

  @Test func ifElifElseTypedAtThePrompt() {
    let repl = REPLHarness()
    repl.type("x = -2", "if x > 0:", "    print('pos')", "elif x < 0:", "    print('neg')", "else:", "    print(0)", "")
    #expect(repl.output.text == "neg\n")
  }

  @Test func pasteTakesBlankLinesInsideAListing() {
    let repl = REPLHarness()
    repl.type(":paste", "weight = 0.5", "", "for i in range(2):", "    weight *= 2", "", "    print(weight)", "--", "weight")
    #expect(repl.output.text.hasSuffix("1.0\n2.0\n2.0\n"))
    #expect(repl.errors.isEmpty)
  }

  @Test func pasteEndsWithControlD() {
    let repl = REPLHarness()
    repl.type(":paste", "x = 3")
    repl.core.endPaste()
    repl.type("x")
    #expect(repl.output.text.hasSuffix("3\n"))
  }

  @Test func trainAfterPythonStyleSetUp() {
    let repl = REPLHarness()
    repl.type(":paste", "weight, goal_pred, input = (0.0, 0.8, 1.1)", "--", "train 4 alpha 1", "print(round(weight, 6))")
    #expect(repl.errors.isEmpty)
    #expect(repl.output.text.hasSuffix("0.725858\n"))
  }
}
