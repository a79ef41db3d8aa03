import Foundation
import Testing

/// `explore` at a real terminal (tmux): the start frame with its status
/// line, Right moves the value one step and the frame follows, Enter keeps
/// the variables of the value shown, and nothing stray is left on screen.
@Suite(.serialized) struct ExploreEndToEndTests {
  @Test(.enabled(if: TmuxScreen.isAvailable, "tmux is not installed (scripts/setup installs it)"))
  func rightMovesTheValueAndEnterKeepsIt() throws {
    let binary = try #require(
      TmuxScreen.descentBinary, "the descent binary was not built: run `swift build` first")
    let state = NSTemporaryDirectory() + "descent-explore-" + UUID().uuidString
    let screen = try TmuxScreen(
      command: "env XDG_STATE_HOME=\(state) NO_COLOR=1 LANG=C.UTF-8 \(binary); echo EXIT=$?; sleep 60")
    defer {
      screen.close()
      try? FileManager.default.removeItem(atPath: state)
    }
    try screen.waitFor("Type :help")
    try screen.type("weight = 0.5; input = 0.5; goal = 0.8")
    try screen.type(
      "explore alpha from 1 to 40 start 18 { train 20 alpha alpha / 100 quiet; print \"weight\", weight; plot error }")
    try screen.waitFor("alpha = 18  ←/→ change, Enter keeps")
    let first = screen.capture()
    let firstWeight = try #require(first.split(separator: "\n").first { $0.hasPrefix("weight ") })

    screen.send(keys: "Right")
    try screen.waitFor("alpha = 19  ←/→ change")
    let second = screen.capture()
    let secondWeight = try #require(second.split(separator: "\n").first { $0.hasPrefix("weight ") })
    #expect(firstWeight != secondWeight, "the frame did not follow the value")
    // Drawn in place: one frame, one status line.
    #expect(second.split(separator: "\n").filter { $0.hasPrefix("weight ") }.count == 1)
    #expect(second.components(separatedBy: "Enter keeps").count == 2)

    // A narrower terminal gets the frame redrawn at its width.
    try screen.resize(columns: 70, rows: 30)
    let deadline = Date().addingTimeInterval(30)
    while true {
      let axis = screen.capture().split(separator: "\n").first { $0.contains("└┬") }
      if let axis, axis.count <= 69 { break }
      guard Date() < deadline else {
        Issue.record("no redraw at 70 columns; the screen shows:\n\(screen.capture())")
        throw CancellationError()
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    #expect(screen.capture().contains("alpha = 19  ←/→ change, Enter keeps"))

    screen.send(keys: "Enter")
    try screen.waitFor("alpha = 19 (kept)")
    try screen.waitForPrompt()
    try screen.type("print alpha, weight")
    try screen.waitFor(">>> print alpha, weight\n19 " + secondWeight.dropFirst("weight ".count))
    let kept = screen.capture()
    #expect(LiveViewEndToEndTests.strayEscapes(in: kept) == [], "the screen shows:\n\(kept)")
    #expect(screen.cursorIsVisible())
  }
}
