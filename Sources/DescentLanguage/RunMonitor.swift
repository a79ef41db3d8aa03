import DescentEngine
import Synchronization

/// What another thread may read of a running session (the REPL's live
/// view): the loop iterations and train steps counted so far this run,
/// and whether the learner wants the live view (`live on|off`).
///
/// It owns the session's step counter, so a watcher holding it never reads
/// freed memory. The count is sampled without synchronisation on purpose:
/// the loops that update it must stay a plain add, and a watcher only needs
/// a recent value of an aligned machine word.
public final class RunMonitor: @unchecked Sendable {
  /// The session's counter (loops add to it directly).
  let counter: UnsafeMutablePointer<StepCounter>
  private let live = Atomic<Bool>(true)

  init() {
    counter = .allocate(capacity: 1)
    counter.initialize(to: StepCounter())
  }

  deinit {
    counter.deinitialize(count: 1)
    counter.deallocate()
  }

  /// Loop iterations plus finished train steps of the current run, as last
  /// written by the running thread.
  public var stepsSoFar: Int { counter.pointee.steps }

  /// Whether long work may show a live view (`live on`, the default).
  public var liveViewEnabled: Bool {
    get { live.load(ordering: .relaxed) }
    set { live.store(newValue, ordering: .relaxed) }
  }
}

/// Watches `train` statements as they run; a REPL at a terminal installs one
/// (`session.domain.trainingObserver`) to draw a live view. The session calls it on
/// the running thread; the observer samples the progress record from its own.
public protocol TrainingObserver: AnyObject {
  /// A `train` statement starts publishing to `progress`.
  func trainingStarted(_ progress: TrainingProgress)
  /// It ended: how it stopped, or nil when it ended with an error.
  func trainingEnded(_ progress: TrainingProgress, stop: TrainingStop?)
}
