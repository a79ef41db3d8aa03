import Foundation

/// What an exported script needs defined at its top: imports and the few
/// helpers the printed text depends on.
enum PythonNeed: String, CaseIterable, Comparable {
  case math, numpy, libm, show, history, python2Str, sigmoid, sigmoidPrime, relu, reluPrime, historyTable, network,
    matplotlib, budget, seededRandom, dot, weightsCheck, networkCheck, networkTraining, csv, roundEach,
    optimizerStep, compare, slopes

  static func < (a: PythonNeed, b: PythonNeed) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// Python source being written: lines at an indentation level, and what the
/// prelude must define for them.
struct PythonCode {
  private(set) var lines: [String] = []
  private(set) var needs: Set<PythonNeed> = []
  private var depth = 0

  /// Appends one line at the current indentation.
  mutating func line(_ text: String) {
    lines.append(text.isEmpty ? "" : String(repeating: "    ", count: depth) + text)
  }

  /// Appends a comment, one `#` line per line of text.
  mutating func comment(_ text: String) {
    for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
      line(part.isEmpty ? "#" : "# " + part)
    }
  }

  /// Writes `header` and the block `body` writes, indented; an empty block gets `pass`.
  mutating func block(_ header: String, _ body: (inout PythonCode) -> Void) {
    line(header)
    depth += 1
    let before = lines.count
    body(&self)
    if lines.count == before { line("pass") }
    depth -= 1
  }

  mutating func indent() { depth += 1 }

  mutating func dedent() { depth -= 1 }

  /// Renames a Python identifier in the lines from `start` on (whole words
  /// only), leaving the learner's own expressions (`learner(_:)`) alone.
  mutating func rename(_ name: String, to newName: String, from start: Int) {
    guard let pattern = try? NSRegularExpression(pattern: "(?<![\\w\"])" + name + "(?![\\w\"])") else { return }
    for index in start..<lines.count {
      // Even pieces are the export's own text; odd ones, between the marks, the learner's.
      let pieces = lines[index].split(separator: Self.learnerMark, omittingEmptySubsequences: false).map(String.init)
      lines[index] = pieces.enumerated().map { position, piece in
        position % 2 == 1
          ? piece
          : pattern.stringByReplacingMatches(in: piece, range: NSRange(piece.startIndex..., in: piece), withTemplate: newName)
      }.joined(separator: String(Self.learnerMark))
    }
  }

  /// Marks text written from the learner's expressions (an alpha, a
  /// momentum) inside a loop the export writes, so renaming the loop's own
  /// names (`m` under adam) never touches the learner's `m`. The marks
  /// are gone from `text`.
  static func learner(_ text: String) -> String { String(learnerMark) + text + String(learnerMark) }

  /// `text` without the marks `learner(_:)` puts in.
  static func unmarked(_ text: String) -> String { text.filter { $0 != learnerMark } }

  private static let learnerMark: Character = "\u{1}"

  mutating func need(_ need: PythonNeed) { needs.insert(need) }

  mutating func need(_ more: Set<PythonNeed>) { needs.formUnion(more) }

  var text: String { Self.unmarked(lines.joined(separator: "\n")) }
}
