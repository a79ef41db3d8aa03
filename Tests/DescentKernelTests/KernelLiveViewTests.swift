import DescentEngine
import DescentLive
import Foundation
import Testing

@testable import DescentKernel

/// When the kernel's live view sends frames, and what a frame holds.
@Suite struct KernelLiveViewTests {
  @Test func nothingForAShortRunThenAFirstFrameThenPacedUpdates() {
    var pacer = LiveDisplayPacer()
    #expect(pacer.due(elapsed: 0) == nil)
    #expect(pacer.due(elapsed: 0.29) == nil)
    #expect(!pacer.shown)
    #expect(pacer.due(elapsed: 0.3) == .first)
    #expect(pacer.shown)
    #expect(pacer.due(elapsed: 0.35) == nil)
    #expect(pacer.due(elapsed: 0.54) == nil)
    #expect(pacer.due(elapsed: 0.55) == .update)
    #expect(pacer.due(elapsed: 0.7) == nil)
    #expect(pacer.due(elapsed: 2.0) == .update)
  }

  @Test func atMostFourFramesASecond() {
    var pacer = LiveDisplayPacer()
    // Ticks every 50 ms for 10 s, as the kernel's output thread does.
    let sent = (0..<200).compactMap { pacer.due(elapsed: Double($0) * 0.05) }
    #expect(sent.first == .first)
    #expect(sent.dropFirst().allSatisfy { $0 == .update })
    #expect(sent.count <= 4 * 10)
    #expect(sent.count >= 3 * 9)
  }

  /// A snapshot of `n` steps of the README's first session (error shrinking by 0.9² a step).
  func snapshot(_ n: Int, total: Int?) -> TrainingProgress.Snapshot {
    let progress = TrainingProgress(total: total)
    var error = 0.3025
    var next = 1
    for step in 1...n {
      if step >= next { next = progress.publish(step: step, error: error) }
      error *= 0.81
    }
    progress.finish(step: n, error: error)
    return progress.snapshot()
  }

  @Test func aFrameIsAnSVGChartWithTheProgressLineAndTheTerminalFrameAsText() throws {
    let shot = snapshot(40, total: 1000)
    var stats = ProgressStats(total: 1000)
    stats.record(time: 0.5, step: shot.step, error: shot.error, bestError: shot.bestError)
    let data = KernelLiveView.data(shot, stats: stats, countsEpochs: false, ending: nil)
    let svg = try #require(data["image/svg+xml"] as? String)
    let text = try #require(data["text/plain"] as? String)
    #expect(svg.hasPrefix("<svg"))
    #expect(svg.contains("<polyline") || svg.contains("<path"))
    #expect(svg.contains("step 40/1,000 (4%) · error "))
    let lines = text.components(separatedBy: "\n")
    #expect(lines.allSatisfy { $0.count <= KernelLiveView.textWidth })
    #expect(lines.contains { $0.hasPrefix("step 40/1,000 (4%)  error ") })
    // The same frame the terminal draws, at the kernel's text width.
    let terminal = LiveFrame(width: KernelLiveView.textWidth, chartHeight: KernelLiveView.textChartHeight)
    #expect(lines == terminal.lines(shot, stats: stats, countsEpochs: false))
  }

  @Test func theLastFrameSaysHowTheRunEnded() throws {
    let shot = snapshot(300, total: 300)
    var stats = ProgressStats(total: 300)
    stats.record(time: 1.5, step: shot.step, error: shot.error, bestError: shot.bestError)
    let ending = LiveFrame.ending(.interrupted(step: 300, reason: .flag), stats)
    let data = KernelLiveView.data(shot, stats: stats, countsEpochs: true, ending: ending)
    let svg = try #require(data["image/svg+xml"] as? String)
    #expect(svg.contains("interrupted after 1.5s"))
    #expect(svg.contains(">epoch<"))
    #expect((data["text/plain"] as? String)?.hasSuffix("interrupted after 1.5s") == true)
  }
}
