#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Installs plain signal handlers for the interactive front ends (Ctrl-C in
/// the REPL and the kernel, SIGWINCH for the live view, SIGHUP when a
/// kernel's parent dies), in one place because `sigaction`'s handler field
/// is spelt differently by glibc and by Darwin.
public enum SignalHandler {
  /// Runs `handler` on whichever thread receives `signal`, restarting
  /// interrupted system calls. The handler may only do async-signal-safe
  /// work: atomic stores through an `InterruptFlag.Handle`, `write`, `_exit`.
  public static func install(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
    var action = sigaction()
    #if canImport(Glibc)
      action.__sigaction_handler.sa_handler = handler
    #elseif canImport(Darwin)
      action.__sigaction_u.__sa_handler = handler
    #endif
    action.sa_flags = SA_RESTART
    sigemptyset(&action.sa_mask)
    sigaction(signal, &action, nil)
  }
}
