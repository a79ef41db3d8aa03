import Testing

@testable import descent

/// The plain `run` forms that skip swift-argument-parser, and the forms
/// that must still go through it (its checks and messages).
@Suite struct QuickRunTests {
  @Test func plainFormsAreRecognised() {
    #expect(QuickRun.script(["run", "-e", "x = 1"]) == .code("x = 1"))
    #expect(QuickRun.script(["run", "--eval", "print 2"]) == .code("print 2"))
    #expect(QuickRun.script(["run", "-e", ""]) == .code(""))
    #expect(QuickRun.script(["run", "script.descent"]) == .file("script.descent"))
    #expect(QuickRun.script(["run", "dir/no-extension"]) == .file("dir/no-extension"))
    #expect(QuickRun.script(["run", "-"]) == .file("-"))  // standard input
  }

  @Test func everythingElseGoesToTheArgumentParser() {
    #expect(QuickRun.script([]) == nil)
    #expect(QuickRun.script(["run"]) == nil)
    #expect(QuickRun.script(["check", "x.md"]) == nil)
    #expect(QuickRun.script(["run", "lesson.md"]) == nil)  // a notebook
    #expect(QuickRun.script(["run", "LESSON.MD"]) == nil)
    #expect(QuickRun.script(["run", "lesson"]) == nil)  // `run lesson N`
    #expect(QuickRun.script(["run", "--help"]) == nil)
    #expect(QuickRun.script(["run", "-e"]) == nil)
    #expect(QuickRun.script(["run", "-e", "-1"]) == nil)  // a value that looks like an option
    #expect(QuickRun.script(["run", "-e", "x", "--budget", "5"]) == nil)
    #expect(QuickRun.script(["run", "a.descent", "b.descent"]) == nil)
    #expect(QuickRun.script(["run", "--eval=x"]) == nil)
    #expect(QuickRun.script(["run", ""]) == nil)
  }
}
