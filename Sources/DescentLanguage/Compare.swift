import DescentEngine
import DescentPlot

/// Where one optimizer of a `compare` ended.
struct CompareRun {
  /// The optimizer as written (`momentum 0.9`).
  var name: String
  /// The points it visited, from the start to where it ended.
  var path: [[Double]]
  /// The function's value at each point of `path`.
  var values: [Double]
  /// The step each point of `path` starts (the last: the one after the run).
  var stepNumbers: [Double]
  /// Steps taken.
  var steps: Int
  /// How the run ended.
  var stop: TrainingStop
}

extension Compiler {
  /// `compare ...`: evaluates the start, alpha, steps and each optimizer's
  /// settings when the statement runs, then races them (`Session.compare`).
  func compileCompare(_ spec: CompareSpec, at range: SourceRange) -> StmtCode {
    unowned(unsafe) let session = self.session
    let functionCode = compile(spec.function)
    let startCode = compile(spec.start)
    let alphaCode = spec.alpha.map { compile($0) }
    let stepsCode = spec.steps.map { compile($0) }
    let optimizers = spec.optimizers.map { (name: text(of: $0.range), kind: compileOptimizer($0)) }
    return { frame in
      let alpha: Double
      if let alphaCode, let alphaExpr = spec.alpha {
        let value = try alphaCode(frame)
        guard let a = value.number else { throw Diagnostic("alpha must be a number, found \(value.aKindName)", at: alphaExpr.range) }
        alpha = a
      } else if let a = session.value(of: "alpha")?.number {
        alpha = a
      } else {
        throw Diagnostic("compare needs a learning rate", at: range, notes: ["add one, as in: ... alpha 0.1 steps 50"])
      }
      var steps = CompareSpec.defaultSteps
      if let stepsCode, let stepsExpr = spec.steps {
        steps = try Compiler.wholeNumber(try stepsCode(frame), what: "steps", at: stepsExpr.range)
        guard steps >= 0 else { throw Diagnostic("cannot take \(steps) steps; give a count of 0 or more", at: stepsExpr.range) }
      }
      let racers = try optimizers.map { (name: $0.name, kind: try $0.kind(frame)) }
      let target = FunctionTarget(function: try functionCode(frame), range: spec.function.range)
      try session.compare(
        racers, on: target, from: try startCode(frame), startRange: spec.start.range, alpha: alpha, steps: steps, at: range)
      return .normal
    }
  }
}

extension Session {
  // MARK: - compare

  /// Races the optimizers from one start on a function of numbers: draws
  /// every path on one chart (a curve for one number, a map for two, the
  /// value per step for more) and prints where each ended.
  /// The session's variables are left as they were.
  func compare(
    _ racers: [(name: String, kind: OptimizerKind)], on target: FunctionTarget, from start: Value, startRange: SourceRange,
    alpha: Double, steps: Int, at range: SourceRange
  ) throws {
    let names = try compareParameters(of: target)
    let point = try compareStart(start, count: names.count, at: startRange)
    let function = target.function
    let evaluate: ([Double]) throws -> (value: Double, gradient: [Double]) = { [unowned self] point in
      let (value, gradient) = try self.valueAndGradient(of: function, at: point.map { .float($0) }, range: target.range)
      return (value, ParameterLayout.flatten(gradient))
    }
    let valueAt: ([Double]) -> Double = { [unowned self] point in
      (try? self.call(function, point.map { .float($0) }, at: target.range, calleeRange: target.range))?.number ?? .nan
    }
    var runs: [CompareRun] = []
    for racer in racers {
      var trainer: FunctionTrainer
      do {
        trainer = try FunctionTrainer(parameters: point, optimizer: racer.kind, alpha: alpha)
      } catch {
        throw Diagnostic("cannot run \(racer.name): \(error)", at: range)
      }
      let budget = stepBudget.map { max(0, $0 - self.steps) }
      let result: TrainingResult<FunctionStep>
      do {
        result = try trainer.train(
          StopConditions(steps: steps, until: nil, maxSteps: budget, progress: nil), interrupt: interrupt, function: evaluate)
      } catch let error as TrainingError {
        throw domain.trainingError(error, at: range)
      }
      self.steps += result.stepsRun
      if case .interrupted(let step, let reason) = result.stop {
        if reason == .flag {
          throw Diagnostic(
            StopMessage.raceInterrupted(line: "\(range.start.line + lineOffset)", steps: "\(step)"), at: range,
            phase: .interrupt)
        }
        throw budgetSpent(at: range)
      }
      var final = trainer.parameters
      if case .diverged(_, _, let kept, _) = result.stop, !kept.isEmpty { final = kept }
      let history = result.history
      var path = (0..<history.count).map { Array(history.weights(ofRow: $0)) }
      var values = history.errors
      path.append(final)
      values.append(valueAt(final))
      let stepNumbers = history.stepNumbers.map(Double.init) + [Double(result.stepsRun + 1)]
      runs.append(
        CompareRun(
          name: racer.name, path: path, values: values, stepNumbers: stepNumbers, steps: result.stepsRun,
          stop: result.stop))
    }
    output.show(compareChart(runs, names: names, functionName: Session.functionName(function), start: point, valueAt: valueAt))
    try emit(compareTable(runs, names: names))
  }

