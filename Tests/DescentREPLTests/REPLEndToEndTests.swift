import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Drives the real `descent` binary in a detached tmux session, as a learner
/// at a terminal would: a block typed line by line, Tab, an error, a runaway
/// loop stopped with Ctrl-C, Ctrl-D to leave.
@Suite(.serialized) struct REPLEndToEndTests {
  @Test(.enabled(if: TmuxScreen.isAvailable, "tmux is not installed (scripts/setup installs it)"))
  func sessionAtARealTerminal() throws {
    let binary = try #require(
      TmuxScreen.descentBinary, "the descent binary was not built: run `swift build` first")
    let state = NSTemporaryDirectory() + "descent-e2e-" + UUID().uuidString
    let screen = try TmuxScreen(
      command:
        "env XDG_STATE_HOME=\(state) NO_COLOR=1 LANG=C.UTF-8 \(binary); echo EXIT=$?; sleep 60")
    defer { screen.close() }

    try screen.waitFor("Type :help")
    try screen.type("weight = 0.5")
    try screen.type("repeat 3 {")
    try screen.waitFor(">>> repeat 3 {\n...")
    try screen.type("    weight = weight * 2")
    try screen.type("}")
    try screen.type("weight")
    try screen.waitFor(">>> weight\n4.0\n")

    // Tab completes a session variable; a second word follows on the line.
    try screen.waitForPrompt()
    screen.send(literal: "wei")
    screen.send(keys: "Tab")
    try screen.waitFor("\n4.0\n>>> weight")
    try screen.type(" + 1", atPrompt: false)
    try screen.waitFor(">>> weight + 1\n5.0\n")

    // A syntax error: caret under the spot, and the session goes on.
    try screen.type("print 1 +* 2")
    try screen.waitFor(
      "<stdin>:1:10: error: expected an expression, found '*'\n    print 1 +* 2\n             ^\n")

    // A runaway loop, stopped with Ctrl-C; the variables keep their values.
    try screen.type("i = 0")
    // Ctrl-C only once the loop is surely running, so the test shows that a
    // running loop stops (an earlier press would stop it before it began).
    try screen.type("while true { i += 1; if i == 100000 { print \"running\" } }")
    try screen.waitFor("\nrunning\n")
    // No timing assertion (speed is measured elsewhere, not asserted in
    // tests): the wait below fails only if Ctrl-C never stops the loop.
    screen.send(keys: "C-c")
    try screen.waitFor("error: interrupted at line 1")
    try screen.type("i > 1000")
    try screen.waitFor(">>> i > 1000\ntrue\n")

    // Ctrl-C at the empty prompt keeps the session and says how to leave.
    try screen.waitForPrompt()
    screen.send(keys: "C-c")
    try screen.waitFor("(To exit, press Ctrl-D or type :quit)")
    try screen.type("weight")
    try screen.waitFor("(To exit, press Ctrl-D or type :quit)\n>>> weight\n4.0\n")

    try screen.waitForPrompt()
    screen.send(keys: "C-d")
    try screen.waitFor("EXIT=0")
    let history = try String(contentsOfFile: state + "/descent/history", encoding: .utf8)
    #expect(history.contains("repeat"))
    try? FileManager.default.removeItem(atPath: state)
  }
}

extension REPLEndToEndTests {
  /// `train ... on f` and a long `compare`, stopped with Ctrl-C at a real
  /// terminal: the prompt comes back, the steps taken stand (train), the
  /// variables stay (compare), and the session goes on.
  @Test(.enabled(if: TmuxScreen.isAvailable, "tmux is not installed (scripts/setup installs it)"))
  func ctrlCStopsTrainOnAFunction() throws {
    let binary = try #require(
      TmuxScreen.descentBinary, "the descent binary was not built: run `swift build` first")
    let state = NSTemporaryDirectory() + "descent-e2e-f-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: state) }
    let screen = try TmuxScreen(
      command: "env XDG_STATE_HOME=\(state) NO_COLOR=1 LANG=C.UTF-8 \(binary); echo EXIT=$?; sleep 60")
    defer { screen.close() }

