import ArgumentParser
import DescentLanguage
import Foundation

/// Reading a script named on the command line, for `run`, `parse`, `export`
/// and the REPL's `:load`.
enum ScriptFile {
  /// The name that means standard input, as in most Unix tools.
  static let standardInputName = "-"

  /// The file's text as a `Source`; a file that cannot be read or is not
  /// UTF-8 is reported on standard error and ends the command (usage error).
  /// `-` reads standard input; pipes and FIFOs (`/dev/stdin`, `<(...)`) are
  /// read to their end.
  static func read(_ path: String) throws -> Source {
    let data = try readOrExit(path)
    guard let text = String(validating: data, as: UTF8.self) else {
      Terminal.standardError("descent: \(path) is not UTF-8 text\n")
      throw ExitCode(ExitStatus.usage)
    }
    return Source(name: path == standardInputName ? "<stdin>" : path, text: text)
  }

  /// The folder a script's `load` reads relative to: the script's own, or
  /// the current one for standard input.
  static func directory(of path: String) -> String {
    guard path != standardInputName else { return FileManager.default.currentDirectoryPath }
    return URL(fileURLWithPath: path).deletingLastPathComponent().path
  }

  /// The file's bytes, or a "cannot read" line on standard error and the
  /// usage exit code.
  static func readOrExit(_ path: String) throws -> Data {
    switch contents(of: path) {
    case .success(let data): return data
    case .failure(let failure):
      Terminal.standardError("descent: \(failure.message)\n")
      throw ExitCode(ExitStatus.usage)
    }
  }

  /// Why a file could not be read: "cannot read NAME: REASON".
  struct ReadFailure: Error {
    var message: String
  }

  /// Every byte of a file, a pipe or a FIFO (`-` is standard input), read
  /// to the end; or the reason it cannot be read, in the system's words
  /// (`No such file or directory`, `Permission denied`, `Is a directory`).
  static func contents(of path: String, shownAs shown: String? = nil) -> Result<Data, ReadFailure> {
    let name = shown ?? path
    let descriptor = path == standardInputName ? 0 : open(path, O_RDONLY)
    guard descriptor >= 0 else { return .failure(failure(name, errno)) }
    defer { if descriptor != 0 { close(descriptor) } }
    var info = stat()
    if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
      return .failure(failure(name, EISDIR))
    }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { return .success(data) }
      if count < 0 {
        if errno == EINTR { continue }
        return .failure(failure(name, errno))
      }
      data.append(contentsOf: buffer[0..<count])
    }
  }

  private static func failure(_ name: String, _ code: Int32) -> ReadFailure {
    ReadFailure(message: "cannot read \(name): \(String(cString: strerror(code)))")
  }
}
