import DescentEngine
import DescentLanguage
import DescentLive
import DescentPlot
import Foundation

/// The kernel's live view of a long `train`: a `display_data` (SVG chart
/// with the progress line under it, and the terminal frame as text/plain)
/// that `update_display_data` redraws in place a few times a second, and
/// that shows the run's last state when it ends.
///
/// The training loop only publishes to a `TrainingProgress`; the kernel's
/// output thread calls `tick()` to sample it and send, so drawing never
/// runs on the shell thread while it trains. The session calls
/// `trainingStarted`/`trainingEnded` (it decides when a view is wanted:
/// `live on`, no `quiet` or `verbose`).
final class KernelLiveView: TrainingObserver, @unchecked Sendable {
  // @unchecked: the shell thread (start, end) and the output thread (tick)
  // share `run`, always behind `lock`, held while a frame is sent so the
  // last frame cannot be overtaken by an older one.
  private let lock = NSLock()
  private let output: KernelOutput
  private var run: Run?

  /// The run being watched.
  private struct Run {
    let progress: TrainingProgress
    let started: Double
    let displayID = UUID().uuidString.lowercased()
    var stats: ProgressStats
    var pacer = LiveDisplayPacer()
  }

  /// Width of the text/plain frame (the width the kernel draws text charts at).
  static let textWidth = 72
  /// Chart lines of the text/plain frame.
  static let textChartHeight = 14

  init(output: KernelOutput) {
    self.output = output
  }

  func trainingStarted(_ progress: TrainingProgress) {
    lock.lock()
    defer { lock.unlock() }
    run = Run(progress: progress, started: KernelLiveView.now, stats: ProgressStats(for: progress))
  }

  func trainingEnded(_ progress: TrainingProgress, stop: TrainingStop?) {
    lock.lock()
    defer { lock.unlock() }
    guard var run, run.progress === progress else { return }
    self.run = nil
    // A run that ended before its view appeared adds nothing to the cell.
    guard run.pacer.shown else { return }
    let snapshot = sample(&run)
    send(run, snapshot, ending: LiveFrame.ending(stop, run.stats), update: true)
  }

  /// Samples the running `train`, if any, and sends a frame when one is
  /// due. Called by the kernel's output thread every few tens of ms.
  func tick() {
    lock.lock()
    defer { lock.unlock() }
    guard var run else { return }
    let snapshot = sample(&run)
    let frame = run.pacer.due(elapsed: run.stats.elapsed)
    self.run = run
    guard let frame else { return }
    send(run, snapshot, ending: nil, update: frame == .update)
  }

  /// The run's latest snapshot, recorded in its stats. Caller holds the lock.
  private func sample(_ run: inout Run) -> TrainingProgress.Snapshot {
    let snapshot = run.progress.snapshot()
    run.stats.record(
      time: KernelLiveView.now - run.started, step: snapshot.step, error: snapshot.error,
      bestError: snapshot.bestError)
    return snapshot
  }

  /// Caller holds the lock.
  private func send(_ run: Run, _ snapshot: TrainingProgress.Snapshot, ending: String?, update: Bool) {
    let data = KernelLiveView.data(
      snapshot, stats: run.stats, countsEpochs: run.progress.countsEpochs, ending: ending)
    output.sendDisplay(data, displayID: run.displayID, update: update)
  }

  /// One frame's MIME bundle: the error curve as SVG with the progress line
  /// (and any divergence warning) as its captions, and the terminal's
  /// frame as text for front ends that show no SVG.
  static func data(
    _ snapshot: TrainingProgress.Snapshot, stats: ProgressStats, countsEpochs: Bool, ending: String?
  ) -> [String: Any] {
    let layout = LiveFrame(width: textWidth, chartHeight: textChartHeight)
    var chart = layout.chart(snapshot.curve, countsEpochs: countsEpochs)
    chart.x.label = countsEpochs ? "epoch" : "step"
    chart.y.label = "error"
    chart.notes = layout.captions(stats, countsEpochs: countsEpochs, ending: ending)
    let text = layout.lines(snapshot, stats: stats, countsEpochs: countsEpochs, ending: ending)
    return ["image/svg+xml": SVGRenderer().render(chart), "text/plain": text.joined(separator: "\n")]
  }

  static var now: Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
