import DescentLanguage
import Foundation
import Testing
import TestSupport

/// The parser's output checked against tree dumps, as swift-markdown checks
/// its trees: each `ParseDumps/NAME.descent` parses to exactly the text of
/// `ParseDumps/NAME.dump` (the `ASTDump` of its statements, then one line
/// per diagnostic). `DESCENT_RECORD_SNAPSHOTS=1 swift test --filter
/// ParseDumpTests` rewrites the files (and fails, so it never passes silently).
@Suite struct ParseDumpTests {
  static let folder = Fixtures.testsDirectory.appendingPathComponent("DescentLanguageTests/ParseDumps")

  static let names: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.filter { $0.hasSuffix(".descent") }.map { String($0.dropLast(".descent".count)) }.sorted()
  }()

  /// The dump and the diagnostics of one source, as the `.dump` files hold them.
  static func dump(_ text: String) -> String {
    let result = Parser.parse(text)
    var out = ASTDump.dump(result.statements)
    for diagnostic in result.diagnostics {
      out += "\(diagnostic.severity.rawValue) @\(diagnostic.range): \(diagnostic.message)\n"
    }
    return out
  }

  @Test func thereAreDumpsToCompare() {
    #expect(ParseDumpTests.names.count >= 4)
  }

  @Test(arguments: ParseDumpTests.names)
  func dumpMatches(_ name: String) throws {
    let source = try String(contentsOf: Self.folder.appendingPathComponent(name + ".descent"), encoding: .utf8)
    let actual = Self.dump(source)
    let url = Self.folder.appendingPathComponent(name + ".dump")
    if ProcessInfo.processInfo.environment["DESCENT_RECORD_SNAPSHOTS"] == "1" {
      try Data(actual.utf8).write(to: url)
      Issue.record("Recorded \(name).dump; run again without DESCENT_RECORD_SNAPSHOTS to check it.")
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    if let first = zip(actualLines, expectedLines).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
      Issue.record(
        "\(name).dump differs at line \(first.offset + 1):\n  expected: \(first.element.1)\n  actual:   \(first.element.0)")
    } else {
      #expect(actualLines.count == expectedLines.count, "\(name).dump: \(expectedLines.count) lines expected, \(actualLines.count) dumped")
    }
  }

  /// Every node's range lies inside its parent's, and siblings come in
  /// source order: checked on the dump of every test program, so a parser
  /// change that loses or misplaces a range shows up here.
  @Test(arguments: ProgramTests.files)
  func rangesNestInProgram(_ name: String) throws {
    let text = try String(contentsOf: ProgramTests.folder.appendingPathComponent(name), encoding: .utf8)
    let result = Parser.parse(text)
    // Programs written to fail parsing stop early; their trees are partial.
    guard result.diagnostics.isEmpty else { return }
    var parents: [(depth: Int, range: (Position, Position))] = []
    var previousSibling: [Int: Position] = [:]
    var checked = 0
    for line in ASTDump.dump(result.statements).split(separator: "\n") {
      let depth = line.prefix { $0 == " " }.count / 2
      while let last = parents.last, last.depth >= depth { parents.removeLast() }
      previousSibling = previousSibling.filter { $0.key <= depth }
      guard let range = Self.range(in: line) else { continue }  // a `then:`/`body:` label line
      #expect(range.0 <= range.1, "\(name): empty or reversed range in \(line)")
      if let parent = parents.last {
        #expect(
          parent.range.0 <= range.0 && range.1 <= parent.range.1,
          "\(name): \(line.trimmingCharacters(in: .whitespaces)) lies outside its parent")
      }
      if let before = previousSibling[depth] {
        #expect(before <= range.0, "\(name): \(line.trimmingCharacters(in: .whitespaces)) starts before its previous sibling")
      }
      previousSibling[depth] = range.0
      parents.append((depth, range))
      checked += 1
    }
    #expect(checked > 0 || result.statements.isEmpty, "\(name): no ranges found in the dump")
  }

  /// A line and column, ordered as in the source.
  struct Position: Comparable {
    var line: Int
    var column: Int
    static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }
  }

  /// The `@L:C-L:C` range at the end of a dump line.
  static func range(in line: Substring) -> (Position, Position)? {
    guard let at = line.lastIndex(of: "@") else { return nil }
    let parts = line[line.index(after: at)...].split(whereSeparator: { $0 == "-" || $0 == ":" }).compactMap { Int($0) }
    guard parts.count == 4 else { return nil }
    return (Position(line: parts[0], column: parts[1]), Position(line: parts[2], column: parts[3]))
  }
}
