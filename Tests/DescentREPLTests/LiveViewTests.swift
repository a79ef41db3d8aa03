import DescentEngine
import DescentLive
import Testing

@testable import descent

/// The live view's small pieces that need no terminal.
@Suite struct LiveViewTests {
  @Test func coloursTakeNoCells() {
    #expect(LiveView.visibleWidth("step 1/2") == 8)
    #expect(LiveView.visibleWidth("\u{1B}[34m⠧⠤⠤\u{1B}[0m │") == 5)
  }

  @Test func theLastFrameSaysHowTheRunEnded() {
    var stats = ProgressStats(total: 10)
    stats.record(time: 2.5, step: 10, error: 0.1, bestError: 0.1)
    #expect(LiveView.ending(.completed(steps: 10), stats) == "done in 2.5s")
    #expect(LiveView.ending(.reachedTarget(step: 3, error: 0), stats) == "target reached in 2.5s")
    #expect(LiveView.ending(.interrupted(step: 3, reason: .flag), stats) == "interrupted after 2.5s")
    #expect(LiveView.ending(.diverged(step: 3, error: .nan, weights: [], reason: .notFinite), stats) == "diverged in 2.5s")
    #expect(LiveView.ending(nil, stats) == "stopped in 2.5s")
  }
}
