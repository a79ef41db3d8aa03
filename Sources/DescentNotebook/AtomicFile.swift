import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a file so that readers, and a run killed half-way, only ever see
/// the old complete file or the new complete file: the bytes go to a
/// temporary file in the same folder, are flushed to disk, and the
/// temporary file is renamed over the target (rename is atomic in one
/// file system).
public enum AtomicFile {
  /// Why a write failed, in words for the user.
  public struct WriteError: Error, CustomStringConvertible {
    public var description: String
  }

  /// The prefix of temporary files for `path`, so stale ones can be found.
  static func temporaryPrefix(for path: String) -> String {
    "." + (path as NSString).lastPathComponent + ".tmp-"
  }

  /// Writes `bytes` to `path` atomically, keeping the file's permissions.
  /// `failAfter` makes the write fail after that many bytes (for tests).
  public static func write(_ bytes: [UInt8], to path: String, failAfter: Int? = nil) throws(WriteError) {
    let directory = { let d = (path as NSString).deletingLastPathComponent; return d.isEmpty ? "." : d }()
    var template = Array((directory + "/" + temporaryPrefix(for: path) + "XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkstemp($0) } ?? -1
    }
    guard fd >= 0 else { throw WriteError(description: "cannot create a file in \(directory): \(errorText())") }
    let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var finished = false
    defer {
      if !finished {
        close(fd)
        unlink(temporary)
      }
    }
    var mode: mode_t = 0o644
    var info = stat()
    if stat(path, &info) == 0 { mode = info.st_mode & 0o7777 }
    fchmod(fd, mode)

    let limit = min(bytes.count, failAfter ?? bytes.count)
    var offset = 0
    while offset < limit {
      let n = bytes.withUnsafeBytes { buffer in
        buffer.baseAddress.map { Glibc.write(fd, $0 + offset, limit - offset) } ?? -1
      }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw WriteError(description: "cannot write \(path): \(errorText())") }
      offset += n
    }
    if failAfter != nil && limit < bytes.count {
      throw WriteError(description: "cannot write \(path): write failed on purpose after \(limit) bytes")
    }
    guard fsync(fd) == 0 else { throw WriteError(description: "cannot write \(path): \(errorText())") }
    close(fd)
    finished = true
    guard rename(temporary, path) == 0 else {
      let text = errorText()
      unlink(temporary)
      throw WriteError(description: "cannot replace \(path): \(text)")
    }
    // Make the rename itself durable.
    let directoryFD = open(directory, O_RDONLY)
    if directoryFD >= 0 {
      fsync(directoryFD)
      close(directoryFD)
    }
  }

  /// Removes temporary files a killed run left beside `path`; call it only
  /// while holding the notebook's lock, so no live run's file is removed.
  static func removeStaleTemporaries(for path: String) {
    let directory = (path as NSString).deletingLastPathComponent
    let folder = directory.isEmpty ? "." : directory
    let prefix = temporaryPrefix(for: path)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names where name.hasPrefix(prefix) {
      unlink(folder + "/" + name)
    }
  }

  static func errorText() -> String {
    String(cString: strerror(errno))
  }
}
