import Synchronization

/// A record a training run publishes its progress to, for a watcher on
/// another thread (the REPL's live view) to sample: the latest step and
/// error, and a thinned curve of errors so far.
///
/// The run publishes only every `interval` steps, and the interval adapts
/// so that publishing happens about every millisecond whatever a step
/// costs: a one-weight step (a nanosecond) publishes every million or so
/// steps, a network epoch every step. Between publishes the hot loop pays
/// one integer comparison. Nothing here prints or draws.
public final class TrainingProgress: Sendable, Hashable {
  /// Steps (or epochs) the run is asked for; nil for an open-ended run.
  public let total: Int?
  /// The error target of `train until`, if any.
  public let target: ErrorTarget?
  /// Whether a step is an epoch over a data set (a network).
  public let countsEpochs: Bool

  /// What a watcher sees at one moment.
  public struct Snapshot: Sendable {
    /// The last step published (0 before the first).
    public var step: Int
    /// That step's error.
    public var error: Double
    /// The smallest error published so far.
    public var bestError: Double
    /// The first step's error.
    public var firstError: Double
    /// (step, error) points, evenly thinned past `curveCapacity`.
    public var curve: [(step: Int, error: Double)]
  }

  /// Most points kept in the curve; past it, every other point is dropped
  /// and points are taken half as often.
  public static let curveCapacity = 512

  private struct State {
    var snapshot = Snapshot(step: 0, error: .nan, bestError: .infinity, firstError: .nan, curve: [])
    var curveStride = 1
    var nextCurveStep = 1
    var interval = 1
    var lastPublish: ContinuousClock.Instant?
  }
  private let state = Mutex(State())

  /// A record for a run of `total` steps (nil: open-ended) towards `target`.
  public init(total: Int?, target: ErrorTarget? = nil, countsEpochs: Bool = false) {
    self.total = total
    self.target = target
    self.countsEpochs = countsEpochs
  }

  /// The latest published values and the curve so far.
  public func snapshot() -> Snapshot {
    state.withLock { $0.snapshot }
  }

  /// Records step `step`'s error; returns the step at which to publish next.
  /// Called by the training loop only (one writer).
  public func publish(step: Int, error: Double) -> Int {
    let now = ContinuousClock.now
    return state.withLock { s in
      if s.snapshot.step == 0 { s.snapshot.firstError = error }
      s.snapshot.step = step
      s.snapshot.error = error
      if error < s.snapshot.bestError { s.snapshot.bestError = error }
      if step >= s.nextCurveStep {
        if s.snapshot.curve.count >= Self.curveCapacity {
          s.snapshot.curve = s.snapshot.curve.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
          s.curveStride *= 2
        }
        s.snapshot.curve.append((step, error))
        s.nextCurveStep = step + s.curveStride
      }
      // Aim at one publish per millisecond or two: more often costs the
      // loop, less often makes the curve and the step count lag.
      if let last = s.lastPublish {
        let elapsed = now - last
        if elapsed < .microseconds(1000), s.interval < 1 << 40 {
          s.interval *= 2
        } else if elapsed > .microseconds(4000), s.interval > 1 {
          s.interval /= 2
        }
      }
      s.lastPublish = now
      return step + Swift.min(s.interval, Swift.max(1, s.nextCurveStep - step))
    }
  }

  /// Records where the run ended (the watcher draws its last frame from it).
  public func finish(step: Int, error: Double?) {
    state.withLock { s in
      s.snapshot.step = step
      if let error {
        s.snapshot.error = error
        if error < s.snapshot.bestError { s.snapshot.bestError = error }
        if s.snapshot.curve.last?.step != step, step > 0 { s.snapshot.curve.append((step, error)) }
      }
    }
  }

  public static func == (a: TrainingProgress, b: TrainingProgress) -> Bool { a === b }
  public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
