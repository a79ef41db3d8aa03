#if canImport(Glibc)
  import Glibc
#endif
import DescentEngine
import DescentLanguage
import DescentLive
import DescentPlot

/// Facts about the terminal the command runs in, and raw writes to it.
enum Terminal {
  static let outputIsTerminal = isatty(1) == 1
  static let errorIsTerminal = isatty(2) == 1
  static let inputIsTerminal = isatty(0) == 1

  /// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
  static var colorAllowed: Bool { getenv("NO_COLOR") == nil && getenv("TERM").map { String(cString: $0) } != "dumb" }
  static var outputIsColorTerminal: Bool { outputIsTerminal && colorAllowed }
  static var errorIsColorTerminal: Bool { errorIsTerminal && colorAllowed }

  /// Whether the locale is UTF-8; braille plots fall back to ASCII when not.
  static var unicode: Bool {
    for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
      if let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty {
        let v = value.lowercased()
        return v.contains("utf-8") || v.contains("utf8")
      }
    }
    return false
  }

  static func write(_ text: String, to fd: Int32) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes { buffer in
        Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
      }
      if n < 0 {
        if errno == EINTR { continue }
        return  // a closed pipe: nothing sensible left to do with the output
      }
      offset += n
    }
    bytes.removeAll()
  }

  static func standardError(_ text: String) { write(text, to: 2) }

}

/// Writes a session's output to standard output: immediately on a terminal
/// (a learner watches a verbose train line by line), in large blocks into a
/// pipe or file.
final class TerminalSink: OutputSink {
  private var buffer = ""
  /// Called before any output (the live view clears its counter line).
  var beforeWrite: (() -> Void)?

  func write(_ text: String) {
    beforeWrite?()
    buffer += text
    if Terminal.outputIsTerminal || buffer.utf8.count > 1 << 16 { flush() }
  }

  /// At a terminal a table fits its width (`show history wide` excepted);
  /// into a pipe or file it is printed in full.
  func writeTable(_ table: OutputTable) {
    guard Terminal.outputIsTerminal else { return write(table.text) }
    write(table.text(fitting: TerminalRenderer.terminalSize().columns))
  }

  func show(_ chart: Chart) {
    let size = TerminalRenderer.terminalSize()
    let renderer = TerminalRenderer(
      width: min(size.columns, 100), height: max(12, min(size.rows - 4, 22)),
      unicode: Terminal.unicode, color: Terminal.outputIsColorTerminal)
    write(renderer.render(chart) + "\n")
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    Terminal.write(buffer, to: 1)
    buffer = ""
  }
}

/// Turns Ctrl-C into a raised interrupt flag, so the running loop or train
/// stops cleanly at its next step; a second Ctrl-C during the same run
/// (something that does not check the flag) ends the process.
///
/// A plain signal handler, not a dispatch signal source: OpenBLAS starts
/// worker threads before `main`, with SIGINT unblocked, and the kernel may
/// deliver the signal to any of them; a dispatch source then sometimes
/// never heard of it (a lost Ctrl-C, seen in the tmux test). A handler runs
/// on whichever thread gets the signal, and all it does is count the press
/// and one atomic store through the flag's handle (no reference count).
final class InterruptForwarder {
  init(session: Session) {
    InterruptForwarder.target = session
    InterruptForwarder.flag = session.interrupt.handle
    InterruptForwarder.presses = 0
    SignalHandler.install(SIGINT) { _ in
      InterruptForwarder.presses += 1
      if InterruptForwarder.presses >= 2, InterruptForwarder.flag?.isRaised == true {
        if InterruptForwarder.restoresCursor {
          // The live view may have hidden the cursor mid-frame and turned echo off.
          _ = write(1, "\u{1B}[?25h", 6)
          TerminalEcho.restore()
        }
        _exit(ExitStatus.interrupted)
      }
      InterruptForwarder.flag?.raise()
    }
  }

  /// Keeps the session (and so its flag) alive while the handler may run.
  nonisolated(unsafe) private static var target: Session?
  /// The flag the handler raises. Written only before the handler is
  /// installed; the handler only reads it (a pointer: no reference count).
  nonisolated(unsafe) private static var flag: InterruptFlag.Handle?
  /// Whether to show the cursor before a second Ctrl-C ends the process
  /// (set before the handler is installed when a live view may draw).
  nonisolated(unsafe) static var restoresCursor = false
  /// Presses since the last `rearm`.
  nonisolated(unsafe) private static var presses = 0

  /// Forgets earlier presses (the REPL calls this before each input).
  func rearm() { InterruptForwarder.presses = 0 }

  func stop() {
    signal(SIGINT, SIG_DFL)
  }
}

/// Turns the terminal's echo off while an input runs under the live view,
/// and back on. The saved settings are read by a signal handler too (a
/// second Ctrl-C ends the process), so they live in plain static storage.
enum TerminalEcho {
  nonisolated(unsafe) private static var saved = termios()
  nonisolated(unsafe) private static var isOff = false

  /// Echo off (Ctrl-C still interrupts); nothing when input is not a terminal.
  static func turnOff() {
    guard !isOff, tcgetattr(0, &saved) == 0 else { return }
    var quiet = saved
    quiet.c_lflag &= ~tcflag_t(ECHO)
    if tcsetattr(0, TCSANOW, &quiet) == 0 { isOff = true }
  }

  /// The settings from before `turnOff`.
  static func restore() {
    guard isOff else { return }
    tcsetattr(0, TCSANOW, &saved)
    isOff = false
  }
}
