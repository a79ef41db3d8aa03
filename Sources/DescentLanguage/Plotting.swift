import DescentEngine
import DescentPlot
import Foundation

extension Compiler {
  /// `plot ...`: builds the chart, shows it, and writes it to a file with `to`.
  func compilePlot(_ spec: PlotSpec, at range: SourceRange) -> StmtCode {
    unowned(unsafe) let session = self.session
    let build: (Frame) throws -> Chart
    switch spec.what {
    case .error:
      build = { _ in try session.domain.errorChart(log: spec.log, at: range) }
    case .errorVs(let name):
      let weightName = name == "weights" ? "weights[0]" : name
      build = { _ in try session.domain.bowlChart(weightName: weightName, at: range) }
    case .errorOver(let first, let second):
      let names = (text(of: first.range), text(of: second.range))
      let indices = [first, second].map { expr -> Int? in
        if case .index(let base, let index) = expr.kind, case .name("weights") = base.kind,
          case .integer(let i) = index.kind
        {
          return i
        }
        return nil
      }
      // `weights[i]` by its index; any other weight or parameter by its name.
      build = { _ in try session.domain.surfaceChart(indices[0], indices[1], names: names, at: range) }
    case .predVsGoal:
      build = { _ in try session.domain.predictionChart(at: range) }
    case .function(let name, let from, let to):
      let (fromCode, toCode) = (compile(from), compile(to))
      let callee = compile(Expr(.name(name), range))
      let builtin = Builtins.table[name]
      build = { frame in
        guard let low = try fromCode(frame).number, let high = try toCode(frame).number else {
          throw Diagnostic("plot needs numbers after 'from' and 'to'", at: range)
        }
        let context = BuiltinContext(session: session, range: range, argumentRanges: [])
        let userFunction = session.value(of: name)
        return try session.domain.functionChart(name: name, from: low, to: high, at: range) { x in
          let result: Value
          if let userFunction {
            result = try session.call(userFunction, [.float(x)], at: range, calleeRange: range)
          } else if let builtin {
            result = try builtin.call([.float(x)], context)
          } else {
            result = try callee(frame)  // reports the unknown name
          }
          guard let y = result.number else {
            throw Diagnostic("\(name)(x) must give a number to plot, found \(result.aKindName)", at: range)
          }
          return y
        }
      }
    case .vectors(let xs, let ys):
      let (xCode, yCode) = (compile(xs), compile(ys))
      let names = (text(of: xs.range), text(of: ys.range))
      let (xRange, yRange) = (xs.range, ys.range)
      build = { frame in
        let x = try session.domain.plotVector(try xCode(frame), at: xRange)
        let y = try session.domain.plotVector(try yCode(frame), at: yRange)
        return try session.domain.vectorsChart(x, y, names: names, log: spec.log, at: range)
      }
    }
    return { frame in
      let chart = try build(frame)
      if let file = spec.file {
        try session.domain.writeSVG(chart, to: file, at: range)
      } else {
        session.output.show(chart)
      }
      return .normal
    }
  }
}

extension DomainRuntime {
  func plotVector(_ value: Value, at range: SourceRange) throws -> [Double] {
    switch value {
    case .tensor(let t, _) where t.rank == 1: return t.scalars
    default: throw Diagnostic("plot needs a vector here, found \(value.aKindName)", at: range)
    }
  }

  /// The first line of every SVG file `plot ... to` writes: a file that
  /// starts with it may be replaced, any other file is left alone.
  static let svgMarker = "<!-- made by descent -->\n"

  /// `plot ... to "file.svg"`: the chart as an SVG file beside the script.
  func writeSVG(_ chart: Chart, to file: String, at range: SourceRange) throws {
    guard file.lowercased().hasSuffix(".svg") else {
      throw Diagnostic("plot writes SVG files; name the file with .svg, found \"\(file)\"", at: range)
    }
    let svg = DomainRuntime.svgMarker + SVGRenderer().render(chart)
    guard session.allowsFileWrites else { throw Diagnostic("this session writes no files (plot ... to \"\(file)\")", at: range) }
    let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : URL(fileURLWithPath: session.baseDirectory).appendingPathComponent(file)
    if !session.allowOverwrite, let existing = FileHandle(forReadingAtPath: url.path) {
      let head = (try? existing.read(upToCount: 200)) ?? Data()
      try? existing.close()
      if !head.starts(with: Array(DomainRuntime.svgMarker.utf8)) {
        throw Diagnostic(
          "will not replace \(file): descent did not write it", at: range,
          notes: ["choose another file name, or run with --force to replace it"])
      }
    }
    do {
      try Data(svg.utf8).write(to: url, options: .atomic)
    } catch {
      throw Diagnostic("cannot write \(file): \(error.localizedDescription)", at: range)
    }
    try session.emit("wrote \(file)\n")
  }

  /// `plot pred vs goal`: the predictions of the last training's steps
  /// against the goal.
  func predictionChart(at range: SourceRange) throws -> Chart {
    let record = try lastRecord(at: range)
    if case .function(let name) = record.kind {
      throw Diagnostic(
        "training on \(name) makes no predictions, so there is no pred vs goal to plot", at: range,
        notes: ["plot error, or plot error vs one of its parameters"])
    }
    let history = record.history
    let steps = history.stepNumbers.map(Double.init)
    var series: [Series] = []
    let goals: [Double]
    switch record.kind {
    case .oneWeight(_, let goal), .hotCold(_, let goal), .manyInputs(_, let goal): goals = [goal]
    case .oneInputManyOutputs(_, let g), .manyToMany(_, let g): goals = g
    case .network, .function: goals = []
    }
    let outputs = history.outputCount
    for o in 0..<outputs {
      let name = outputs == 1 ? "pred" : "pred[\(o)]"
      series.append(.line(name, x: steps, y: (0..<history.count).map { history.predictions[$0 * outputs + o] }))
    }
    for (o, goal) in goals.enumerated() {
      let name = goals.count == 1 ? "goal" : "goal[\(o)]"
      series.append(.line(name, x: [steps.first ?? 1, steps.last ?? 1], y: [goal, goal]))
    }
    return Chart(title: "Prediction against goal", x: Axis(label: "step"), y: Axis(label: "prediction"), series: series)
  }
}
