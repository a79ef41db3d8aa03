import Foundation
import Testing

@testable import DescentNotebook

@Suite struct PracticeSchedulingTests {
  static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01 00:00 UTC
  static func days(_ n: Double) -> Date { start.addingTimeInterval(n * 86_400) }

  /// SM-2 with q = 5 three times. EF' = EF + (0.1 − (5−q)(0.08 + (5−q)·0.02))
  /// is EF + 0.1 for q = 5. Intervals: I(1) = 1, I(2) = 6, then I(3) =
  /// I(2) × EF where EF is the item's factor before the third update:
  /// 2.5 → 2.6 (after review 1) → 2.7 (after review 2), so I(3) =
  /// round(6 × 2.7) = round(16.2) = 16, and EF becomes 2.8; I(4) =
  /// round(16 × 2.8) = round(44.8) = 45.
  @Test func perfectReviewsFollowThePublishedSequence() {
    var state = ReviewState(due: Self.start)
    var intervals: [Int] = []
    var factors: [Double] = []
    var now = Self.start
    for _ in 0..<4 {
      state = Scheduler.review(state, quality: 5, now: now)
      intervals.append(state.interval)
      factors.append(state.easiness)
      now = state.due
    }
    #expect(intervals == [1, 6, 16, 45])
    for (factor, expected) in zip(factors, [2.6, 2.7, 2.8, 2.9]) { #expect(abs(factor - expected) < 1e-12) }
    #expect(state.due == Self.days(1 + 6 + 16 + 45))
  }

  /// q = 4 leaves EF alone (0.1 − 1·(0.08 + 0.02) = 0); q = 3 lowers it by
  /// 0.14 (0.1 − 2·(0.08 + 0.04)); q = 2 by 0.32; q = 0 by 0.8, but never
  /// below 1.3. A grade under 3 starts the repetitions again at 1 day.
  @Test func easinessUpdatesAndResets() {
    var state = ReviewState(due: Self.start)
    state = Scheduler.review(state, quality: 4, now: Self.start)
    #expect(abs(state.easiness - 2.5) < 1e-12 && state.interval == 1)
    state = Scheduler.review(state, quality: 3, now: Self.start)
    #expect(abs(state.easiness - 2.36) < 1e-12 && state.interval == 6 && state.repetitions == 2)
    state = Scheduler.review(state, quality: 2, now: Self.start)
    #expect(abs(state.easiness - 2.04) < 1e-12 && state.interval == 1 && state.repetitions == 0)
    for _ in 0..<5 { state = Scheduler.review(state, quality: 0, now: Self.start) }
    #expect(state.easiness == 1.3)
  }

  @Test func qualityFromResultAndTime() {
    #expect(Scheduler.quality(passed: false, stoppedWithError: true, seconds: 5, linesToWrite: 2) == 1)
    #expect(Scheduler.quality(passed: false, stoppedWithError: false, seconds: 5, linesToWrite: 2) == 2)
    #expect(Scheduler.quality(passed: true, stoppedWithError: false, seconds: 10, linesToWrite: 2) == 5)
    #expect(Scheduler.quality(passed: true, stoppedWithError: false, seconds: 50, linesToWrite: 2) == 4)
    #expect(Scheduler.quality(passed: true, stoppedWithError: false, seconds: 100, linesToWrite: 2) == 3)
    #expect(Scheduler.quality(passed: true, stoppedWithError: false, seconds: nil, linesToWrite: 2) == 4)
  }

  @Test func levelsRiseOnGoodPassesAndFallOnFailures() {
    var state = ReviewState(due: Self.start)
    state = Scheduler.review(state, quality: 5, now: Self.start)
    #expect(state.level == 2)
    state = Scheduler.review(state, quality: 3, now: Self.start)
    #expect(state.level == 2)
    state = Scheduler.review(state, quality: 4, now: Self.start, maxLevel: 3)
    state = Scheduler.review(state, quality: 4, now: Self.start, maxLevel: 3)
    #expect(state.level == 3)
    state = Scheduler.review(state, quality: 1, now: Self.start)
    #expect(state.level == 2)
  }

  @Test func nextPicksDueThenNewInOrder() throws {
    let folder = PracticeGradingTests.exercisesFolder
    let exercises = ExerciseLibrary.exercises(in: folder).exercises
    var progress = PracticeProgress()
    #expect(progress.next(from: exercises, now: Self.start)?.name == exercises[0].name)
    _ = progress.record(exercises[0], quality: 5, passed: true, level: 1, now: Self.start)
    #expect(progress.next(from: exercises, now: Self.start)?.name == exercises[1].name)
    // A day later the first is due again and comes before new ones.
    #expect(progress.next(from: exercises, now: Self.days(1))?.name == exercises[0].name)
  }

  @Test func statisticsCountStreakAndRetention() throws {
    var utc = Calendar(identifier: .gregorian)
    utc.timeZone = try #require(TimeZone(identifier: "UTC"))
    let exercise = try PracticeGradingTests.exercise("compare")
    var progress = PracticeProgress()
    for (day, passed) in [(0.1, true), (1.2, false), (2.3, true), (2.4, true), (5.0, true), (6.5, true)] {
      _ = progress.record(exercise, quality: passed ? 4 : 2, passed: passed, level: 1, now: Self.days(day))
    }
    let today = progress.statistics(now: Self.days(6.9), calendar: utc)
    #expect(today.reviews == 6 && today.passes == 5)
    #expect(today.retention == 5.0 / 6.0)
    #expect(today.streak == 2)  // days 5 and 6; day 4 had none
    #expect(progress.statistics(now: Self.days(7.5), calendar: utc).streak == 2)  // yesterday counts
    #expect(progress.statistics(now: Self.days(8.5), calendar: utc).streak == 0)
    #expect(PracticeProgress().statistics(now: Self.start).retention == nil)
  }

  // MARK: - The progress file

  @Test func progressRoundTrips() throws {
    let path = try NotebookFixtures.scratchFolder() + "/descent/progress.json"
    let store = ProgressStore(path: path)
    #expect(store.load(now: Self.start).progress == PracticeProgress())
    var progress = PracticeProgress()
    let exercise = try PracticeGradingTests.exercise("compare")
    _ = progress.record(exercise, quality: 5, passed: true, level: 1, now: Self.start)
    try store.save(progress)
    let (loaded, warning) = store.load(now: Self.start)
    #expect(warning == nil)
    #expect(loaded == progress)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("\"version\" : 1"))
  }

  @Test func corruptFileIsMovedAsideNotOverwritten() throws {
    let folder = try NotebookFixtures.scratchFolder()
    let path = folder + "/progress.json"
    try Data("{ not json".utf8).write(to: URL(fileURLWithPath: path))
    let (progress, warning) = ProgressStore(path: path).load(now: Self.start)
    #expect(progress == PracticeProgress())
    #expect(warning?.contains("is damaged") == true)
    let aside = path + ".corrupt-20260101T000000Z"
    #expect(try String(contentsOfFile: aside, encoding: .utf8) == "{ not json")
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func newerFormatIsMovedAsideWithItsOwnMessage() throws {
    let folder = try NotebookFixtures.scratchFolder()
    let path = folder + "/progress.json"
    let newer = #"{"version": 2, "exercises": {}, "log": [], "something": "new"}"#
    try Data(newer.utf8).write(to: URL(fileURLWithPath: path))
    let (_, warning) = ProgressStore(path: path).load(now: Self.start)
    #expect(warning?.contains("newer descent (format 2") == true)
    #expect(try String(contentsOfFile: path + ".corrupt-20260101T000000Z", encoding: .utf8) == newer)
  }

  @Test func progressPathFollowsXDG() {
    #expect(ProgressStore.defaultPath(environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"]) == "/d/descent/progress.json")
    #expect(ProgressStore.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/descent/progress.json")
    #expect(ProgressStore.defaultPath(environment: [:]) == nil)
  }
}

/// SM-2's same-day re-drill (Wozniak: repeat the items that scored below 4
/// until they score at least 4), as Anki's relearning steps.
@Suite struct PracticeRedrillTests {
  static let start = PracticeSchedulingTests.start
  static var utc: Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }
  static func hours(_ n: Double) -> Date { start.addingTimeInterval(n * 3600) }

  @Test func gradesBelowFourAskForARedrillOnTheSameDay() {
    for quality in 0...5 {
      let state = Scheduler.review(ReviewState(due: Self.start), quality: quality, now: Self.hours(9))
      #expect(Scheduler.needsRedrill(state, now: Self.hours(10), calendar: Self.utc) == (quality < 4), "q = \(quality)")
      // The next day the ordinary schedule takes over again.
      #expect(!Scheduler.needsRedrill(state, now: Self.hours(24 + 9), calendar: Self.utc))
    }
  }

  /// The re-drill does not move the schedule: the day's first review set
  /// the interval, easiness and due date; a failed re-drill keeps the
  /// re-drill pending, a re-drill at 4 or more ends it.
  @Test func redrillsLeaveTheScheduleAlone() throws {
    let exercise = try PracticeGradingTests.exercise("compare")
    var progress = PracticeProgress()
    let first = progress.record(exercise, quality: 3, passed: true, level: 1, now: Self.hours(9), calendar: Self.utc)
    #expect(first.interval == 1 && abs(first.easiness - 2.36) < 1e-12)
    #expect(progress.needsRedrill(exercise, now: Self.hours(9.1), calendar: Self.utc))

    let failed = progress.record(exercise, quality: 1, passed: false, level: 1, now: Self.hours(9.2), calendar: Self.utc)
    #expect(failed.interval == first.interval && failed.easiness == first.easiness && failed.due == first.due)
    #expect(failed.repetitions == first.repetitions && failed.level == first.level)
    #expect(progress.needsRedrill(exercise, now: Self.hours(9.3), calendar: Self.utc))

    let passed = progress.record(exercise, quality: 4, passed: true, level: 1, now: Self.hours(9.4), calendar: Self.utc)
    #expect(passed.interval == first.interval && passed.easiness == first.easiness && passed.due == first.due)
    #expect(!progress.needsRedrill(exercise, now: Self.hours(9.5), calendar: Self.utc))
    #expect(passed.redrillSince == nil)

    // Three answers logged; the two re-drills are marked and left out of
    // the retention figures, which measure recall after an interval.
    #expect(progress.log.map(\.redrill) == [nil, true, true])
    let stats = progress.statistics(now: Self.hours(10), calendar: Self.utc)
    #expect(stats.reviews == 1 && stats.passes == 1 && stats.streak == 1)
  }

  /// A pending re-drill comes before overdue and new exercises, but only
  /// on its own day.
  @Test func pendingRedrillComesFirstThatDay() throws {
    let exercises = ExerciseLibrary.exercises(in: PracticeGradingTests.exercisesFolder).exercises
    try #require(exercises.count >= 3)
    var progress = PracticeProgress()
    _ = progress.record(exercises[0], quality: 5, passed: true, level: 1, now: Self.start, calendar: Self.utc)
    _ = progress.record(exercises[1], quality: 2, passed: false, level: 1, now: Self.hours(30), calendar: Self.utc)
    // Day 2: exercise 0 is overdue (due at hour 24), exercise 1 waits for its re-drill.
    #expect(progress.next(from: exercises, now: Self.hours(31), calendar: Self.utc)?.name == exercises[1].name)
    _ = progress.record(exercises[1], quality: 5, passed: true, level: 1, now: Self.hours(31), calendar: Self.utc)
    #expect(progress.next(from: exercises, now: Self.hours(31.5), calendar: Self.utc)?.name == exercises[0].name)
  }

  /// Progress files written before re-drills existed (no `redrillSince`,
  /// no `redrill` in the log) still read.
  @Test func olderProgressFilesStillRead() throws {
    let old = """
      {"version": 1, "exercises": {"ex01-compare": {"repetitions": 1, "interval": 1, "easiness": 2.5,
      "due": "2026-01-02T00:00:00Z", "level": 2, "reviews": 1, "passes": 1,
      "lastReviewed": "2026-01-01T00:00:00Z"}},
      "log": [{"exercise": "ex01-compare", "date": "2026-01-01T00:00:00Z", "quality": 5, "passed": true, "level": 1}]}
      """
    let progress = try ProgressStore.decoder.decode(PracticeProgress.self, from: Data(old.utf8))
    #expect(progress.exercises["ex01-compare"]?.redrillSince == nil)
    #expect(progress.log.first?.redrill == nil)
  }
}
