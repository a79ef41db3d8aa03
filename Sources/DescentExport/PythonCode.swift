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

  /// Renames a Python identifier in the lines from `start` on (whole words only).
  mutating func rename(_ name: String, to newName: String, from start: Int) {
    guard let pattern = try? NSRegularExpression(pattern: "(?<![\\w\"])" + name + "(?![\\w\"])") else { return }
    for index in start..<lines.count {
      let line = lines[index]
      lines[index] = pattern.stringByReplacingMatches(
        in: line, range: NSRange(line.startIndex..., in: line), withTemplate: newName)
    }
  }

  mutating func need(_ need: PythonNeed) { needs.insert(need) }

  mutating func need(_ more: Set<PythonNeed>) { needs.formUnion(more) }

  var text: String { lines.joined(separator: "\n") }
}
