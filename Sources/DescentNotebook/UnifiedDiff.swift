/// A unified diff of stored and actual output lines, numbered with the
/// lines of the markdown file so an editor can jump to them:
///
///     @@ -45,2 +45,2 @@
///      error 0.0225 prediction 0.65
///     -error 0.01265625 prediction 0.6875
///     +error 0.0126 prediction 0.6875
struct UnifiedDiff {
  var stored: [Substring]
  var actual: [Substring]
  /// Markdown line of the first stored / actual line.
  var storedStart: Int
  var actualStart: Int
  var context = 3

  enum Edit: Equatable {
    case same(Int, Int)
    case removed(Int)
    case added(Int)
  }

  /// The edit script by longest common subsequence, lines compared with `equal`.
  func edits(_ equal: (Substring, Substring) -> Bool) -> [Edit] {
    let n = stored.count
    let m = actual.count
    // Outputs are short; past a few million cells fall back to replace-all.
    guard n * m <= 4_000_000 else {
      return stored.indices.map { .removed($0) } + actual.indices.map { .added($0) }
    }
    var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        lcs[i][j] = equal(stored[i], actual[j]) ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
      }
    }
    var edits: [Edit] = []
    var i = 0
    var j = 0
    while i < n || j < m {
      if i < n, j < m, equal(stored[i], actual[j]) {
        edits.append(.same(i, j))
        i += 1
        j += 1
      } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
        // Removed lines before added ones, as diff prints them.
        edits.append(.removed(i))
        i += 1
      } else {
        edits.append(.added(j))
        j += 1
      }
    }
    return edits
  }

  /// The hunks as text, one line each ending in "\n"; "" when nothing differs.
  func render(_ equal: (Substring, Substring) -> Bool) -> String {
    let edits = edits(equal)
    let changed = edits.indices.filter { if case .same = edits[$0] { return false } else { return true } }
    guard let first = changed.first else { return "" }
    // Group changes whose context windows touch into one hunk.
    var groups: [ClosedRange<Int>] = []
    var start = first
    var end = first
    for index in changed.dropFirst() {
      if index - end > 2 * context {
        groups.append(start...end)
        start = index
      }
      end = index
    }
    groups.append(start...end)

    var out = ""
    for group in groups {
      let lower = max(0, group.lowerBound - context)
      let upper = min(edits.count - 1, group.upperBound + context)
      let hunk = edits[lower...upper]
      var storedLines: [Int] = []
      var actualLines: [Int] = []
      var body = ""
      for edit in hunk {
        switch edit {
        case .same(let i, let j):
          storedLines.append(i)
          actualLines.append(j)
          body += " " + stored[i] + "\n"
        case .removed(let i):
          storedLines.append(i)
          body += "-" + stored[i] + "\n"
        case .added(let j):
          actualLines.append(j)
          body += "+" + actual[j] + "\n"
        }
      }
      let storedBefore = edits[..<lower].filter { if case .added = $0 { return false } else { return true } }.count
      let actualBefore = edits[..<lower].filter { if case .removed = $0 { return false } else { return true } }.count
      out += "@@ -\(range(storedLines, storedStart, linesBefore: storedBefore)) "
      out += "+\(range(actualLines, actualStart, linesBefore: actualBefore)) @@\n" + body
    }
    return out
  }

  /// `start,count` in markdown lines; an empty side names the line before
  /// the hunk, as diff does.
  private func range(_ lines: [Int], _ base: Int, linesBefore: Int) -> String {
    if let first = lines.first { return "\(base + first),\(lines.count)" }
    return "\(base + linesBefore - 1),0"
  }
}
