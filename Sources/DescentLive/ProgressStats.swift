#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The numbers a live view shows about a run, from samples of its step
/// count and error taken over time: the rate, the time left, the best
/// error, how far a `train until` is from its target, and whether the
/// error is running away.
///
/// Pure arithmetic on the samples it is given (the caller supplies the
/// clock), so it is tested without timing anything.
public struct ProgressStats: Sendable, Equatable {
  /// Steps asked for (nil: open-ended).
  public var total: Int?
  /// The error a `train until` stops below (nil: none).
  public var target: Double?

  /// Seconds since the run started, at the latest sample.
  public private(set) var elapsed = 0.0
  /// The latest step.
  public private(set) var step = 0
  /// The latest error.
  public private(set) var error = Double.nan
  /// The smallest error seen.
  public private(set) var bestError = Double.infinity
  /// The first error seen.
  public private(set) var firstError = Double.nan

  /// Recent (time, step) samples, oldest first, spanning about `window`
  /// seconds: the rate is measured over them, so it follows a run that
  /// speeds up or slows down without jumping at every sample.
  private var recent: [Sample] = []
  private struct Sample: Sendable, Equatable {
    var time: Double
    var step: Int
  }
  /// Seconds of samples the rate is measured over.
  public static let window = 2.0

  /// Stats for a run of `total` steps towards `target`.
  public init(total: Int?, target: Double? = nil) {
    self.total = total
    self.target = target
  }

  /// Takes a sample: `time` seconds since the start, the step reached, its
  /// error and the best error so far (the run may have passed a better one
  /// between samples).
  public mutating func record(time: Double, step: Int, error: Double, bestError: Double) {
    elapsed = time
    if firstError.isNaN && step > 0 { firstError = error }
    if recent.last.map({ step < $0.step }) ?? false { recent.removeAll() }  // a new run
    self.step = step
    self.error = error
    self.bestError = Swift.min(self.bestError, bestError, error.isNaN ? .infinity : error)
    recent.append(Sample(time: time, step: step))
    while recent.count > 2, recent[1].time <= time - Self.window { recent.removeFirst() }
  }

  /// Steps per second over the recent samples; nil until they span a
  /// twentieth of a second.
  public var stepsPerSecond: Double? {
    guard let first = recent.first, let last = recent.last, last.time - first.time >= 0.05 else {
      return nil
    }
    return Double(last.step - first.step) / (last.time - first.time)
  }

  /// Seconds until `total` steps at the current rate; nil when open-ended,
  /// unknown, or stalled.
  public var secondsLeft: Double? {
    guard let total, let rate = stepsPerSecond, rate > 0 else { return nil }
    return Double(Swift.max(0, total - step)) / rate
  }

  /// The fraction of `total` done, 0...1.
  public var fractionDone: Double? {
    guard let total, total > 0 else { return nil }
    return Swift.min(1, Double(step) / Double(total))
  }

  /// How many powers of ten the best error still is above the target
  /// (0 once it is met); nil without a target or a usable error.
  public var decadesToTarget: Double? {
    guard let target, bestError.isFinite else { return nil }
    if bestError < target { return 0 }
    guard target > 0, bestError > 0 else { return nil }
    return Swift.max(0, log10(bestError / target))
  }

  /// Whether the error is running away: not a number, infinite, or a
  /// thousand times above both its best and its start.
  public var isDiverging: Bool {
    guard step > 0 else { return false }
    if !error.isFinite { return true }
    guard bestError.isFinite, firstError.isFinite else { return false }
    return error > 1000 * Swift.max(bestError, firstError) && error > 0
  }
}
