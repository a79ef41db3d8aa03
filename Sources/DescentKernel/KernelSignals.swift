import DescentLanguage

#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT (Jupyter's `interrupt_mode: signal`) raises the session's
/// interrupt flag: a long `train` stops within a step, as Ctrl-C does in
/// the REPL. Unlike the REPL, a second SIGINT never ends the kernel.
///
/// A plain handler rather than a dispatch source, for the reason the REPL
/// gives: OpenBLAS threads may receive the signal, and all the handler does
/// is an atomic store.
enum KernelSignals {
  /// Written once before the handler is installed; the handler only reads it.
  nonisolated(unsafe) private static var target: Session?

  static func forwardInterrupts(to session: Session) {
    target = session
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in KernelSignals.target?.interrupt.raise() }
    action.sa_flags = SA_RESTART
    sigemptyset(&action.sa_mask)
    sigaction(SIGINT, &action, nil)
  }
}
