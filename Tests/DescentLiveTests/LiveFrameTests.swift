import DescentEngine
import DescentLive
import Testing

/// The text of live frames: the chart from the plot module and the progress line.
@Suite struct LiveFrameTests {
  /// A progress record with steps 1...n of a one-weight descent published.
  func published(_ n: Int, total: Int?, target: ErrorTarget? = nil) -> TrainingProgress {
    let progress = TrainingProgress(total: total, target: target)
    var next = 1
    var error = 0.3025
    for step in 1...n {
      if step >= next { next = progress.publish(step: step, error: error) }
      error *= 0.9
    }
    return progress
  }

  @Test func aFixedCountRunShowsItsCurveAndProgress() {
    let progress = published(400, total: 1000)
    var stats = ProgressStats(total: 1000)
    stats.record(time: 0, step: 0, error: .nan, bestError: .infinity)
    let snapshot = progress.snapshot()
    stats.record(time: 0.5, step: snapshot.step, error: snapshot.error, bestError: snapshot.bestError)
    let lines = LiveFrame(width: 70, chartHeight: 12).lines(snapshot, stats: stats, countsEpochs: false)
    #expect(lines.count == 13)
    #expect(lines.allSatisfy { $0.count <= 70 })
    // The error spans many decades: a log axis, braille dots.
    #expect(lines.contains { $0.hasPrefix("1e-") })
    #expect(lines.joined().contains { ("\u{2801}"..."\u{28FF}").contains($0) })
    #expect(lines.last?.hasPrefix("step \(LiveFrame.grouped(snapshot.step))/1,000 (") == true)
    #expect(lines.last?.contains(" steps/s  ") == true)
    #expect(lines.last?.hasSuffix("s left") == true)
  }

  @Test func anUntilRunShowsTheBestErrorAndTheTarget() {
    let progress = published(50, total: 10_000, target: .below(1e-9))
    let snapshot = progress.snapshot()
    var stats = ProgressStats(total: 10_000, target: 1e-9)
    stats.record(time: 1, step: snapshot.step, error: snapshot.error, bestError: snapshot.bestError)
    let line = LiveFrame(width: 200).lines(snapshot, stats: stats, countsEpochs: false, ending: "done in 1s").last
    #expect(line?.hasPrefix("step \(snapshot.step) of max 10,000  error ") == true)
    #expect(line?.contains("  best ") == true)
    #expect(line?.contains("decades to 1e-09") == true)
    #expect(line?.hasSuffix("  done in 1s") == true)
    // Narrower, the line breaks between its parts.
    let narrow = LiveFrame(width: 50, chartHeight: 0).lines(snapshot, stats: stats, countsEpochs: false)
    #expect(narrow.count == 2)
    #expect(narrow.allSatisfy { $0.count <= 50 })
    #expect(narrow[1].hasPrefix("best "))
  }

  @Test func epochsAndNoChartWithoutRoom() {
    let progress = published(10, total: 20)
    let snapshot = progress.snapshot()
    var stats = ProgressStats(total: 20)
    stats.record(time: 1, step: snapshot.step, error: snapshot.error, bestError: snapshot.bestError)
    let lines = LiveFrame(width: 60, chartHeight: 0).lines(snapshot, stats: stats, countsEpochs: true)
    #expect(lines == ["epoch 10/20 (50%)  error " + "0.1172"])
  }

  @Test func divergingRunsSayWhatToDo() {
    let progress = TrainingProgress(total: 100)
    _ = progress.publish(step: 1, error: 1)
    _ = progress.publish(step: 2, error: 1e9)
    let snapshot = progress.snapshot()
    var stats = ProgressStats(total: 100)
    stats.record(time: 0.1, step: 1, error: 1, bestError: 1)
    stats.record(time: 0.2, step: 2, error: 1e9, bestError: 1)
    let lines = LiveFrame(width: 100).lines(snapshot, stats: stats, countsEpochs: false)
    #expect(lines.last?.hasPrefix("the error is growing: diverging?") == true)
  }

  @Test func numbersForPeople() {
    #expect(LiveFrame.grouped(0) == "0")
    #expect(LiveFrame.grouped(999) == "999")
    #expect(LiveFrame.grouped(300_000_000) == "300,000,000")
    #expect(LiveFrame.rate(950) == "950")
    #expect(LiveFrame.rate(12_345) == "12.3k")
    #expect(LiveFrame.rate(1_250_000) == "1.25M")
    #expect(LiveFrame.duration(0.44) == "0.4s")
    #expect(LiveFrame.duration(42) == "42s")
    #expect(LiveFrame.duration(185) == "3m 05s")
    #expect(LiveFrame.duration(7620) == "2h 07m")
    #expect(LiveFrame.duration(.infinity) == "a long time")
  }
}
