import DescentLanguage
import DescentNotebook
import Dispatch
import Foundation
import Testing
import TestSupport

/// Runs every file in `Tests/BadInputs/`: each must end in its expected
/// diagnostic, naming the place, within a time limit; never a crash or hang.
///
/// - `prog_*.descent` run in a fresh session; the expectation is a
///   `# error: LINE:COL MESSAGE` comment in the program, or when the program
///   cannot hold one (it ends inside a string) a sidecar `NAME.expect`.
/// - `nb_*.md` are parsed as notebooks and, when they parse, run; the
///   first issue or failing cell is the result.
/// - `csv_*.csv` are loaded as data tables.
///
/// A sidecar `NAME.expect` holds `LINE:COL MESSAGE` (programs),
/// `LINE MESSAGE` (notebooks, CSVs; `-` when the problem has no line).
/// The message is a substring of the diagnostic's. Adding a test is adding
/// a file; `DESCENT_BADINPUTS_DUMP=1` prints what each file gives.
@Suite struct BadInputsTests {
  static let folder = Fixtures.testsDirectory.appendingPathComponent("BadInputs")
  static let files: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasSuffix(".expect") }.sorted()
  }()
  /// Generous for a debug build on a busy two-core machine.
  static let timeLimit = 20.0

  @Test func thereAreAtLeastAHundredBadInputs() {
    #expect(Self.files.count >= 100)
  }

  @Test(arguments: BadInputsTests.files)
  func badInput(_ name: String) throws {
    let url = Self.folder.appendingPathComponent(name)
    let bytes = try [UInt8](Data(contentsOf: url))
    let outcome = try #require(
      Guarded.run(timeout: Self.timeLimit) { Self.result(of: name, bytes: bytes) },
      "\(name) did not finish within \(Self.timeLimit) s")
    if ProcessInfo.processInfo.environment["DESCENT_BADINPUTS_DUMP"] != nil {
      print("DUMP \(name) => \(outcome.place) \(outcome.message)")
    }
    let expectation = try Self.expectation(for: name, bytes: bytes)
    #expect(outcome.place == expectation.place, "\(name): place \(outcome.place), message: \(outcome.message)")
    #expect(
      outcome.message.contains(expectation.message),
      "\(name): expected “\(expectation.message)”, got “\(outcome.message)”")
  }

  /// Where and what a bad input's first problem is.
  struct Outcome: Sendable {
    var place: String
    var message: String
  }

  static func result(of name: String, bytes: [UInt8]) -> Outcome {
    let path = folder.appendingPathComponent(name).path
    if name.hasSuffix(".csv") {
      do {
        _ = try CSVLoader.load(contentsOf: URL(fileURLWithPath: path), name: name)
        return Outcome(place: "-", message: "loaded without an error")
      } catch {
        return Outcome(place: error.line.map(String.init) ?? "-", message: error.message)
      }
    }
    if name.hasSuffix(".md") { return notebookResult(Notebook(bytes: bytes, path: path)) }
    let text = String(decoding: bytes, as: UTF8.self)
    let session = Session(output: BufferSink())
    session.stepBudget = 1_000_000
    session.maxOutputBytes = 100_000
    session.baseDirectory = folder.path
    session.readableRoots = [folder.path]
    let result = session.run(Source(name: name, text: text))
    guard let error = result.diagnostics.first(where: { $0.severity == .error }) else {
      return Outcome(place: "-", message: "ran without an error")
    }
    return Outcome(place: "\(error.range.start.line):\(error.range.start.column)", message: error.message)
  }

  static func notebookResult(_ notebook: Notebook) -> Outcome {
    if let issue = notebook.issues.first {
      return Outcome(place: issue.line.map(String.init) ?? "-", message: issue.message)
    }
    let runner = CellRunner(notebook: notebook)
    runner.session.maxOutputBytes = 100_000
    for result in runner.run() {
      if result.status == .unexpectedSuccess {
        return Outcome(place: String(result.cell.fenceLine), message: "ran without an error")
      }
      if result.status == .failed, let error = result.error {
        return Outcome(place: String(result.cell.fenceLine + error.range.start.line), message: error.message)
      }
    }
    return Outcome(place: "-", message: "ran without an error")
  }

  static func expectation(for name: String, bytes: [UInt8]) throws -> Outcome {
    let sidecar = folder.appendingPathComponent((name as NSString).deletingPathExtension + ".expect")
    var line = (try? String(contentsOf: sidecar, encoding: .utf8))?.split(separator: "\n").first.map(String.init)
    if line == nil, name.hasSuffix(".descent") {
      let text = String(decoding: bytes, as: UTF8.self)
      line = text.components(separatedBy: "# error: ").dropFirst().first?.split(separator: "\n").first.map(String.init)
    }
    let rule = try #require(line, "\(name) has no expected diagnostic (a # error: comment or \(sidecar.lastPathComponent))")
    let place = rule.prefix { $0 != " " }
    return Outcome(place: String(place), message: String(rule.dropFirst(place.count + 1)))
  }

  /// A notebook of 50 MB (made here, not committed) parses within the limit.
  @Test func aFiftyMegabyteNotebookIsReadWithoutCrashing() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-big-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("big.md").path
    var text = "# Big\n\n```descent\nx = 1\n```\n\n"
    let paragraph = String(repeating: "Lorem ipsum dolor sit amet, gradient descent. ", count: 20) + "\n\n"
    text += String(repeating: paragraph, count: 50_000_000 / paragraph.utf8.count)
    text += "```descent\nprint x\n"  // an unclosed last cell
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let outcome = Guarded.run(timeout: 60) { () -> Outcome in
      guard let notebook = try? Notebook.read(path: path) else { return Outcome(place: "-", message: "unreadable") }
      return Outcome(place: notebook.issues.first?.line.map(String.init) ?? "-", message: notebook.issues.first?.message ?? "")
    }
    let result = try #require(outcome, "reading a 50 MB notebook took over 60 s")
    #expect(result.message.contains("never closed"))
  }

  // MARK: - Files outside the notebook's folder, files descent did not write

  @Test func loadOutsideTheNotebookFolderNeedsAllowRead() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("descent-read-\(getpid())")
    let lesson = root.appendingPathComponent("lesson")
    let other = root.appendingPathComponent("other")
    try FileManager.default.createDirectory(at: lesson, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    try Data("x,y\n1,2\n".utf8).write(to: other.appendingPathComponent("d.csv"))
    try Data("x,y\n1,2\n".utf8).write(to: lesson.appendingPathComponent("ok.csv"))
    try FileManager.default.createSymbolicLink(
      at: lesson.appendingPathComponent("link.csv"), withDestinationURL: other.appendingPathComponent("d.csv"))
    func run(_ code: String, allowRead: [String] = []) -> String? {
      let path = lesson.appendingPathComponent("n.md").path
      let notebook = Notebook(bytes: Array("```descent\n\(code)\n```\n".utf8), path: path)
      let results = CellRunner(notebook: notebook, settings: RunSettings(allowRead: allowRead)).run()
      return results.first?.error?.message
    }
    #expect(run("load \"ok.csv\"") == nil)
    #expect(run("load \"../other/d.csv\"")?.contains("outside") == true)
    #expect(run("load \"\(other.path)/d.csv\"")?.contains("outside") == true)
    #expect(run("load \"link.csv\"")?.contains("outside") == true)
    #expect(run("load \"../other/d.csv\"", allowRead: [other.path]) == nil)
    #expect(run("load \"link.csv\"", allowRead: [other.path]) == nil)
  }

  @Test func plotReplacesOnlyFilesDescentWrote() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-plot-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let mine = folder.appendingPathComponent("mine.svg")
    try Data("<svg>precious</svg>".utf8).write(to: mine)
    func run(_ code: String, force: Bool = false) -> String? {
      let session = Session(output: BufferSink())
      session.baseDirectory = folder.path
      session.allowOverwrite = force
      return session.run(Source(name: "t", text: code)).diagnostics.first?.message
    }
    #expect(run("plot [1, 2], [3, 4] to \"mine.svg\"")?.hasPrefix("will not replace mine.svg") == true)
    #expect(try String(contentsOf: mine, encoding: .utf8) == "<svg>precious</svg>")
    #expect(run("plot [1, 2], [3, 4] to \"new.svg\"") == nil)
    #expect(run("plot [1, 2], [5, 6] to \"new.svg\"") == nil, "descent replaces its own figure")
    #expect(run("plot [1, 2], [3, 4] to \"mine.svg\"", force: true) == nil)
    #expect(try String(contentsOf: mine, encoding: .utf8).hasPrefix("<!-- made by descent -->"))
  }
}

/// Runs work on a thread with the 8 MB stack of a command-line run; nil
/// when it does not finish in time (the thread is then abandoned).
enum Guarded {
  final class Box<T>: @unchecked Sendable {
    var value: T?
    let done = DispatchSemaphore(value: 0)
  }

  static func run<T>(timeout: Double, _ work: @escaping @Sendable () -> T) -> T? {
    let box = Box<T>()
    let thread = Thread {
      box.value = work()
      box.done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    return box.done.wait(timeout: .now() + timeout) == .success ? box.value : nil
  }
}
