import DescentLanguage
import Foundation
import Testing
import TestSupport

/// Runs every `Tests/Programs/*.descent` file and compares what it prints
/// and reports with the expectations written in its comments:
///
/// - `# expect: TEXT` — the next line of output is TEXT (one per line);
/// - `# expect-lines: FILE KEY` — the next lines are the fixture's lines
///   `KEY` of `Tests/Fixtures/FILE` (the course's printed output), so the
///   course's numbers are never pasted into tests;
/// - `# error: LINE:COL MESSAGE` — a diagnostic at that place whose message
///   starts with MESSAGE; a program with errors may print nothing else;
/// - `# warning: LINE:COL MESSAGE` — the same for a warning;
/// - `# budget: N` — run with a step budget of N (default 10 million).
///
/// Adding a test is adding a file.
@Suite struct ProgramTests {
  static let folder = Fixtures.testsDirectory.appendingPathComponent("Programs")

  static let files: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".descent") }.sorted()
  }()

  @Test func thereAreProgramsToRun() {
    #expect(ProgramTests.files.count >= 40)
  }

  @Test(arguments: ProgramTests.files)
  func program(_ name: String) throws {
    let url = ProgramTests.folder.appendingPathComponent(name)
    let text = try String(contentsOf: url, encoding: .utf8)
    let expected = try Expectations(parsing: text)

    let sink = BufferSink()
    let session = Session(output: sink)
    session.stepBudget = expected.budget
    session.baseDirectory = ProgramTests.folder.path
    let source = Source(name: name, text: text)
    let result = session.run(source)

    let printed = sink.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let output = printed.last == "" ? Array(printed.dropLast()) : printed
    #expect(output == expected.output, "output of \(name)")

    let found = result.diagnostics.map {
      Expected.Diagnostic(
        severity: $0.severity.rawValue, line: $0.range.start.line, column: $0.range.start.column,
        message: $0.message)
    }
    for want in expected.diagnostics {
      let match = found.contains {
        $0.severity == want.severity && $0.line == want.line && $0.column == want.column
          && $0.message.hasPrefix(want.message)
      }
      #expect(
        match,
        "\(name): expected \(want.severity) \(want.line):\(want.column) \(want.message); got:\n\(result.diagnostics.map { $0.render(source: source) }.joined(separator: "\n"))"
      )
    }
    if expected.diagnostics.isEmpty {
      #expect(
        result.diagnostics.isEmpty,
        "\(name) reported:\n\(result.diagnostics.map { $0.render(source: source) }.joined(separator: "\n"))")
    }
  }
}

/// What a test program says it should do.
struct Expectations {
  var output: [String] = []
  var diagnostics: [Expected.Diagnostic] = []
  var budget: Int? = 10_000_000

  init(parsing text: String) throws {
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      guard let hash = rawLine.range(of: "# ") else { continue }
      let comment = rawLine[hash.upperBound...]
      if let rest = comment.strippingPrefix("expect: ") {
        output.append(String(rest))
      } else if comment == "expect:" {
        output.append("")
      } else if let rest = comment.strippingPrefix("expect-lines: ") {
        let parts = rest.split(separator: " ").map(String.init)
        let fixture = try Fixtures.json(parts[0]) as? [String: Any]
        let lines = fixture?[parts[1]] as? [String] ?? ["<missing fixture key \(parts[1])>"]
        output.append(contentsOf: lines)
      } else if let rest = comment.strippingPrefix("error: ") ?? comment.strippingPrefix("warning: ") {
        let severity = comment.hasPrefix("error") ? "error" : "warning"
        let place = rest.prefix { $0 != " " }
        let numbers = place.split(separator: ":").compactMap { Int($0) }
        guard numbers.count == 2 else { continue }
        let message = rest.dropFirst(place.count).drop { $0 == " " }
        diagnostics.append(
          Expected.Diagnostic(severity: severity, line: numbers[0], column: numbers[1], message: String(message)))
      } else if let rest = comment.strippingPrefix("budget: ") {
        budget = Int(rest)
      }
    }
  }
}

enum Expected {
  struct Diagnostic: Equatable {
    var severity: String
    var line: Int
    var column: Int
    var message: String
  }
}

extension Substring {
  func strippingPrefix(_ prefix: String) -> Substring? {
    hasPrefix(prefix) ? dropFirst(prefix.count) : nil
  }
}
