import Foundation

/// Graphviz's `dot`, run as a separate program (Debian's `graphviz`,
/// installed by scripts/setup) to lay out a graph as SVG.
///
/// Run directly, never through a shell, with a time limit: a layout that
/// does not finish is ended and reported, so `show graph` cannot hang.
enum Graphviz {
  /// Why there is no SVG.
  struct Failure: Error {
    let message: String
  }

  /// How long `dot` may take, in seconds.
  static let timeLimit = 20.0

  /// The `dot` program on the PATH (or in /usr/bin), if there is one.
  static func findExecutable() -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
    return folders.map { $0 + "/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// The graph laid out as an `<svg>` element (the XML prolog removed, so
  /// it can sit inside HTML).
  static func svg(fromDot source: String, program: String? = nil) throws -> String {
    guard let executable = program ?? findExecutable(), FileManager.default.isExecutableFile(atPath: executable) else {
      throw Failure(message: "Graphviz is not installed (its 'dot' program draws the graph; on Debian: apt-get install graphviz)")
    }
    // The graph goes in through a file, not a pipe: a `dot` that stopped
    // reading early would otherwise end this process with SIGPIPE.
    let file = NSTemporaryDirectory() + "descent-graph-\(UUID().uuidString).dot"
    guard FileManager.default.createFile(atPath: file, contents: Data(source.utf8)) else {
      throw Failure(message: "cannot write the graph for Graphviz to \(file)")
    }
    defer { try? FileManager.default.removeItem(atPath: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["-Tsvg", file]
    let output = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    do {
      try process.run()
    } catch {
      throw Failure(message: "Graphviz's dot could not start: \(error.localizedDescription)")
    }
    // Read on a thread of its own: a large drawing fills the pipe before `dot` ends.
    let collected = LockedData()
    let readerDone = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      collected.set(output.fileHandleForReading.readDataToEndOfFile())
      readerDone.signal()
    }
    guard finished.wait(timeout: .now() + timeLimit) == .success else {
      process.terminate()
      if finished.wait(timeout: .now() + 2) != .success { kill(process.processIdentifier, SIGKILL) }
      throw Failure(message: "Graphviz's dot took longer than \(Int(timeLimit)) s and was stopped")
    }
    _ = readerDone.wait(timeout: .now() + 5)
    guard process.terminationStatus == 0, let text = String(data: collected.get(), encoding: .utf8),
      let start = text.range(of: "<svg")
    else {
      throw Failure(message: "Graphviz's dot failed (status \(process.terminationStatus))")
    }
    return String(text[start.lowerBound...])
  }
}

/// Data handed from the reading thread to the caller.
private final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  func set(_ value: Data) {
    lock.lock()
    data = value
    lock.unlock()
  }
  func get() -> Data {
    lock.lock()
    defer { lock.unlock() }
    return data
  }
}
