import Synchronization

/// A flag that asks long work to stop, checked once per training step.
///
/// Raise it from anywhere (a signal-handling thread on Ctrl-C, a timer);
/// trainers read it with relaxed ordering, which costs one plain load per
/// step, and stop cleanly with their state intact, reporting `interrupted`.
/// A class because every holder must see the same flag.
public final class InterruptFlag: Sendable {
  @usableFromInline let raised = Atomic<Bool>(false)

  /// A flag that is not raised.
  public init() {}

  /// Asks running work to stop at its next check.
  public func raise() { raised.store(true, ordering: .relaxed) }

  /// Lowers the flag, so new work can run.
  public func reset() { raised.store(false, ordering: .relaxed) }

  /// Whether stopping has been requested.
  @inlinable public var isRaised: Bool { raised.load(ordering: .relaxed) }
}
