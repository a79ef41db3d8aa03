#if canImport(Glibc)
  import Glibc
#endif
import DescentEngine
import DescentLanguage
import DescentLive
import DescentPlot
import Foundation
import Synchronization

/// The REPL's live view at a terminal: while a `train` runs longer than
/// 0.3 s it redraws the error curve and a progress line in place, and while
/// any other input runs longer than 0.5 s (a long loop) a one-line counter.
///
/// The training loop only publishes to a `TrainingProgress`; a thread of
/// this view samples it and the session's step counter ten times a second
/// and draws. Drawing happens under one lock, which output from the
/// session also takes (`beforeOutput`), so a frame and printed text never
/// interleave. The cursor is hidden only while a frame is being replaced
/// and shown again whenever the view stops drawing.
final class LiveView: TrainingObserver, @unchecked Sendable {
  /// Seconds a `train` runs before its view appears.
  static let trainDelay = 0.3
  /// Seconds other work runs before the counter appears.
  static let loopDelay = 0.5
  /// Seconds between redraws (at most ten a second).
  static let frameInterval = 0.1

  private enum Mode {
    /// Waiting at the prompt.
    case idle
    /// An input is running; `printed` once it wrote anything.
    case running
    /// A `train` is running.
    case training(TrainingProgress, started: Double, stats: ProgressStats)
  }

  private struct State {
    var mode = Mode.idle
    var runStarted = 0.0
    var printed = false
    /// The frame or counter now on screen below the output.
    var screen = InPlaceScreen()
    var lastDraw = 0.0
    var spinnerFrame = 0
    /// Whether what is drawn is a training frame (not the counter).
    var showsTraining = false
    var stopping = false
  }

  private let lock = NSLock()
  private var state = State()
  private let monitor: RunMonitor
  private let write: (String) -> Void
  private let unicode = Terminal.unicode
  private let color = Terminal.outputIsColorTerminal
  private var thread: Thread?
  /// Whether the last frame of a `train` stays on screen (false while an
  /// `explore` redraws its own frame over it).
  private var keepsLastTrainingFrame = true

  /// Set by the SIGWINCH handler; the drawing thread redraws at the new width.
  private static let resized = InterruptFlag()
  /// What the handler raises `resized` through (one atomic store).
  private static let resizedHandle = resized.handle

  /// Whether the view can show: standard output is a terminal that is not `dumb`.
  static var wanted: Bool {
    Terminal.outputIsTerminal && getenv("TERM").map { String(cString: $0) } != "dumb"
  }

  /// A view of `session`'s runs, writing with `write` (standard output).
  init(session: Session, write: @escaping (String) -> Void = { Terminal.write($0, to: 1) }) {
    monitor = session.monitor
    self.write = write
    session.domain.trainingObserver = self
    // Initialised here, not lazily inside the handler.
    _ = LiveView.resizedHandle
    SignalHandler.install(SIGWINCH) { _ in LiveView.resizedHandle.raise() }
    let thread = Thread { [weak self] in
      while let view = self, view.tick() {
        Thread.sleep(forTimeInterval: LiveView.frameInterval / 2)
      }
    }
    thread.name = "descent live view"
    thread.start()
    self.thread = thread
  }

  /// Stops the drawing thread (the cursor is shown again).
  func stop() {
    locked {
      erase()
      state.stopping = true
      state.mode = .idle
    }
  }

  // MARK: - Hooks

  /// An input starts running. Typed-ahead keys are not echoed while it
  /// runs (an echoed line would push the frame down and break drawing in
  /// place); they stay in the input for the next prompt.
  func beginRun() {
    TerminalEcho.turnOff()
    locked {
      state.mode = .running
      state.runStarted = LiveView.now
      state.printed = false
    }
  }

  /// The input finished: the counter goes; a training frame already stays.
  func endRun() {
    locked {
      erase()
      state.mode = .idle
    }
    TerminalEcho.restore()
  }

  /// An `explore` frame starts running: the counter may show again if it
  /// runs long, and a training frame goes when its `train` ends.
  func beginExploreFrame() {
    locked {
      state.runStarted = LiveView.now
      state.printed = false
      keepsLastTrainingFrame = false
    }
  }

  /// The `explore` is over: a training frame stays again.
  func endExplore() {
    locked { keepsLastTrainingFrame = true }
  }

  /// The session is about to print: the counter goes, and stays away for
  /// the rest of this input (a loop that prints shows nothing extra).
  func beforeOutput() {
    locked {
      if case .running = state.mode { erase() }
      state.printed = true
    }
  }

  func trainingStarted(_ progress: TrainingProgress) {
    let stats = ProgressStats(for: progress)
    locked {
      // A counter on screen stays until the training frame replaces it.
      state.mode = .training(progress, started: LiveView.now, stats: stats)
    }
  }

