import Synchronization

/// A flag that asks long work to stop, checked once per training step.
///
/// Raise it from anywhere (a signal handler on Ctrl-C, a timer); trainers
/// read it with relaxed ordering, which costs one plain load per step, and
/// stop cleanly with their state intact, reporting `interrupted`.
/// A class because every holder must see the same flag.
public final class InterruptFlag: @unchecked Sendable {
  /// A plain pointer to the flag, for hot loops and signal handlers.
  public let handle: Handle

  /// A flag that is not raised.
  public init() {
    let storage = UnsafeMutablePointer<Atomic<Bool>>.allocate(capacity: 1)
    storage.initialize(to: Atomic(false))
    handle = Handle(storage: storage)
  }

  deinit {
    handle.storage.deinitialize(count: 1)
    handle.storage.deallocate()
  }

  /// Asks running work to stop at its next check.
  public func raise() { handle.raise() }

  /// Lowers the flag, so new work can run.
  public func reset() { handle.storage.pointee.store(false, ordering: .relaxed) }

  /// Whether stopping has been requested.
  @inlinable public var isRaised: Bool { handle.isRaised }

  /// The flag's storage, reached without the flag's reference count: what
  /// a signal handler holds, so that raising is one atomic store and
  /// nothing else (no retain, no release, no allocation: async-signal-safe).
  /// Valid while its flag lives; whoever installs the handler keeps the flag.
  public struct Handle: @unchecked Sendable {
    @usableFromInline let storage: UnsafeMutablePointer<Atomic<Bool>>

    /// Asks running work to stop at its next check.
    @inlinable public func raise() { storage.pointee.store(true, ordering: .relaxed) }

    /// Whether stopping has been requested.
    @inlinable public var isRaised: Bool { storage.pointee.load(ordering: .relaxed) }
  }
}
