import DescentLanguage
import Foundation
import Testing

/// `explore` with an explorer attached: frames run from the same starting
/// variables whatever order they are asked in, an error stays in its frame,
/// and the session keeps the variables of the frame shown last.
@Suite struct ExploreTests {
  /// An explorer that asks for the frames a test lists, in that order.
  final class ScriptedExplorer: Explorer {
    let visits: [[Int]]
    var frames: [ExploreFrame] = []
    var exploration: Exploration?
    init(_ visits: [[Int]]) { self.visits = visits }
    func explore(_ exploration: Exploration) throws {
      self.exploration = exploration
      frames = visits.map { exploration.frame(at: $0) }
    }
  }

  func run(_ text: String, visiting visits: [[Int]]) -> (Session, ScriptedExplorer, RunResult) {
    let session = Session(output: BufferSink())
    let explorer = ScriptedExplorer(visits)
    session.domain.explorer = explorer
    let result = session.run(Source(name: "t", text: text))
    return (session, explorer, result)
  }

  @Test func framesStartFromTheSameVariablesInAnyOrder() {
    let program = """
      weight = 0.5; goal = 0.8; input = 0.5
      explore alpha from 1 to 3 {
        train 5 alpha alpha / 10
        print alpha, weight
      }
      """
    let (session, explorer, result) = run(program, visiting: [[2], [0], [2], [1]])
    #expect(!result.failed)
    let texts = explorer.frames.map(\.text)
    #expect(texts[0] == texts[2])
    #expect(Set(texts).count == 3)
    // The frame shown last (alpha = 2) is the one whose variables stay.
    #expect(session.value(of: "alpha")?.repr == "2")
    #expect(explorer.exploration?.shown == [1])
    #expect(explorer.frames[3].text.hasPrefix("2 "))
  }

  @Test func aNetworkTrainedInOneFrameDoesNotLeakIntoTheNext() {
    // A network is shared by reference: a shallow snapshot would let the
    // first frame's training change the start of the second.
    let program = """
      network 2 -> 3 -> 1 sigmoid seed 1
      other = net
      inputs = [[0, 1], [1, 0]]; goals = [[1], [0]]
      explore epochs from 1 to 2 {
        train epochs * 50 epochs alpha 0.5
        print net.weights[0][0][0], other.weights[0][0][0]
      }
      """
    let (_, explorer, result) = run(program, visiting: [[1], [0], [1]])
    #expect(!result.failed, "\(result.diagnostics)")
    #expect(explorer.frames[0].text == explorer.frames[2].text)
    #expect(explorer.frames[0].text != explorer.frames[1].text)
    // `other` and `net` were one network before; in each frame they still are.
    let numbers = explorer.frames[1].text.split(separator: " ").map { $0.trimmingCharacters(in: .newlines) }
    #expect(numbers.count == 2 && numbers[0] == numbers[1])
  }

  @Test func anErrorStaysInItsFrame() {
    let (_, explorer, result) = run("explore a from 1 to 3 { print 6 / (a - 2) }", visiting: [[0], [1], [2]])
    #expect(!result.failed)
    #expect(explorer.frames[0].text == "-6.0\n")
    #expect(explorer.frames[1].error?.message == "division by zero")
    #expect(explorer.exploration?.render(explorer.frames[1].error!).contains("t:1:31") == true)
    #expect(explorer.frames[2].text == "6.0\n" && explorer.frames[2].error == nil)
  }

  @Test func twoKnobsNumberTheirFramesFirstKnobSlowest() {
    let (_, explorer, _) = run("explore a from 1 to 2, b from 0 to 1 step 0.5 { print a, b }", visiting: [[1, 2]])
    let exploration = explorer.exploration!
    #expect(exploration.frameCount == 6)
    #expect(exploration.flatIndex([1, 2]) == 5)
    #expect(exploration.indices(ofFlat: 4) == [1, 1])
    #expect(exploration.status([1, 1]) == "a = 2, b = 0.5")
    #expect(explorer.frames[0].text == "2 1.0\n")
  }
}
