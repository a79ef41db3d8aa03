import DescentEngine
import DescentLanguage
import DescentLive

#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT (Jupyter's `interrupt_mode: signal`) raises the session's
/// interrupt flag: a long `train` stops within a step, as Ctrl-C does in
/// the REPL. Unlike the REPL, a second SIGINT never ends the kernel.
///
/// A plain handler rather than a dispatch source, for the reason the REPL
/// gives: OpenBLAS threads may receive the signal, and all the handler does
/// is an atomic store through the flag's handle.
enum KernelSignals {
  /// Keeps the session (and so its flag) alive while the handler may run.
  nonisolated(unsafe) private static var target: Session?
  /// The flag the handler raises. Written once before the handler is
  /// installed; the handler only reads it (a pointer: no reference count).
  nonisolated(unsafe) private static var flag: InterruptFlag.Handle?

  static func forwardInterrupts(to session: Session) {
    target = session
    flag = session.interrupt.handle
    SignalHandler.install(SIGINT) { _ in KernelSignals.flag?.raise() }
  }
}