  func trainingEnded(_ progress: TrainingProgress, stop: TrainingStop?) {
    locked {
      guard case .training(_, let started, var stats) = state.mode else { return }
      state.mode = .running
      // A run that ended before its view appeared leaves the screen as it was.
      guard state.showsTraining else { return }
      state.showsTraining = false
      let snapshot = progress.snapshot()
      stats.record(
        time: LiveView.now - started, step: snapshot.step, error: snapshot.error, bestError: snapshot.bestError)
      draw(frame(snapshot, stats: stats, countsEpochs: progress.countsEpochs, ending: LiveFrame.ending(stop, stats)))
      // The last frame stays (forgotten so nothing erases it), except
      // under an `explore`, whose own frame is redrawn where it was.
      if keepsLastTrainingFrame { state.screen.forget() } else { erase() }
      write(LiveView.showCursor)
      state.printed = true
    }
  }

  // MARK: - Drawing

  /// One wake-up of the drawing thread; false when it should end.
  private func tick() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    if state.stopping { return false }
    let now = LiveView.now
    let resized = LiveView.resized.isRaised
    if resized { LiveView.resized.reset() }
    switch state.mode {
    case .idle:
      break
    case .running:
      drawCounter(now: now, resized: resized)
    case .training(let progress, let started, var stats):
      let snapshot = progress.snapshot()
      stats.record(time: now - started, step: snapshot.step, error: snapshot.error, bestError: snapshot.bestError)
      state.mode = .training(progress, started: started, stats: stats)
      // A short train (a loop of them, say) keeps the counter going.
      guard now - started >= LiveView.trainDelay else { return drawCounter(now: now, resized: resized) }
      guard resized || now - state.lastDraw >= LiveView.frameInterval else { break }
      draw(frame(snapshot, stats: stats, countsEpochs: progress.countsEpochs, ending: nil))
      state.showsTraining = true
    }
    return true
  }

  /// The counter line of a long input, when it is due; true (go on ticking).
  @discardableResult
  private func drawCounter(now: Double, resized: Bool) -> Bool {
    guard !state.printed, monitor.liveViewEnabled, now - state.runStarted >= LiveView.loopDelay,
      resized || now - state.lastDraw >= LiveView.frameInterval
    else { return true }
    state.spinnerFrame += 1
    draw([spinnerLine(elapsed: now - state.runStarted)])
    state.showsTraining = false
    return true
  }

  /// The frame at the terminal's current size: never taller than the
  /// screen (lines scrolled off could not be redrawn), never as wide.
  private func frame(
    _ snapshot: TrainingProgress.Snapshot, stats: ProgressStats, countsEpochs: Bool, ending: String?
  ) -> [String] {
    let size = TerminalRenderer.terminalSize()
    let width = min(size.columns - 1, 100)
    var layout = LiveFrame(width: width, chartHeight: min(14, size.rows - 5), unicode: unicode, color: color)
    let lines = layout.lines(snapshot, stats: stats, countsEpochs: countsEpochs, ending: ending)
    guard lines.count > size.rows - 2 || size.rows < 12 || width < 30 else { return lines }
    layout.chartHeight = 0
    return layout.lines(snapshot, stats: stats, countsEpochs: countsEpochs, ending: ending)
  }

  private func spinnerLine(elapsed: Double) -> String {
    let marks = unicode ? ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"] : ["|", "/", "-", "\\"]
    let mark = marks[state.spinnerFrame % marks.count]
    let count = LiveFrame.grouped(monitor.stepsSoFar)
    let text = "\(mark) running: \(count) steps  \(LiveFrame.duration(elapsed))  (Ctrl-C stops)"
    let width = TerminalRenderer.terminalSize().columns - 1
    return text.count <= width ? text : String(text.prefix(max(1, width)))
  }

  /// Replaces what the view drew last with `lines`, in one write.
  private func draw(_ lines: [String]) {
    write(LiveView.hideCursor + state.screen.draw(lines))
    state.lastDraw = LiveView.now
  }

  /// Removes what the view drew (if anything) and shows the cursor.
  private func erase() {
    guard state.screen.drawnLines > 0 else { return }
    write(state.screen.erase() + LiveView.showCursor)
    state.showsTraining = false
  }

  private func locked<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }

  // MARK: - Words and numbers

  /// Cells a line takes: its characters without ANSI colour sequences.
  static func visibleWidth(_ line: String) -> Int { InPlaceScreen.visibleWidth(line) }

  static let hideCursor = "\u{1B}[?25l"
  static let showCursor = "\u{1B}[?25h"

  static var now: Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
