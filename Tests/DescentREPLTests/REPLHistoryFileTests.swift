import Foundation
import Testing

@testable import descent

/// The history file: where it lives, that it survives a restart, and that a
/// folder it cannot write is a warning, not a crash.
@Suite struct REPLHistoryFileTests {
  @Test func defaultPathFollowsXDG() {
    #expect(
      REPLHistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])
        == "/s/descent/history")
    #expect(
      REPLHistoryFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/descent/history")
    // The spec says a relative XDG path is to be ignored.
    #expect(
      REPLHistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"])
        == "/h/.local/state/descent/history")
    #expect(REPLHistoryFile.defaultPath(environment: [:]) == nil)
  }

  @Test func linesSurviveARestartInOrder() throws {
    let path = try temporaryFolder() + "/state/descent/history"
    var warnings: [String] = []
    do {
      let history = try #require(REPLHistoryFile(path: path, warn: { warnings.append($0) }))
      history.add("weight = 0.5")
      history.add("repeat 3 {")
      history.add("repeat 3 {")  // the same line twice in a row is kept once
      history.add("print \"a # b\" \\ ok")
      #expect(history.entries == ["weight = 0.5", "repeat 3 {", "print \"a # b\" \\ ok"])
    }
    #expect(FileManager.default.fileExists(atPath: path))
    let reopened = try #require(REPLHistoryFile(path: path, warn: { warnings.append($0) }))
    #expect(reopened.entries == ["weight = 0.5", "repeat 3 {", "print \"a # b\" \\ ok"])
    #expect(warnings.isEmpty)
  }

  @Test func historyIsCapped() throws {
    let path = try temporaryFolder() + "/history"
    let history = try #require(REPLHistoryFile(path: path, warn: { _ in }))
    for i in 0..<(Int(REPLHistoryFile.capacity) + 5) { history.add("x = \(i)") }
    #expect(history.entries.count == Int(REPLHistoryFile.capacity))
    #expect(history.entries.last == "x = \(Int(REPLHistoryFile.capacity) + 4)")
  }

  @Test func unwritableFolderWarnsOnce() throws {
    let folder = try temporaryFolder()
    // A plain file where the folder should be: no one can create it.
    try "".write(toFile: folder + "/blocked", atomically: true, encoding: .utf8)
    var warnings: [String] = []
    let history = try #require(
      REPLHistoryFile(path: folder + "/blocked/descent/history", warn: { warnings.append($0) }))
    history.add("a = 1")
    history.add("b = 2")
    #expect(warnings.count == 1)
    #expect(warnings.first?.hasPrefix("warning: cannot save the history to ") == true)
    #expect(history.entries == ["a = 1", "b = 2"])
  }

  @Test func choicesAreListedInColumns() {
    let text = REPLLineEditor.columns(["train", "transpose", "true"], width: 30)
    #expect(text == "train      transpose\ntrue")
    #expect(REPLLineEditor.columns(["a", "b"], width: 1) == "a\nb")
  }
}
