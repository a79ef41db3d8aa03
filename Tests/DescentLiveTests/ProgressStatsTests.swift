import DescentLive
import Testing

/// The live view's numbers, from samples with made-up times (no clock).
@Suite struct ProgressStatsTests {
  @Test func rateAndTimeLeftFromTheRecentSamples() throws {
    var stats = ProgressStats(total: 1_000_000)
    stats.record(time: 0.0, step: 0, error: .nan, bestError: .infinity)
    #expect(stats.stepsPerSecond == nil)  // no span yet
    stats.record(time: 1.0, step: 100_000, error: 0.5, bestError: 0.5)
    #expect(stats.stepsPerSecond == 100_000)
    #expect(stats.secondsLeft == 9)
    #expect(stats.fractionDone == 0.1)
    // The run slows down: after the window, the rate is the new one.
    stats.record(time: 2.0, step: 200_000, error: 0.4, bestError: 0.4)
    stats.record(time: 3.0, step: 250_000, error: 0.3, bestError: 0.3)
    stats.record(time: 4.0, step: 300_000, error: 0.3, bestError: 0.3)
    stats.record(time: 5.0, step: 350_000, error: 0.3, bestError: 0.3)
    #expect(stats.stepsPerSecond == 50_000)
    #expect(try #require(stats.secondsLeft) == 13)
    #expect(stats.elapsed == 5)
  }

  @Test func openEndedRunsHaveNoTimeLeft() {
    var stats = ProgressStats(total: nil)
    stats.record(time: 0, step: 0, error: .nan, bestError: .infinity)
    stats.record(time: 1, step: 10, error: 1, bestError: 1)
    #expect(stats.stepsPerSecond == 10)
    #expect(stats.secondsLeft == nil)
    #expect(stats.fractionDone == nil)
  }

  @Test func bestErrorAndDecadesToTheTarget() throws {
    var stats = ProgressStats(total: 100_000, target: 1e-6)
    stats.record(time: 0.1, step: 10, error: 1e-2, bestError: 1e-2)
    #expect(abs(try #require(stats.decadesToTarget) - 4) < 1e-12)
    // A sample whose error is worse keeps the best one seen.
    stats.record(time: 0.2, step: 20, error: 5e-2, bestError: 1e-3)
    #expect(stats.bestError == 1e-3)
    #expect(abs(try #require(stats.decadesToTarget) - 3) < 1e-12)
    stats.record(time: 0.3, step: 30, error: 1e-7, bestError: 1e-7)
    #expect(stats.decadesToTarget == 0)
    #expect(ProgressStats(total: 10).decadesToTarget == nil)
  }

  @Test func aRunawayErrorIsDiverging() {
    var stats = ProgressStats(total: 100)
    stats.record(time: 0.1, step: 1, error: 0.3, bestError: 0.3)
    #expect(!stats.isDiverging)
    stats.record(time: 0.2, step: 50, error: 200, bestError: 0.3)
    #expect(!stats.isDiverging)  // grown, but not a thousandfold
    stats.record(time: 0.3, step: 60, error: 5000, bestError: 0.3)
    #expect(stats.isDiverging)
    stats.record(time: 0.4, step: 70, error: .infinity, bestError: 0.3)
    #expect(stats.isDiverging)
  }

  @Test func aNewRunStartsTheRateAfresh() {
    var stats = ProgressStats(total: nil)
    stats.record(time: 0, step: 1000, error: 1, bestError: 1)
    stats.record(time: 1, step: 2000, error: 1, bestError: 1)
    stats.record(time: 1.5, step: 100, error: 1, bestError: 1)
    #expect(stats.stepsPerSecond == nil)
  }
}
