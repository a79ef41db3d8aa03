import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive lock on a notebook, so two `descent run --update` runs on
/// the same file do not interleave their writes. It is an `flock` on a
/// hidden lock file beside the notebook (`.NAME.md.lock`), removed when the
/// lock is released; the kernel releases it if the process dies.
public final class FileLock {
  private let lockPath: String
  private var fd: Int32 = -1

  /// The lock file's path for a notebook.
  static func lockPath(for path: String) -> String {
    let directory = (path as NSString).deletingLastPathComponent
    return (directory.isEmpty ? "" : directory + "/") + "." + (path as NSString).lastPathComponent + ".lock"
  }

  /// Takes the lock for `path`, waiting up to `timeout` seconds for another
  /// holder; nil when it could not be had in time.
  public init?(for path: String, timeout: Double = 10) {
    lockPath = Self.lockPath(for: path)
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let candidate = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard candidate >= 0 else { return nil }
      if flock(candidate, LOCK_EX | LOCK_NB) == 0 {
        // The holder before us may have removed the file after we opened
        // it; then our lock is on a file nobody else sees: start again.
        var held = stat()
        var current = stat()
        if fstat(candidate, &held) == 0, stat(lockPath, &current) == 0, held.st_ino == current.st_ino {
          fd = candidate
          return
        }
      }
      close(candidate)
      if Date() >= deadline { return nil }
      usleep(50_000)
    }
  }

  deinit { release() }

  /// Releases the lock and removes the lock file.
  public func release() {
    guard fd >= 0 else { return }
    unlink(lockPath)
    close(fd)
    fd = -1
  }
}