    try screen.waitFor("Type :help")
    // A slope of -1 everywhere: w climbs by alpha a step, for ever. The
    // function says once when w passes 5 (step 5000), so Ctrl-C comes when
    // the run is surely going; no timing is asserted.
    try screen.type("def climb(w):")
    try screen.type("    if w > 5 and w <= 5.001:")
    try screen.type("        print(\"running\")")
    try screen.type("    return -w")
    try screen.type("")
    try screen.type("w = 0.0")
    try screen.type("train 1000000000 alpha 0.001 quiet on climb")
    try screen.waitFor("\nrunning\n")
    screen.send(keys: "C-c")
    try screen.waitFor("error: interrupted at line 1")
    try screen.type("w > 5, len(history[\"w\"]) > 0")
    try screen.waitFor("(True, True)")

    // compare leaves the variables alone, stopped or not.
    try screen.type("compare sgd, adam on climb from 0 alpha 0.001 steps 1000000000")
    try screen.waitFor("\nrunning\n")
    screen.send(keys: "C-c")
    try screen.waitFor("steps of the race")
    try screen.type("w > 5 and w < 1000000")
    try screen.waitFor(">>> w > 5 and w < 1000000\nTrue\n")
    try screen.waitForPrompt()
    screen.send(keys: "C-d")
    try screen.waitFor("EXIT=0")
  }

  /// `descent practice` reads the answer with libedit: Up recalls a line
  /// typed before and it can be edited; a passing answer is recorded; Ctrl-C
  /// abandons the next exercise with nothing recorded.
  @Test(.enabled(if: TmuxScreen.isAvailable, "tmux is not installed (scripts/setup installs it)"))
  func practiceAnswerAtARealTerminal() throws {
    let binary = try #require(
      TmuxScreen.descentBinary, "the descent binary was not built: run `swift build` first")
    let data = NSTemporaryDirectory() + "descent-e2e-practice-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: data) }
    let command = "env XDG_DATA_HOME=\(data) NO_COLOR=1 LANG=C.UTF-8 \(binary) practice --exercise ex01-compare"
    let screen = try TmuxScreen(command: "\(command); echo EXIT=$?; \(command); echo EXIT=$?; sleep 60")
    defer { screen.close() }

    try screen.waitFor("Your code")
    try screen.type("pred = input * weight")
    try screen.type("error = (pred - goal) * 2")
    // Up brings the last line back to edit: `* 2` becomes `** 2`.
    try screen.waitForPrompt()
    screen.send(keys: "Up")
    try screen.waitFor("... error = (pred - goal) * 2\n... error = (pred - goal) * 2", timeout: 10)
    screen.send(keys: "BSpace", "BSpace")
    screen.send(literal: "* 2")
    screen.send(keys: "Enter")
    try screen.type("print error")
    try screen.type("")
    try screen.waitFor("PASS")
    try screen.waitFor("s + Enter shows the solution")
    screen.send(keys: "Enter")
    try screen.waitFor("EXIT=0")
    #expect(FileManager.default.fileExists(atPath: data + "/descent/progress.json"))

    // The second run: Ctrl-C while answering.
    try screen.waitFor("EXIT=0\n")
    try screen.type("pred = 1")
    try screen.waitForPrompt()
    screen.send(keys: "C-c")
    try screen.waitFor("Abandoned; nothing recorded.\nEXIT=130")
  }
}

/// A detached tmux session on its own server socket, read with capture-pane.
final class TmuxScreen {
  /// The tmux executable, if it is installed.
  static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Whether tmux is there; says so on standard error when it is not, so a
  /// skipped end-to-end test is never silent.
  static var isAvailable: Bool {
    if tmux != nil { return true }
    FileHandle.standardError.write(
      Data("REPLEndToEndTests: skipped, tmux is not installed (scripts/setup installs it)\n".utf8))
    return false
  }

