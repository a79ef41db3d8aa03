#if canImport(Glibc)
  import Glibc
#endif
import DescentLanguage
import DescentPlot
import Dispatch

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

  func write(_ text: String) {
    buffer += text
    if Terminal.outputIsTerminal || buffer.utf8.count > 1 << 16 { flush() }
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
final class InterruptForwarder {
  private let source: DispatchSourceSignal
  private var count = 0

  init(session: Session) {
    // On Linux a dispatch signal source sees a SIGINT reliably only when
    // the thread running the interpreter blocks it; otherwise the signal
    // may be delivered (and ignored) there, and a Ctrl-C is lost.
    Self.setInterruptBlocked(true)
    signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    let flag = session.interrupt
    source.setEventHandler { [unowned self] in
      self.count += 1
      if self.count >= 2 && flag.isRaised { _exit(ExitStatus.interrupted) }
      flag.raise()
    }
    source.resume()
  }

  /// Forgets earlier presses (the REPL calls this before each input).
  func rearm() { count = 0 }

  func stop() {
    source.cancel()
    signal(SIGINT, SIG_DFL)
    Self.setInterruptBlocked(false)
  }

  private static func setInterruptBlocked(_ blocked: Bool) {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(blocked ? SIG_BLOCK : SIG_UNBLOCK, &set, nil)
  }
}
