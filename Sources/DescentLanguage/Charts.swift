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
    guard let index = record.weightNames.firstIndex(of: weightName) else {
      throw Diagnostic(
        "the last training has no weight '\(weightName)'", at: range,
        notes: ["its weights: " + record.weightNames.joined(separator: ", ")])
    }
    let history = record.history
    let path = (0..<history.count).map { row in
      PlotPoint(x: history.weights(ofRow: row)[history.weights(ofRow: row).startIndex + index], y: history.errors[row])
    }
    // The curve: the other weights held at their final values.
    let finite = path.map(\.x).filter(\.isFinite)
    var low = finite.min() ?? 0
    var high = finite.max() ?? 1
    if case .oneWeight(let input, let goal) = record.kind, input != 0 {
      low = min(low, goal / input)
      high = max(high, goal / input)
    }
    let margin = max((high - low) * 0.15, 0.5)
    // Out to round numbers, and the axis is exactly that range: the bowl is
    // drawn from one end of the axis to the other, not stopping short of an
    // axis the chart rounded out by itself.
    let axis = Ticks.linear(lower: low - margin, upper: high + margin, target: 6, extend: true)
    (low, high) = (axis.lower, axis.upper)
    var base = record.finalWeights
    let curve = (0...200).map { i -> PlotPoint in
      let w = low + (high - low) * Double(i) / 200
      base[index] = w
      return PlotPoint(x: w, y: record.errorAt(base))
    }
    return Chart(
      title: "Error against \(weightName)",
      x: Axis(label: weightName, range: ValueRange(low, high)), y: Axis(label: "error"),
      series: [
        .line("error", points: curve),
        .path("steps", points: path, marks: path.count > 30 ? .startEnd : .numbered),
      ])
  }

  /// `plot error over weights[i], weights[j]`: the error surface as a map,
  /// with the path.
  func surfaceChart(_ first: Int, _ second: Int, names: (String, String), at range: SourceRange) throws -> Chart {
    let record = try lastRecord(at: range)
    let count = record.weightNames.count
    for i in [first, second] where i < 0 || i >= count {
      throw Diagnostic("the last training has \(count) weight\(count == 1 ? "" : "s"); index \(i) is out of range", at: range)
    }
    let history = record.history
    let path = (0..<history.count).map { row -> PlotPoint in
      let w = history.weights(ofRow: row)
      return PlotPoint(x: w[w.startIndex + first], y: w[w.startIndex + second])
    }
    func span(_ values: [Double]) -> ValueRange {
      let finite = values.filter(\.isFinite)
      let low = finite.min() ?? -1
      let high = finite.max() ?? 1
      let margin = max((high - low) * 0.3, 0.5)
      return ValueRange(low - margin, high + margin)
    }
    var base = record.finalWeights
    let (xSpan, ySpan) = (span(path.map(\.x)), span(path.map(\.y)))
    let map = Heatmap.sampling(x: xSpan, y: ySpan, columns: 60, rows: 40, style: .cells) { a, b in
      base[first] = a
      base[second] = b
      return record.errorAt(base)
    }
    return Chart(
      title: "Error over \(names.0) and \(names.1)",
      x: Axis(label: names.0, range: xSpan), y: Axis(label: names.1, range: ySpan),
      series: [.heatmap("error", map), .path("steps", points: path, marks: path.count > 30 ? .startEnd : .numbered)])
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
