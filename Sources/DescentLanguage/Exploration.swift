/// One `explore` being shown: its knobs and their values, and the frame
/// of any choice of values, run from the variables as they were before the
/// block. An `Explorer` asks it for frames as the learner moves a knob.
public final class Exploration {
  /// A knob: the variable it sets and its values.
  public struct Knob {
    public let name: String
    let values: [Value]
    /// The value the explore starts at.
    public let startIndex: Int
    let store: (Frame, Value) -> Void

    /// The values as the learner reads them: "18", "0.25".
    public var labels: [String] { values.map(\.repr) }
  }

  public let knobs: [Knob]
  /// The knob values (indices) of the frame run last: the session's
  /// variables are that frame's.
  public private(set) var shown: [Int]
  /// Where the `explore` statement is, for messages.
  public let range: SourceRange
  /// The source the statement came from, to show errors and warnings.
  public let source: Source?

  private unowned let session: Session
  private let body: (Frame) throws -> Flow
  private let frame: Frame
  private let snapshot: ExploreSnapshot
  private let locals: [Value?]
  private let lineOffset: Int
  private let stepsBefore: Int
  private let outputBefore: Int

  init(session: Session, knobs: [Knob], body: @escaping (Frame) throws -> Flow, frame: Frame, range: SourceRange) {
    self.session = session
    self.knobs = knobs
    self.body = body
    self.frame = frame
    self.range = range
    source = session.runningSource
    snapshot = ExploreSnapshot(of: session)
    var copies: [ObjectIdentifier: NetworkBox] = [:]
    locals = frame.locals.map { $0.map { ExploreSnapshot.deepCopy($0, &copies) } }
    lineOffset = session.lineOffset
    stepsBefore = session.steps
    outputBefore = session.outputBytes
    shown = knobs.map(\.startIndex)
  }

  /// Where each knob starts.
  public var startIndices: [Int] { knobs.map(\.startIndex) }

  /// How many frames there are (every combination of the knobs' values).
  public var frameCount: Int { knobs.reduce(1) { $0 * $1.values.count } }

  /// The position of a choice of values among all frames, first knob slowest.
  public func flatIndex(_ indices: [Int]) -> Int {
    zip(knobs, indices).reduce(0) { $0 * $1.0.values.count + $1.1 }
  }

  /// The choice of values at a position among all frames.
  public func indices(ofFlat flat: Int) -> [Int] {
    var rest = flat
    return knobs.reversed().map { knob in
      defer { rest /= knob.values.count }
      return rest % knob.values.count
    }.reversed()
  }

  /// "alpha = 18, momentum = 0.5".
  public func status(_ indices: [Int]) -> String {
    zip(knobs, indices).map { "\($0.name) = \($0.labels[$1])" }.joined(separator: ", ")
  }

  /// Runs the block at the given knob values, from the variables as they
  /// were before it, and returns what it wrote. An error stops only this
  /// frame: it is in the frame, and the session's variables are where it
  /// stopped, as after any failed run. With `leavingVariables` the
  /// session's variables are put back as they were before this call (a
  /// Jupyter slider moved after later cells ran must not undo them).
  public func frame(at indices: [Int], leavingVariables: Bool = false) -> ExploreFrame {
    if leavingVariables {
      let current = ExploreSnapshot(of: session)
      defer { current.restore(into: session) }
      return frame(at: indices)
    }
    let clamped = zip(knobs, indices).map { min(max(0, $1), $0.values.count - 1) }
    snapshot.restore(into: session)
    var copies: [ObjectIdentifier: NetworkBox] = [:]
    frame.locals = locals.map { $0.map { ExploreSnapshot.deepCopy($0, &copies) } }
    for (knob, index) in zip(knobs, clamped) { knob.store(frame, knob.values[index]) }
    shown = clamped

    let recorder = FrameRecorder()
    let output = session.output
    let savedOffset = session.lineOffset
    session.output = recorder
    session.lineOffset = lineOffset
    session.steps = stepsBefore
    session.outputBytes = outputBefore
    session.domain.exploring = true
    defer {
      session.domain.exploring = false
      session.output = output
      session.lineOffset = savedOffset
    }
    var failure: Diagnostic?
    do {
      _ = try body(frame)
    } catch let diagnostic as Diagnostic {
      failure = diagnostic
    } catch {
      failure = Diagnostic("internal error: \(error)", at: range)
    }
    for warning in session.warnings {
      recorder.write(render(warning) + "\n")
    }
    session.warnings.removeAll()
    var result = recorder.frame
    result.error = failure
    return result
  }

  /// Runs the block at the given knob values into the session's own
  /// output, as it runs outside a terminal: an error stops the run.
  public func run(at indices: [Int]) throws {
    snapshot.restore(into: session)
    var copies: [ObjectIdentifier: NetworkBox] = [:]
    frame.locals = locals.map { $0.map { ExploreSnapshot.deepCopy($0, &copies) } }
    for (knob, index) in zip(knobs, indices) { knob.store(frame, knob.values[index]) }
    shown = indices
    session.steps = stepsBefore
    session.outputBytes = outputBefore
    session.domain.exploring = true
    defer { session.domain.exploring = false }
    _ = try body(frame)
  }

  /// A diagnostic of a frame as text, with its source line and caret.
  public func render(_ diagnostic: Diagnostic, color: Bool = false) -> String {
    guard let source else { return diagnostic.message }
    return diagnostic.render(source: source, color: color)
  }
}
