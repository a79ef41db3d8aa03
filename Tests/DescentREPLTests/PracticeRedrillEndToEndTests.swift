import Foundation
import Testing

/// `descent practice` at a real terminal (tmux): a failed answer is asked
/// again in the same sitting (SM-2's same-day re-drill) until it passes.
@Suite struct PracticeRedrillEndToEndTests {
  @Test(.enabled(if: TmuxScreen.isAvailable, "tmux is not installed (scripts/setup installs it)"))
  func failedAnswerIsAskedAgainUntilItPasses() throws {
    let binary = try #require(
      TmuxScreen.descentBinary, "the descent binary was not built: run `swift build` first")
    let data = NSTemporaryDirectory() + "descent-e2e-redrill-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: data) }
    let command = "env XDG_DATA_HOME=\(data) NO_COLOR=1 LANG=C.UTF-8 \(binary) practice --exercise ex01-compare"
    let screen = try TmuxScreen(command: "\(command); echo EXIT=$?; sleep 60")
    defer { screen.close() }

    try screen.waitFor("Your code")
    try screen.type("print 0")
    try screen.type("")
    try screen.waitFor("FAIL")
    try screen.waitFor("s + Enter shows the solution")
    screen.send(keys: "Enter")
    try screen.waitFor("Again (SM-2 re-drill)")
    try screen.waitFor("Your code (an empty line, :done or Ctrl-D ends it):\n>>> ")
    try screen.type("pred = input * weight")
    try screen.type("error = (pred - goal) ** 2")
    try screen.type("print error")
    try screen.type("")
    try screen.waitFor("PASS")
    try screen.waitFor("Re-drill quality")
    try screen.waitFor("s + Enter shows the solution")
    screen.send(keys: "Enter")
    try screen.waitFor("EXIT=0")

    // The log holds the first review and the re-drill, marked as such.
    let progress = try String(contentsOfFile: data + "/descent/progress.json", encoding: .utf8)
    #expect(progress.contains("\"redrill\" : true"))
  }
}
