import DescentEngine
import DescentPlot

/// The charts `plot` draws, built from the session's state. They know the
/// language's names; the Chart values they return know nothing of them.
extension DomainRuntime {
  /// `plot error`: the error per step of the last training.
  func errorChart(log: Bool, at range: SourceRange) throws -> Chart {
    let record = try lastRecord(at: range)
    let history = record.history
    var notes: [String] = []
    if history.stride > 1 {
      notes.append("every \(history.stride)th of \(history.stepsSeen) steps shown")
    }
    return Chart(
      title: "Error per step",
      x: Axis(label: "step"),
      y: Axis(label: "error", scale: log ? .log : .linear),
      series: [.line("error", x: history.stepNumbers.map(Double.init), y: history.errors)],
      notes: notes)
  }

  func lastRecord(at range: SourceRange) throws -> TrainingRecord {
    guard let record = lastTraining, record.history.count > 0 else {
      throw Diagnostic(
        "nothing trained yet", at: range, notes: ["train first, as in: train 20 alpha 0.1"])
    }
    return record
  }

  /// `plot error vs weight`: the error bowl over one weight, with the path
  /// the steps took down it (alpha too large visibly jumps across it).
  func bowlChart(weightName: String, at range: SourceRange) throws -> Chart {
    let record = try lastRecord(at: range)
    let index = try record.weightIndex(weightName, at: range)
    let history = record.history
    let path = (0..<history.count).map { row in
      PlotPoint(x: history.weights(ofRow: row)[history.weights(ofRow: row).startIndex + index], y: history.errors[row])
    }
    var enclose: [Double] = []
    if case .oneWeight(let input, let goal) = record.kind, input != 0 { enclose = [goal / input] }
    return DomainRuntime.curveChart(
      title: "Error against \(record.weightNames[index])", parameter: record.weightNames[index], index: index,
      base: record.finalWeights, paths: [(record.pathName, path)], enclosing: enclose, errorAt: record.errorAt)
  }

  /// A function of the parameters drawn along one of them (the others held
  /// at `base`) over a range enclosing every path and `enclosing`, with
  /// each path drawn on it: `plot error vs weight`, and `compare` on a
  /// function of one number.
  static func curveChart(
    title: String, parameter: String, index: Int, base: [Double], paths: [(name: String, points: [PlotPoint])],
    enclosing: [Double] = [], errorAt: ([Double]) -> Double
  ) -> Chart {
    let finite = (paths.flatMap { $0.points.map(\.x) } + enclosing).filter(\.isFinite)
    var low = finite.min() ?? 0
    var high = finite.max() ?? 1
    let margin = max((high - low) * 0.15, 0.5)
    // Out to round numbers, and the axis is exactly that range: the bowl is
    // drawn from one end of the axis to the other, not stopping short of an
    // axis the chart rounded out by itself.
    let axis = Ticks.linear(lower: low - margin, upper: high + margin, target: 6, extend: true)
    (low, high) = (axis.lower, axis.upper)
    var point = base
    let curve = (0...200).map { i -> PlotPoint in
      let w = low + (high - low) * Double(i) / 200
      point[index] = w
      return PlotPoint(x: w, y: errorAt(point))
    }
    return Chart(
      title: title, x: Axis(label: parameter, range: ValueRange(low, high)), y: Axis(label: "error"),
      series: [.line("error", points: curve)] + paths.map { DomainRuntime.pathSeries($0.name, $0.points) })
  }

  /// A path of steps, numbered while there are few enough to read.
  static func pathSeries(_ name: String, _ points: [PlotPoint]) -> Series {
    .path(name, points: points, marks: points.count > 30 ? .startEnd : .numbered)
  }

  /// `plot error over weights[i], weights[j]` (or over two parameters of a
  /// function, by name): the error surface as a map, with the path.
  func surfaceChart(_ first: Int?, _ second: Int?, names: (String, String), at range: SourceRange) throws -> Chart {
    let record = try lastRecord(at: range)
    let count = record.weightNames.count
    let a = try first ?? record.weightIndex(names.0, at: range)
    let b = try second ?? record.weightIndex(names.1, at: range)
    for i in [a, b] where i < 0 || i >= count {
      throw Diagnostic("the last training has \(count) weight\(count == 1 ? "" : "s"); index \(i) is out of range", at: range)
    }
    let history = record.history
    let path = (0..<history.count).map { row -> PlotPoint in
      let w = history.weights(ofRow: row)
      return PlotPoint(x: w[w.startIndex + a], y: w[w.startIndex + b])
    }
    let style: HeatmapStyle = if case .function = record.kind { .contours(levels: 12) } else { .cells }
    return DomainRuntime.contourChart(
      title: "Error over \(names.0) and \(names.1)", names: names, indices: (a, b), base: record.finalWeights,
      paths: [(record.pathName, path)], style: style, errorAt: record.errorAt)
  }

  /// A function of the parameters as a map over two of them (the others
  /// held at `base`) around every path, each path drawn on it: `plot error
  /// over`, and `compare`.
  static func contourChart(
    title: String, names: (String, String), indices: (Int, Int), base: [Double],
    paths: [(name: String, points: [PlotPoint])], style: HeatmapStyle, errorAt: ([Double]) -> Double
  ) -> Chart {
    func span(_ values: [Double]) -> ValueRange {
      let finite = values.filter(\.isFinite)
      let low = finite.min() ?? -1
      let high = finite.max() ?? 1
      let margin = max((high - low) * 0.3, 0.5)
      return ValueRange(low - margin, high + margin)
    }
    var point = base
    let all = paths.flatMap(\.points)
    let (xSpan, ySpan) = (span(all.map(\.x)), span(all.map(\.y)))
    let map = Heatmap.sampling(x: xSpan, y: ySpan, columns: 60, rows: 40, style: style) { x, y in
      point[indices.0] = x
      point[indices.1] = y
      return errorAt(point)
    }
    return Chart(
      title: title, x: Axis(label: names.0, range: xSpan), y: Axis(label: names.1, range: ySpan),
      series: [.heatmap("error", map)] + paths.map { DomainRuntime.pathSeries($0.name, $0.points) })
  }

  /// `plot f from a to b`: a function of one number.
  func functionChart(name: String, from low: Double, to high: Double, at range: SourceRange, evaluate: (Double) throws -> Double) throws -> Chart {
    guard low.isFinite, high.isFinite, low < high else {
      throw Diagnostic("plot needs a range with 'from' below 'to', found \(low) to \(high)", at: range)
    }
    var points: [PlotPoint] = []
    for i in 0...240 {
      let x = low + (high - low) * Double(i) / 240
      points.append(PlotPoint(x: x, y: try evaluate(x)))
    }
    return Chart(
      title: "\(name)(x)", x: Axis(label: "x", range: ValueRange(low, high)), y: Axis(label: "\(name)(x)"),
      series: [.line(name, points: points)])
  }

  /// `plot xs, ys`.
  func vectorsChart(_ xs: [Double], _ ys: [Double], names: (String, String), log: Bool, at range: SourceRange) throws -> Chart {
    guard xs.count == ys.count else {
      throw Diagnostic("plot needs two vectors of the same length, found \(xs.count) and \(ys.count)", at: range)
    }
    return Chart(
      title: "\(names.1) against \(names.0)", x: Axis(label: names.0),
      y: Axis(label: names.1, scale: log ? .log : .linear), series: [.line(names.1, x: xs, y: ys)])
  }
}
