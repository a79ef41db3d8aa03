import Foundation
import Testing

/// The live view at a real terminal (tmux): a long `train` draws its curve
/// and a step count that advances, Ctrl-C leaves the last frame and a clean
/// prompt; a long loop shows a counter that goes away when it ends.
@Suite(.serialized) struct LiveViewEndToEndTests {
  static let braille: ClosedRange<Character> = "\u{2801}"..."\u{28FF}"

  /// The step count on the progress line (`step 1,234/300,000,000 ...`).
  static func step(on screen: String) -> Int? {
    guard let line = screen.split(separator: "\n").last(where: { $0.hasPrefix("step ") }),
      let count = line.dropFirst(5).split(separator: "/").first
    else { return nil }
    return Int(count.replacingOccurrences(of: ",", with: ""))
  }

  /// What an escape sequence that went astray leaves on the screen.
  static func strayEscapes(in screen: String) -> [String] {
    ["\u{1B}", "[?25", "[K", "[J", "A\u{1B}"].filter { screen.contains($0) }
      + (screen.range(of: #"\[\d+A"#, options: .regularExpression) != nil ? ["[nA"] : [])
  }

  /// The REPL in a 100×40 tmux terminal, at its first prompt, with its
  /// history in a folder of its own (returned, to remove).
  func startREPL() throws -> (TmuxScreen, String) {
    let binary = try #require(
      TmuxScreen.descentBinary, "the descent binary was not built: run `swift build` first")
    let state = NSTemporaryDirectory() + "descent-live-" + UUID().uuidString
    let screen = try TmuxScreen(
      command: "env XDG_STATE_HOME=\(state) NO_COLOR=1 LANG=C.UTF-8 \(binary); echo EXIT=$?; sleep 60")
    try screen.waitFor("Type :help")
    return (screen, state)
  }

  @Test(.enabled(if: TmuxScreen.isAvailable, "tmux is not installed (scripts/setup installs it)"))
  func aLongTrainIsWatchedAndStoppedWithControlC() throws {
    let (screen, state) = try startREPL()
    defer {
      screen.close()
      try? FileManager.default.removeItem(atPath: state)
    }
    try screen.type("weight = 0.5; input = 0.5; goal = 0.8")
    try screen.type("train 300000000 alpha 0.01")
    try screen.waitFor("/300,000,000 (")
    let first = screen.capture()
    Thread.sleep(forTimeInterval: 0.5)
    let second = screen.capture()
    // No timing assertion beyond "it advanced": the count moved on, and a
    // curve is drawn in braille.
    let before = try #require(Self.step(on: first), "no step count on:\n\(first)")
    let after = try #require(Self.step(on: second), "no step count on:\n\(second)")
    #expect(after > before)
    #expect(second.contains { Self.braille.contains($0) })
    #expect(second.contains("steps/s"))

    screen.send(keys: "C-c")
    try screen.waitFor("error: interrupted at line 1 after")
    try screen.waitForPrompt()
    let stopped = screen.capture()
    // The last frame stays, says how it ended, and the message starts on a
    // line of its own.
    #expect(stopped.contains("error 4.93e-28  interrupted after"))
    #expect(stopped.contains("interrupted after ") && stopped.contains("\n<stdin>:1:1: error: interrupted"))
    #expect(stopped.contains { Self.braille.contains($0) })
    #expect(screen.cursorIsVisible())

    try screen.type("weight")
    try screen.waitFor(">>> weight\n1.59999")
    let kept = screen.capture()
    #expect(Self.strayEscapes(in: kept) == [], "the screen shows:\n\(kept)")
    // One progress line: every frame replaced the one before it.
    #expect(kept.split(separator: "\n").filter { $0.hasPrefix("step ") }.count == 1)

    // `quiet` draws nothing; the prompt comes back with the result only.
    try screen.type("train 3000000 alpha 0.01 quiet; print \"done\"")
    try screen.waitFor("quiet; print \"done\"\ndone\n>>>")
  }

  @Test(.enabled(if: TmuxScreen.isAvailable, "tmux is not installed (scripts/setup installs it)"))
  func aLongLoopShowsACounterThatGoesAway() throws {
    let (screen, state) = try startREPL()
    defer {
      screen.close()
      try? FileManager.default.removeItem(atPath: state)
    }
    try screen.type("i = 0")
    try screen.type("while true { i += 1 }")
    try screen.waitFor(" running: ")
    screen.send(keys: "C-c")
    try screen.waitFor("error: interrupted at line 1 after")
    try screen.waitForPrompt()
    let stopped = screen.capture()
    #expect(!stopped.contains("running: "), "the counter stayed:\n\(stopped)")
    #expect(stopped.contains(">>> while true { i += 1 }\n<stdin>:1:1: error: interrupted"))
    #expect(Self.strayEscapes(in: stopped) == [])
    #expect(screen.cursorIsVisible())
  }
}
