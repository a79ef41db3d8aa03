import DescentLanguage
import Testing

@testable import descent

/// `explore` at a terminal, the parts that need no terminal: which keys do
/// what, and how a frame fits the screen.
@Suite struct TerminalExplorerTests {
  @Test func arrowsLettersAndPagesMoveEnterQAndControlCLeave() {
    let bytes: [UInt8] = Array("\u{1B}[C\u{1B}[D\u{1B}OC\u{1B}[A\u{1B}[B\u{1B}[5~\u{1B}[6~lhkj".utf8)
    #expect(
      TerminalExplorer.keys(in: bytes) == [
        .move(knob: 0, by: 1), .move(knob: 0, by: -1), .move(knob: 0, by: 1), .move(knob: 1, by: 1),
        .move(knob: 1, by: -1), .move(knob: 0, by: 10), .move(knob: 0, by: -10), .move(knob: 0, by: 1),
        .move(knob: 0, by: -1), .move(knob: 1, by: 1), .move(knob: 1, by: -1),
      ])
    for leave in ["\r", "\n", "q", "\u{03}", "\u{04}", "\u{1B}"] {
      #expect(TerminalExplorer.keys(in: Array(leave.utf8)) == [.leave], "\(leave.debugDescription)")
    }
    // Unknown sequences and keys do nothing.
    #expect(TerminalExplorer.keys(in: Array("\u{1B}[2~x".utf8)) == [])
  }

  /// An exploration of `program`, shown by an explorer that only keeps it.
  final class Keeper: Explorer {
    var exploration: Exploration?
    func explore(_ exploration: Exploration) throws { self.exploration = exploration }
  }

  @Test func aFrameFitsTheScreenWithTheStatusLineLast() throws {
    let session = Session(output: BufferSink())
    let keeper = Keeper()
    session.domain.explorer = keeper
    session.run(Source(name: "t", text: "explore n from 1 to 3 { for i in 0..<50 { print i, \"x\" * 200 } }"))
    let exploration = try #require(keeper.exploration)
    let frame = exploration.frame(at: [1])
    let lines = TerminalExplorer.lines(
      of: frame, exploration: exploration, indices: [1], size: (columns: 40, rows: 20), unicode: false, color: false)
    #expect(lines.count == 19)
    #expect(lines.last == "n = 2  Left/Right change, Enter keeps")
    #expect(lines[lines.count - 2] == "(33 more lines; a taller terminal shows them)")
    #expect(lines.dropLast(2).allSatisfy { $0.count <= 39 })
  }
}
