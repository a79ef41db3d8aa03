#if canImport(Glibc)
  import Glibc
#endif
import DescentLanguage
import DescentPlot
import Foundation

/// `explore` at a terminal: the frame of the value shown, drawn in place
/// above a status line; Left/Right (h/l) move the first knob a step,
/// PgUp/PgDn ten, Up/Down (k/j) the second knob; Enter, q or Ctrl-C
/// leave, keeping the variables of the value shown.
///
/// Keys are read with the terminal raw (no echo, no line buffering, Ctrl-C
/// a key) only while waiting for one; while a frame runs the terminal is
/// as the REPL keeps it, so Ctrl-C interrupts a long frame as it would any
/// run. A resized terminal is noticed within a tenth of a second.
final class TerminalExplorer: Explorer {
  private let sink: TerminalSink
  private let live: LiveView?
  private var screen = InPlaceScreen()
  private let unicode = Terminal.unicode

  /// Whether an explore can be shown: input and output are both a
  /// terminal that is not `dumb`.
  static var wanted: Bool { Terminal.inputIsTerminal && LiveView.wanted }

  init(sink: TerminalSink, live: LiveView?) {
    self.sink = sink
    self.live = live
  }

  /// What a key does.
  enum Key: Equatable {
    case move(knob: Int, by: Int)
    case leave
  }

  func explore(_ exploration: Exploration) throws {
    sink.flush()
    live?.beforeOutput()
    defer { live?.endExplore() }
    var indices = exploration.startIndices
    var frame = run(exploration, at: indices)
    var size = TerminalRenderer.terminalSize()
    draw(frame, exploration, indices, size: size)
    let keys = RawKeys()
    defer { keys.restore() }
    loop: while true {
      let now = TerminalRenderer.terminalSize()
      if now != size {
        size = now
        draw(frame, exploration, indices, size: size)
      }
      for key in keys.read(timeout: 100) {
        switch key {
        case .leave:
          break loop
        case .move(let knob, let by):
          guard knob < exploration.knobs.count else { continue }
          let count = exploration.knobs[knob].labels.count
          let moved = min(max(0, indices[knob] + by), count - 1)
          guard moved != indices[knob] else { continue }
          indices[knob] = moved
          keys.restore()
          frame = run(exploration, at: indices)
          keys.makeRaw()
          draw(frame, exploration, indices, size: TerminalRenderer.terminalSize())
          // A frame that was stopped (Ctrl-C while it ran) ends the explore.
          if frame.error?.phase == .interrupt { break loop }
        }
      }
    }
    // The frame stays; the status line says what was kept.
    screen.forget()
    Terminal.write("\u{1B}[1A\r\u{1B}[K" + exploration.status(indices) + " (kept)\n" + LiveView.showCursor, to: 1)
  }

  /// Runs a frame; a long one shows the live view under the frame drawn.
  private func run(_ exploration: Exploration, at indices: [Int]) -> ExploreFrame {
    live?.beginExploreFrame()
    let frame = exploration.frame(at: indices)
    live?.beforeOutput()
    return frame
  }

  private func draw(_ frame: ExploreFrame, _ exploration: Exploration, _ indices: [Int], size: (columns: Int, rows: Int)) {
    let lines = TerminalExplorer.lines(
      of: frame, exploration: exploration, indices: indices, size: size, unicode: unicode,
      color: Terminal.outputIsColorTerminal)
    Terminal.write(LiveView.hideCursor + screen.draw(lines) + LiveView.showCursor, to: 1)
  }

