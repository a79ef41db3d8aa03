import DescentEngine
import DescentLive
import Testing

/// The words a last frame ends with, and stats made from a progress record.
@Suite struct RunEndingTests {
  @Test func theLastFrameSaysHowTheRunEnded() {
    var stats = ProgressStats(total: 10)
    stats.record(time: 2.5, step: 10, error: 0.1, bestError: 0.1)
    #expect(LiveFrame.ending(.completed(steps: 10), stats) == "done in 2.5s")
    #expect(LiveFrame.ending(.reachedTarget(step: 3, error: 0), stats) == "target reached in 2.5s")
    #expect(LiveFrame.ending(.interrupted(step: 3, reason: .flag), stats) == "interrupted after 2.5s")
    #expect(LiveFrame.ending(.interrupted(step: 3, reason: .stepBudget), stats) == "stopped at the step limit in 2.5s")
    #expect(LiveFrame.ending(.cycled(step: 8, period: 2), stats) == "stopped: the weights repeat")
    #expect(LiveFrame.ending(.diverged(step: 3, error: .nan, weights: [], reason: .notFinite), stats) == "diverged in 2.5s")
    #expect(LiveFrame.ending(nil, stats) == "stopped in 2.5s")
  }

  @Test func statsTakeTheRunsTotalAndTarget() {
    let fixed = ProgressStats(for: TrainingProgress(total: 300))
    #expect(fixed.total == 300 && fixed.target == nil)
    let until = ProgressStats(for: TrainingProgress(total: 50, target: .below(1e-6)))
    #expect(until.total == 50 && until.target == 1e-6)
    let toZero = ProgressStats(for: TrainingProgress(total: nil, target: .zero))
    #expect(toZero.total == nil && toZero.target == 0)
  }

  @Test func captionsAreTheWholeProgressLine() {
    var stats = ProgressStats(total: 1_000_000)
    stats.record(time: 1, step: 250_000, error: 0.01, bestError: 0.01)
    let captions = LiveFrame(width: 20).captions(stats, countsEpochs: false, ending: "done in 1.0s")
    #expect(captions == ["step 250,000/1,000,000 (25%) · error 0.01 · done in 1.0s"])
  }
}
