import DescentEngine
import DescentLanguage
import Foundation
import Testing

/// The hook a REPL's live view uses: which `train` statements it sees,
/// what it is told, and that watching changes no output and no result.
@Suite struct TrainingObserverTests {
  final class Recorder: TrainingObserver {
    var started: [TrainingProgress] = []
    var ended: [TrainingStop?] = []
    func trainingStarted(_ progress: TrainingProgress) { started.append(progress) }
    func trainingEnded(_ progress: TrainingProgress, stop: TrainingStop?) {
      #expect(started.last === progress)
      ended.append(stop)
    }
  }

  func run(_ text: String, watched: Bool) -> (String, Recorder, Session) {
    let sink = BufferSink()
    let session = Session(output: sink)
    let recorder = Recorder()
    if watched { session.domain.trainingObserver = recorder }
    let result = session.run(Source(name: "t", text: text))
    let diagnostics = result.diagnostics.map(\.message).joined(separator: "\n")
    return (sink.text + diagnostics, recorder, session)
  }

  static let setup = "weight = 0.5; input = 0.5; goal = 0.8\n"

  @Test func aWatchedTrainPrintsAndLearnsTheSame() {
    let text = Self.setup + "train 1000 alpha 0.1\nprint weight\ntrain until error < 1e-12 alpha 0.1 max 5000\nprint weight\n"
    let (watchedOutput, recorder, _) = run(text, watched: true)
    let (plainOutput, _, _) = run(text, watched: false)
    #expect(watchedOutput == plainOutput)
    #expect(recorder.started.count == 2)
    #expect(recorder.started[0].total == 1000 && recorder.started[0].target == nil)
    #expect(recorder.started[1].total == 5000 && recorder.started[1].target == .below(1e-12))
    #expect(recorder.ended.count == 2)
    #expect(recorder.ended[0] == .completed(steps: 1000))
    #expect(recorder.started[0].snapshot().step == 1000)
    guard case .reachedTarget? = recorder.ended[1] else {
      Issue.record("expected the target to be reached, got \(String(describing: recorder.ended[1]))")
      return
    }
  }

  @Test func quietVerboseAndLiveOffAreNotWatched() {
    let text =
      Self.setup + "train 10 alpha 0.1 quiet\ntrain 2 alpha 0.1 verbose\nlive off\ntrain 10 alpha 0.1\nlive on\ntrain 3 alpha 0.1\n"
    let (_, recorder, session) = run(text, watched: true)
    #expect(recorder.started.count == 1)
    #expect(recorder.started.first?.total == 3)
    #expect(session.monitor.liveViewEnabled)
  }

  @Test func epochsAreCountedAsEpochs() {
    let text = "net = network 2 -> 1 sigmoid seed 1\ninputs = [[1, 0], [0, 1]]\ngoals = [1, 0]\ntrain 20 epochs alpha 0.5\n"
    let (_, recorder, _) = run(text, watched: true)
    #expect(recorder.started.first?.countsEpochs == true)
    #expect(recorder.ended == [.completed(steps: 20)])
  }

  @Test func aTrainThatFailsStillEnds() {
    let (output, recorder, _) = run("weight = 0.5\ntrain 10\n", watched: true)
    #expect(output.contains("train needs the variable 'input'"))
    #expect(recorder.started.count == recorder.ended.count)
    #expect(recorder.ended.allSatisfy { $0 == nil })
  }

  @Test func anInterruptedTrainEndsInterrupted() {
    let sink = BufferSink()
    let session = Session(output: sink)
    let recorder = Recorder()
    session.domain.trainingObserver = recorder
    session.interrupt.raise()
    let result = session.run(Source(name: "t", text: Self.setup + "train 1000000 alpha 0.01\n"))
    #expect(result.diagnostics.first?.phase == .interrupt)
    #expect(recorder.ended == [.interrupted(step: 0, reason: .flag)])
  }

  @Test func theMonitorCountsLoopSteps() {
    let (_, _, session) = run("i = 0\nwhile i < 1000 { i += 1 }\n", watched: false)
    #expect(session.monitor.stepsSoFar == 1000)
  }
}
