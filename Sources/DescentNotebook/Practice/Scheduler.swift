import Foundation

/// An exercise's place in the SM-2 schedule (SuperMemo 2, P. A. Wozniak,
/// 1990): how many successful reviews in a row, the current interval, the
/// easiness factor, and when it is next due.
public struct ReviewState: Codable, Sendable, Hashable {
  public var repetitions = 0
  /// Days until the next review, after the last one.
  public var interval = 0
  /// The E-Factor: 2.5 for a new item, never below 1.3.
  public var easiness = 2.5
  public var due: Date
  /// The level the learner practises at next (1 cloze … 3 from scratch).
  public var level = 1
  public var reviews = 0
  public var passes = 0
  public var lastReviewed: Date?
  /// When a review graded below 4 started a same-day re-drill that has not
  /// passed yet; nil when none is pending. Optional so progress files
  /// written before re-drills existed still read.
  public var redrillSince: Date?

  /// A new exercise, due at once.
  public init(due: Date) {
    self.due = due
  }
}

/// SM-2 and the rule that turns a result into its quality grade.
public enum Scheduler {
  /// The quality (0–5) of a review from its result and time taken.
  ///
  /// A failure is 1 when the answer stopped with an error, 2 when it ran
  /// but behaved differently. A pass is graded on time against 15 s per
  /// line the level asks for: within half of that 5, within twice 4,
  /// slower 3. Without a time (an answer read from a pipe) a pass is 4.
  public static func quality(passed: Bool, stoppedWithError: Bool, seconds: Double?, linesToWrite: Int)
    -> Int
  {
    guard passed else { return stoppedWithError ? 1 : 2 }
    guard let seconds else { return 4 }
    let expected = 15.0 * Double(max(1, linesToWrite))
    if seconds <= expected / 2 { return 5 }
    if seconds <= expected * 2 { return 4 }
    return 3
  }

  /// The state after a review of quality `q` at `now`.
  ///
  /// Wozniak's SM-2: with q ≥ 3 the intervals are I(1) = 1 day, I(2) = 6,
  /// then I(n) = I(n−1) × EF rounded to whole days, with the EF the item
  /// has before this review's update; with q < 3 the repetitions start
  /// again from I(1). After every review EF' = EF + (0.1 − (5−q)(0.08 +
  /// (5−q)·0.02)), at least 1.3.
  ///
  /// The level rises after a pass of quality 4 or 5 (up to `maxLevel`)
  /// and falls after a failure (down to 1).
  /// `passed` says whether the answer passed, for the statistics, when a
  /// learner's own grade overrides the quality.
  public static func review(
    _ state: ReviewState, quality q: Int, passed: Bool? = nil, now: Date, maxLevel: Int = 3
  ) -> ReviewState {
    let q = min(5, max(0, q))
    var next = state
    if q >= 3 {
      switch state.repetitions {
      case 0: next.interval = 1
      case 1: next.interval = 6
      default: next.interval = Int((Double(state.interval) * state.easiness).rounded())
      }
      next.repetitions += 1
    } else {
      next.repetitions = 0
      next.interval = 1
    }
    let miss = Double(5 - q)
    next.easiness = max(1.3, state.easiness + (0.1 - miss * (0.08 + miss * 0.02)))
    next.due = now.addingTimeInterval(Double(next.interval) * 86_400)
    next.reviews += 1
    if passed ?? (q >= 3) { next.passes += 1 }
    if q >= 4 { next.level = min(maxLevel, state.level + 1) }
    if q < 3 { next.level = max(1, state.level - 1) }
    next.lastReviewed = now
    next.redrillSince = q < redrillPassingQuality ? now : nil
    return next
  }

  // MARK: - Same-day re-drill

  /// The grade a re-drill must reach. Wozniak: "After each repetition
  /// session of a given day repeat again all items that scored below four
  /// in the quality assessment. Continue the repetitions until all of
  /// these items score at least four."
  public static let redrillPassingQuality = 4

  /// Whether `state` is waiting for a re-drill in the sitting of `now`
  /// (the same calendar day as the review that asked for it).
  public static func needsRedrill(_ state: ReviewState, now: Date, calendar: Calendar = .current) -> Bool {
    guard let since = state.redrillSince else { return false }
    return calendar.isDate(since, inSameDayAs: now)
  }

  /// The state after a re-drill of quality `q`. As in SM-2 (and Anki's
  /// relearning steps) a re-drill does not move the schedule: the interval,
  /// easiness and due date stay what the day's first review made them; only
  /// a grade of 4 or more ends the re-drill.
  public static func redrill(_ state: ReviewState, quality q: Int, now: Date) -> ReviewState {
    var next = state
    next.lastReviewed = now
    if min(5, max(0, q)) >= redrillPassingQuality { next.redrillSince = nil }
    return next
  }
}