  /// The frame's lines at the terminal's size, never wider (lines are cut)
  /// nor taller (a note says how many lines are left out) than it, and the
  /// status line last.
  static func lines(
    of frame: ExploreFrame, exploration: Exploration, indices: [Int], size: (columns: Int, rows: Int),
    unicode: Bool, color: Bool
  ) -> [String] {
    let width = max(10, size.columns - 1)
    var lines: [String] = []
    for item in frame.items {
      switch item {
      case .text(let text), .value(let text):
        lines += text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0).map(String.init)
      case .table(let table):
        lines += table.text.split(separator: "\n").map(String.init)
      case .chart(let chart):
        let renderer = TerminalRenderer(
          width: min(width, 100), height: max(8, min(size.rows - 6, 20)), unicode: unicode, color: color)
        lines += renderer.render(chart).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      }
    }
    if let error = frame.error {
      lines += exploration.render(error).split(separator: "\n").map(String.init)
    }
    lines = lines.map { line in
      // Colour codes only come from charts, whose width already fits.
      InPlaceScreen.visibleWidth(line) <= width || line.contains("\u{1B}") ? line : String(line.prefix(width - 1)) + (unicode ? "…" : ">")
    }
    let room = max(1, size.rows - 2)
    if lines.count > room {
      let hidden = lines.count - room + 1
      lines = Array(lines.prefix(room - 1)) + ["(\(hidden) more lines; a taller terminal shows them)"]
    }
    let arrows = unicode ? ("←/→", "↑/↓") : ("Left/Right", "Up/Down")
    var keys = exploration.knobs.count > 1
      ? "\(arrows.0) \(exploration.knobs[0].name), \(arrows.1) \(exploration.knobs[1].name)" : "\(arrows.0) change"
    keys += ", Enter keeps"
    let status = "\(exploration.status(indices))  \(keys)"
    lines.append(color ? "\u{1B}[7m" + status + "\u{1B}[0m" : status)
    return lines
  }

  /// The keys in `bytes`, in order: arrows as CSI or SS3 sequences, h/j/k/l,
  /// PgUp/PgDn, Enter, q, Ctrl-C, Ctrl-D, Escape alone.
  static func keys(in bytes: [UInt8]) -> [Key] {
    var keys: [Key] = []
    var i = 0
    while i < bytes.count {
      let byte = bytes[i]
      i += 1
      switch byte {
      case 0x1B where i + 1 < bytes.count && (bytes[i] == UInt8(ascii: "[") || bytes[i] == UInt8(ascii: "O")):
        var end = i + 1
        while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) { end += 1 }
        let body = String(decoding: bytes[(i + 1)...min(end, bytes.count - 1)], as: UTF8.self)
        i = end + 1
        switch body {
        case "C": keys.append(.move(knob: 0, by: 1))
        case "D": keys.append(.move(knob: 0, by: -1))
        case "A": keys.append(.move(knob: 1, by: 1))
        case "B": keys.append(.move(knob: 1, by: -1))
        case "5~": keys.append(.move(knob: 0, by: 10))
        case "6~": keys.append(.move(knob: 0, by: -10))
        default: break
        }
      case 0x1B, 0x03, 0x04, 0x0D, 0x0A, UInt8(ascii: "q"): keys.append(.leave)
      case UInt8(ascii: "l"): keys.append(.move(knob: 0, by: 1))
      case UInt8(ascii: "h"): keys.append(.move(knob: 0, by: -1))
      case UInt8(ascii: "k"): keys.append(.move(knob: 1, by: 1))
      case UInt8(ascii: "j"): keys.append(.move(knob: 1, by: -1))
      default: break
      }
    }
    return keys
  }
}

/// Standard input in raw mode while `explore` waits for a key.
final class RawKeys {
  private var saved = termios()
  private var isRaw = false

  init() { makeRaw() }

  /// No echo, no line buffering, no signal from Ctrl-C (it is a key here).
  func makeRaw() {
    guard !isRaw, tcgetattr(0, &saved) == 0 else { return }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
    raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
    if tcsetattr(0, TCSANOW, &raw) == 0 { isRaw = true }
  }

  /// The settings from before `makeRaw`.
  func restore() {
    guard isRaw else { return }
    tcsetattr(0, TCSANOW, &saved)
    isRaw = false
  }

  /// The keys typed within `timeout` milliseconds (none when none were).
  func read(timeout: Int32) -> [TerminalExplorer.Key] {
    var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    guard poll(&poller, 1, timeout) > 0 else { return [] }
    var buffer = [UInt8](repeating: 0, count: 256)
    let n = Glibc.read(0, &buffer, buffer.count)
    // End of input (the terminal went away) leaves, as Ctrl-D does.
    guard n > 0 else { return n == 0 ? [.leave] : [] }
    return TerminalExplorer.keys(in: Array(buffer[..<n]))
  }
}