  /// The `descent` executable next to the test bundle (`.build/<triple>/debug`),
  /// else under the package's `.build/debug`.
  static let descentBinary: String? = {
    var candidates: [String] = []
    if let executable = Bundle.main.executableURL {
      var folder = executable.deletingLastPathComponent()
      // The test binary may sit inside an .xctest bundle folder.
      for _ in 0..<4 {
        candidates.append(folder.appendingPathComponent("descent").path)
        folder = folder.deletingLastPathComponent()
      }
    }
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(package.appendingPathComponent(".build/debug/descent").path)
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  private let socket = "descent-e2e-" + UUID().uuidString.prefix(8)
  private let session = "repl"

  /// Starts `command` in a 100×40 terminal.
  init(command: String) throws {
    try run(["new-session", "-d", "-s", session, "-x", "100", "-y", "40", command])
  }

  /// Types a line and presses Enter, after waiting for a fresh prompt
  /// unless `atPrompt` is false (the line is already begun). Typing ahead
  /// of the prompt works too, but the terminal then echoes the keys twice.
  func type(_ line: String, atPrompt: Bool = true) throws {
    if atPrompt { try waitForPrompt() }
    send(literal: line)
    send(keys: "Enter")
  }

  /// Waits until the last line on the screen is an empty `>>>` or `...` prompt.
  func waitForPrompt(timeout: TimeInterval = 30) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let screen = capture()
      let last = screen.split(separator: "\n").last.map(String.init) ?? ""
      if last == ">>>" || last == "..." { return }
      guard Date() < deadline else {
        Issue.record("no prompt came; the screen shows:\n\(screen)")
        throw CancellationError()
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
  }

  /// Types text as it is (no key names).
  func send(literal text: String) {
    _ = try? run(["send-keys", "-t", session, "-l", text])
  }

  /// Presses keys by tmux name: "Enter", "Tab", "C-c".
  func send(keys: String...) {
    _ = try? run(["send-keys", "-t", session] + keys)
  }

  /// The visible screen, lines without trailing blanks.
  /// Resizes the terminal; the program gets SIGWINCH.
  func resize(columns: Int, rows: Int) throws {
    _ = try run(["resize-window", "-t", session, "-x", String(columns), "-y", String(rows)])
  }

  func capture() -> String {
    let text = (try? run(["capture-pane", "-p", "-t", session])) ?? ""
    return text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
      .joined(separator: "\n")
  }

  /// Waits until the screen shows `text`, or fails with what it shows.
  func waitFor(_ text: String, timeout: TimeInterval = 30) throws {
    let deadline = Date().addingTimeInterval(timeout)
    var screen = capture()
    while !screen.contains(text) {
      guard Date() < deadline else {
        Issue.record("the screen never showed \(text.debugDescription); it shows:\n\(screen)")
        throw CancellationError()
      }
      Thread.sleep(forTimeInterval: 0.05)
      screen = capture()
    }
  }

  /// Whether the terminal's cursor is shown (not hidden by an escape sequence).
  func cursorIsVisible() -> Bool {
    ((try? run(["display-message", "-p", "-t", session, "#{cursor_flag}"])) ?? "")
      .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
  }

  /// Ends the tmux server and everything in it.
  func close() {
    _ = try? run(["kill-server"])
    // tmux leaves its socket file behind; one per test run would pile up.
    let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
    try? FileManager.default.removeItem(atPath: "\(folder)/tmux-\(getuid())/\(socket)")
  }

  /// Runs tmux and returns what it printed.
  ///
  /// Started with posix_spawn and an empty signal mask: a test runs on a
  /// thread that blocks SIGINT, SIGHUP and SIGTERM, Foundation's Process
  /// passes that mask on, and the tmux server and the REPL would inherit it
  /// (Ctrl-C would never arrive and kill-server would hang).
  @discardableResult
  private func run(_ arguments: [String]) throws -> String {
    let argv = [TmuxScreen.tmux ?? "/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw CocoaError(.fileReadUnknown) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // Only capture-pane's output is read; the server that new-session forks
    // must not hold the pipe open, so everything else goes to /dev/null.
    if arguments.first == "capture-pane" || arguments.first == "display-message" {
      posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    posix_spawn_file_actions_addclose(&actions, fds[1])
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    let cArguments = argv.map { strdup($0) } + [nil]
    defer { for argument in cArguments { free(argument) } }
    let status = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ)
    Glibc.close(fds[1])
    defer { Glibc.close(fds[0]) }
    guard status == 0 else { throw CocoaError(.executableLoad) }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = read(fds[0], &buffer, buffer.count)
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      output += buffer[0..<count]
    }
    var exitStatus: Int32 = 0
    while waitpid(pid, &exitStatus, 0) < 0 && errno == EINTR {}
    return String(decoding: output, as: UTF8.self)
  }
}
