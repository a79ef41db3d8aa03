import CZeroMQ

#if canImport(Glibc)
  import Glibc
#endif

/// Makes the kernel end with the process that started it (a notebook
/// server, nbclient), so no kernel is left running as an orphan.
enum ParentWatch {
  /// The parent when the kernel started: `JPY_PARENT_PID` if Jupyter set
  /// it, else the process's parent then.
  nonisolated(unsafe) private static var parent: pid_t = 0

  /// Asks Linux for SIGTERM when the parent dies, and remembers the parent.
  static func start() {
    parent = getenv("JPY_PARENT_PID").flatMap { Int32(String(cString: $0)) } ?? getppid()
    #if os(Linux)
      _ = descent_set_parent_death_signal(SIGTERM)
    #endif
  }

  /// Whether the parent has gone (the kernel was re-parented, or the
  /// named process no longer exists).
  static var parentIsGone: Bool {
    guard parent > 1 else { return false }
    if getppid() == parent { return false }
    return kill(parent, 0) != 0 && errno == ESRCH
  }
}
