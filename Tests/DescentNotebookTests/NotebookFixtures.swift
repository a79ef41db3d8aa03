import Foundation
import Testing

@testable import DescentNotebook

/// Shared helpers: the test notebooks, scratch folders, in-process runs and
/// the built `descent` binary.
enum NotebookFixtures {
  /// `Tests/DescentNotebookTests/Notebooks/`.
  static let notebooks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Notebooks")
  /// The package's root folder.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The bytes of a test notebook.
  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: notebooks.appendingPathComponent(name)))
  }

  /// A fresh empty folder under the temporary directory.
  static func scratchFolder() throws -> String {
    let path = NSTemporaryDirectory() + "descent-notebook-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Writes `bytes` as `name` in a fresh folder and returns the file's path.
  static func scratchNotebook(_ name: String, _ bytes: [UInt8]) throws -> String {
    let path = try scratchFolder() + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Parses text as a notebook at a made-up path.
  static func notebook(_ text: String, path: String = "/tmp/test.md") -> Notebook {
    Notebook(bytes: Array(text.utf8), path: path)
  }

  /// Runs `descent run --update` in process; returns the results.
  @discardableResult
  static func update(_ path: String) throws -> [CellResult] {
    let notebook = try Notebook.read(path: path)
    let results = CellRunner(notebook: notebook).run()
    _ = try NotebookUpdater.update(notebook, results: results)
    return results
  }

  /// The file's current bytes.
  static func read(_ path: String) -> [UInt8] {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
  }

  /// The notebook with every cell's output and figure lines removed: what
  /// an update must leave unchanged.
  static func prose(_ bytes: [UInt8]) -> [UInt8] {
    let notebook = Notebook(bytes: bytes, path: "/tmp/prose.md")
    let lines = TextLines(bytes)
    var out: [UInt8] = []
    var next = 1
    for cell in notebook.cells {
      out += bytes[lines.offset(ofLine: next)..<lines.offset(ofLine: cell.closingLine + 1)]
      next = cell.lastLine + 1
    }
    out += bytes[lines.offset(ofLine: next)...]
    return out
  }

  /// The built `descent` executable, if `swift build` made one.
  static var binary: String? {
    let path = packageRoot.appendingPathComponent(".build/debug/descent").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }

  /// Runs the binary; returns exit status, standard output and error.
  static func runDescent(_ arguments: [String], in directory: String? = nil) throws -> (
    status: Int32, out: String, err: String
  ) {
    guard let binary else { throw CommandError.noBinary }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
  }

  enum CommandError: Error { case noBinary }
}
