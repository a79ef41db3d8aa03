import CZeroMQ
import DescentLive

#if canImport(Glibc)
  import Glibc
#endif

/// Makes the kernel end with the process that started it (a notebook
/// server, nbclient), so no kernel is left running as an orphan.
enum ParentWatch {
  /// The parent when the kernel started.
  nonisolated(unsafe) private static var parent: pid_t = 0
  /// The process `JPY_PARENT_PID` names (Jupyter's server, when a launcher
  /// sits between), if it was alive when the kernel started.
  nonisolated(unsafe) private static var namedParent: pid_t?

  /// Asks Linux for a signal when the parent dies, and remembers the parents.
  ///
  /// Linux sends the "parent death" signal when the *thread* that started
  /// the kernel ends, even if its process lives on (a launcher's worker
  /// thread, say). So the signal is SIGHUP with a handler that ends the
  /// kernel only when it really was re-parented; by the time the signal
  /// arrives, getppid() already names the new parent.
  static func start() {
    parent = getppid()
    if let named = getenv("JPY_PARENT_PID").flatMap({ pid_t(String(cString: $0)) }), named > 1,
      named != parent, kill(named, 0) == 0
    {
      namedParent = named
    }
    SignalHandler.install(SIGHUP) { _ in
      if getppid() != ParentWatch.parent { _exit(0) }
    }
    _ = descent_set_parent_death_signal(SIGHUP)
    // The parent may have died before the request took effect.
    if getppid() != parent { _exit(0) }
  }

  /// Whether the parent has gone: the kernel was re-parented, or the
  /// process `JPY_PARENT_PID` named no longer exists.
  static var parentIsGone: Bool {
    if parent > 1, getppid() != parent { return true }
    if let namedParent, kill(namedParent, 0) != 0, errno == ESRCH { return true }
    return false
  }
}
