import Foundation

/// Shows an `explore` to the learner and lets them move its knobs: the
/// REPL at a terminal, the Jupyter kernel (a slider), a rendered page
/// (every frame). Without one, the block runs once at the start value.
public protocol Explorer: AnyObject {
  /// Shows `exploration` and returns when the learner is done. The
  /// session's variables are then those of the frame last run.
  func explore(_ exploration: Exploration) throws
}

/// The most frames an `explore` may have: a rendered page holds them all,
/// and a slider with more stops than pixels helps nobody.
public let maxExploreFrames = 200

extension Compiler {
  /// `explore NAME from A to B [step S] [start V] { ... }`.
  func compileExplore(_ spec: ExploreSpec, at range: SourceRange) -> StmtCode {
    unowned(unsafe) let session = self.session
    let knobs = spec.knobs.map { knob in
      (
        knob: knob, from: compile(knob.from), to: compile(knob.to), step: knob.step.map { compile($0) },
        start: knob.start.map { compile($0) }, store: storeCode(for: slot(for: knob.name))
      )
    }
    let body = compileBlock(spec.body)
    return { frame in
      if session.domain.exploring {
        throw Diagnostic(
          "explore inside another explore", at: range,
          notes: ["one explore at a time: give the outer one a second knob instead (explore a from ..., b from ... { })"])
      }
      let evaluated = try knobs.map { compiled -> Exploration.Knob in
        let values = try Exploration.values(
          from: try compiled.from(frame), to: try compiled.to(frame), step: try compiled.step?(frame),
          start: try compiled.start?(frame), knob: compiled.knob)
        return Exploration.Knob(
          name: compiled.knob.name, values: values.values, startIndex: values.startIndex, store: compiled.store)
      }
      let frames = evaluated.reduce(1) { $0 * $1.values.count }
      if frames > maxExploreFrames {
        let sizes = evaluated.map { "\($0.values.count) values of \($0.name)" }.joined(separator: " times ")
        throw Diagnostic(
          "explore has \(frames) frames (\(sizes)); at most \(maxExploreFrames)", at: range,
          notes: ["a larger step gives fewer frames (as in: step 2)"])
      }
      guard let explorer = session.domain.explorer else {
        // Piped, a file, `descent check`: the start frame, written as it runs.
        for knob in evaluated { knob.store(frame, knob.values[knob.startIndex]) }
        session.domain.exploring = true
        defer { session.domain.exploring = false }
        _ = try body(frame)
        return .normal
      }
      try explorer.explore(Exploration(session: session, knobs: evaluated, body: body, frame: frame, range: range))
      return .normal
    }
  }
}

extension Exploration {
  /// The values of a knob from its evaluated range, and the index of the start.
  static func values(
    from: Value, to: Value, step: Value?, start: Value?, knob: ExploreKnob
  ) throws -> (values: [Value], startIndex: Int) {
    func number(_ value: Value, _ what: String, _ range: SourceRange) throws -> Double {
      guard let x = value.number, x.isFinite else {
        throw Diagnostic("\(what) of explore must be a finite number, found \(value.repr) (\(value.kindName))", at: range)
      }
      return x
    }
    let low = try number(from, "the start of the range", knob.from.range)
    let high = try number(to, "the end of the range", knob.to.range)
    let span = knob.from.range.union(knob.to.range)
    guard low <= high else {
      throw Diagnostic(
        "empty range: \(knob.name) from \(from.repr) to \(to.repr) has no values", at: span,
        notes: ["the range goes up: explore \(knob.name) from \(to.repr) to \(from.repr)"])
    }
    var integral = isWhole(from) && isWhole(to)
    var stepSize = integral ? 1.0 : (high - low) / 20
    if let step, let stepExpr = knob.step {
      stepSize = try number(step, "the step", stepExpr.range)
      guard stepSize > 0 else {
        throw Diagnostic(
          "the step of explore must be more than 0, found \(step.repr)", at: stepExpr.range,
          notes: ["as in: explore \(knob.name) from \(from.repr) to \(to.repr) step 1"])
      }
      integral = integral && isWhole(step)
    }
    if high == low { stepSize = 1 }
    // A hair of slack, so 0 to 1 step 0.1 ends at 1 despite rounding.
    let last = ((high - low) / stepSize * (1 + 1e-12)).rounded(.down)
    guard last < Double(maxExploreFrames) else {
      let stepText = step?.repr ?? (integral ? "1" : PythonFloat.repr(stepSize))
      let enough = (high - low) / Double(maxExploreFrames - 1)
      let suggestion = integral ? String(Int(enough.rounded(.up))) : PythonFloat.repr(Double(String(format: "%.1g", enough * 2)) ?? enough)
      throw Diagnostic(
        "explore has more than \(maxExploreFrames) values of \(knob.name) from \(from.repr) to \(to.repr) step \(stepText)",
        at: knob.step?.range ?? span, notes: ["a larger step gives fewer frames (as in: step \(suggestion))"])
    }
    let values = (0...Int(last)).map { i -> Value in
      if integral { return .int(Int(low) + i * Int(stepSize)) }
      // Twelve significant digits, so 0.1 * 3 shows as 0.3, not 0.30000000000000004.
      return .float(Double(String(format: "%.12g", low + Double(i) * stepSize)) ?? low + Double(i) * stepSize)
    }
    var startIndex = 0
    if let start, let startExpr = knob.start {
      let x = try number(start, "the start value", startExpr.range)
      guard x >= low - stepSize * 1e-9, x <= high + stepSize * 1e-9 else {
        throw Diagnostic(
          "the start value \(start.repr) is outside the range \(from.repr) to \(to.repr)", at: startExpr.range)
      }
      startIndex = min(values.count - 1, Int(((x - low) / stepSize).rounded()))
    }
    return (values, startIndex)
  }

  private static func isWhole(_ value: Value) -> Bool {
    if case .int = value { return true }
    return false
  }
}
