import DescentEngine

/// The domain side of a session: what `train`, `plot`, `show`, `predict`,
/// `check gradient` and the networks keep between statements — the last
/// training, the focus, and the live view of a running `train`.
///
/// `Session` is the language core (variables, settings, output, the step
/// counter, call depth, the random generators) and knows nothing of
/// training; it holds one `DomainRuntime` (`session.domain`), through which
/// every domain statement goes. The runtime reads and writes the learner's
/// variables through its session. Its work is per statement: the per-step
/// loops live in the engine, so nothing here is on a hot path except the
/// focus (see `focusSlot`).
///
/// Its work is spread over one file per statement family, as extensions:
/// Training.swift (`train`), Networks.swift, Inspection.swift (`show`,
/// `predict`, `check gradient`), Charts.swift and Plotting.swift (`plot`),
/// DomainStatements.swift (`load`).
public final class DomainRuntime {
  /// The language core this runtime works through: the session that owns it.
  unowned let session: Session

  /// Shows `explore` statements (slider, keys, every frame); nil runs the
  /// block once at its start value, as pipes, files and checks need.
  public weak var explorer: Explorer?
  /// True while an `explore` block runs: one may not start inside another.
  var exploring = false

  /// Watches long `train` statements (the REPL's live view); nil in pipes,
  /// files, notebooks and tests, where output must stay exactly as it is.
  public weak var trainingObserver: TrainingObserver?
  /// The progress record of the `train` being watched, if any.
  var liveProgress: TrainingProgress?
  /// The last training, for `show history`, `plot error` and the variables.
  var lastTraining: TrainingRecord?
  /// An error raised inside an engine callback (a verbose line over the
  /// output limit): the callback raises the interrupt flag so the engine
  /// stops at once, and `train` reports this instead of an interruption.
  var pendingError: Diagnostic?

  /// What the learner worked on last (see `Focus`), behind a pointer: an
  /// assignment to `weight` in a hot loop sets it, and a store through a
  /// pointer the loop's code holds is one plain write.
  let focusSlot: UnsafeMutablePointer<Focus>

  /// What the learner worked on last: `predict` and `check gradient` look at it.
  var focus: Focus {
    get { focusSlot.pointee }
    set { focusSlot.pointee = newValue }
  }

  init(session: Session) {
    self.session = session
    focusSlot = .allocate(capacity: 1)
    focusSlot.initialize(to: .unknown)
  }

  deinit {
    focusSlot.deinitialize(count: 1)
    focusSlot.deallocate()
  }

  /// Forgets the last training (`Session.reset`); the focus is left as it is.
  func reset() {
    lastTraining = nil
  }
}

/// The model `predict` and `check gradient` look at, when both a
/// `weight(s)` and a network exist.
enum Focus {
  case unknown
  /// `weight` / `weights` with `input` and `goal`.
  case weights
  /// A network with `inputs` and `goals`.
  case network
}