  /// The parameter names of a function of numbers.
  private func compareParameters(of target: FunctionTarget) throws -> [String] {
    guard case .function(let f) = target.function else {
      throw Diagnostic(
        "compare needs a function to race on, found \(target.function.aKindName)", at: target.range,
        notes: ["as in: def f(x, y): return x ** 2 + 10 * y ** 2"])
    }
    guard f.parameterCount >= 1 else {
      throw Diagnostic(
        "compare races on a function of numbers; \(f.name)() takes none", at: target.range,
        notes: ["its parameters are where each optimizer starts: def f(x, y): return x ** 2 + 10 * y ** 2"])
    }
    return f.parameterNames.count == f.parameterCount ? f.parameterNames : (0..<f.parameterCount).map { "x\($0)" }
  }

  /// The start as one number per parameter.
  private func compareStart(_ start: Value, count: Int, at range: SourceRange) throws -> [Double] {
    let point: [Double]
    switch start {
    case .int, .float: point = [start.number ?? 0]
    case .tensor(let t, _) where t.rank == 1: point = t.scalars
    case .list(let items) where items.allSatisfy({ $0.number != nil }): point = items.map { $0.number ?? 0 }
    default:
      throw Diagnostic("compare starts from a number or a vector of numbers, found \(start.aKindName)", at: range)
    }
    guard point.count == count else {
      throw Diagnostic(
        "the function takes \(count) number\(count == 1 ? "" : "s"), so the start needs \(count), found \(point.count)",
        at: range, notes: [count == 1 ? "as in: from 2.5" : "as in: from [1.5, -1]"])
    }
    return point
  }

  /// Every path on the function's map (two parameters) or curve (one).
  private func compareChart(
    _ runs: [CompareRun], names: [String], functionName: String, start: [Double], valueAt: ([Double]) -> Double
  ) -> Chart {
    let title = "\(runs.map(\.name).joined(separator: ", ")) on \(functionName)"
    if names.count > 2 {
      // No map to draw a path of three or more numbers on: the value each reached, step by step.
      let positive = runs.allSatisfy { $0.values.allSatisfy { $0 > 0 } }
      return Chart(
        title: title, x: Axis(label: "step"), y: Axis(label: functionName, scale: positive ? .log : .linear),
        series: runs.map { .line($0.name, x: $0.stepNumbers, y: $0.values) })
    }
    if names.count == 2 {
      let paths = runs.map { run in (name: run.name, points: run.path.map { PlotPoint(x: $0[0], y: $0[1]) }) }
      var chart = DomainRuntime.contourChart(
        title: title, names: (names[0], names[1]), indices: (0, 1), base: start, paths: paths,
        style: .contours(levels: 12), errorAt: valueAt)
      chart.series[0].name = functionName
      return chart
    }
    let paths = runs.map { run in
      (name: run.name, points: zip(run.path, run.values).map { PlotPoint(x: $0[0], y: $1) })
    }
    var chart = DomainRuntime.curveChart(
      title: title, parameter: names[0], index: 0, base: start, paths: paths, errorAt: valueAt)
    chart.y.label = "\(functionName)(\(names[0]))"
    chart.series[0].name = functionName
    // Up to the highest point a path reached and down to the lowest valley
    // drawn: the curve's far ends would squash the valleys flat.
    let heights = (paths.flatMap { $0.points.map(\.y) } + chart.series[0].points.map(\.y)).filter(\.isFinite)
    let pathTop = paths.flatMap { $0.points.map(\.y) }.filter(\.isFinite).max()
    if let low = heights.min(), let high = pathTop, high > low {
      let margin = (high - low) * 0.1
      let range = ValueRange(low - margin, high + margin)
      chart.y.range = range
      // The curve's ends that rise past the top are left off, not drawn out of sight.
      let inside = { (point: PlotPoint) in point.y >= range.lower && point.y <= range.upper }
      var curve = chart.series[0].points
      while let first = curve.first, !inside(first) { curve.removeFirst() }
      while let last = curve.last, !inside(last) { curve.removeLast() }
      chart.series[0].points = curve
    }
    return chart
  }

  /// Where each optimizer ended: its final point and value, its steps and
  /// how it stopped.
  private func compareTable(_ runs: [CompareRun], names: [String]) -> OutputTable {
    let header = ["optimizer"] + names + ["value", "steps", "stopped"]
    let rows = runs.map { run -> [String] in
      let final = run.path.last ?? []
      return [run.name] + final.map { digits.format($0) }
        + [digits.format(run.values.last ?? .nan), "\(run.steps)", Session.howItStopped(run.stop)]
    }
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    // Names and the last column read from the left; numbers line up on the right.
    let text = ([header] + rows).map { row in
      row.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        return i == 0 || i == row.count - 1 ? cell + pad : pad + cell
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }.joined(separator: "\n") + "\n"
    return OutputTable(header: header, rows: rows, text: text)
  }

  /// A run's end in a few words, for the table.
  static func howItStopped(_ stop: TrainingStop) -> String {
    switch stop {
    case .completed: return "ran every step"
    case .reachedTarget(let step, _): return "reached the target at step \(step)"
    case .diverged(let step, _, _, _): return "diverged at step \(step)"
    case .cycled(let step, let period):
      return period == 1 ? "settled at step \(step)" : "cycled (period \(period)) at step \(step)"
    case .interrupted(let step, _): return "interrupted at step \(step)"
    }
  }
}
