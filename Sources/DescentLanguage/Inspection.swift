import DescentEngine

/// `show history`, `show weights`, `predict` and `check gradient`: looking
/// at what training did.
extension DomainRuntime {
  /// The kept steps of the last training as an aligned table; long runs
  /// show their first and last rows.
  func historyTable(at range: SourceRange) throws -> OutputTable {
    let record = try lastRecord(at: range)
    let table = record.history.table(weightNames: record.weightNames)
    let rowCount = table.rowCount
    let shown: [Int] = rowCount <= 40 ? Array(0..<rowCount) : Array(0..<20) + Array((rowCount - 20)..<rowCount)
    var cells: [[String]] = [table.columnNames]
    for row in shown {
      cells.append(table.columns.enumerated().map { column, values in
        column == 0 ? String(Int(values[row])) : session.digits.format(values[row])
      })
      if rowCount > 40, row == 19 {
        cells.append(table.columnNames.map { _ in "⋮" })
      }
    }
    var widths = Array(repeating: 0, count: table.columnCount)
    for line in cells {
      for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    var out = ""
    for line in cells {
      let padded = line.enumerated().map { i, cell in
        String(repeating: " ", count: widths[i] - cell.count) + cell
      }
      out += padded.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
    }
    let history = record.history
    var caption: String?
    if history.stride > 1 || rowCount > 40 {
      var line = "(\(history.stepsSeen) steps; \(rowCount) kept"
      line += history.stride > 1 ? ", every \(history.stride)th step" : ""
      line += rowCount > 40 ? "; the first and last 20 shown)" : ")"
      out += line + "\n"
      caption = line
    }
    return OutputTable(header: cells[0], rows: Array(cells.dropFirst()), caption: caption, text: out)
  }

  /// The session's weights: `weight`, `weights`, and each network's layers.
  func weightsTable(at range: SourceRange) throws -> OutputTable {
    var rows: [[String]] = []
    if let weight = session.value(of: "weight") { rows.append(["weight", weight.formatted(session.digits)]) }
    if let weights = session.value(of: "weights") { rows.append(["weights", weights.formatted(session.digits)]) }
    for (name, value) in session.variables {
      guard case .network(let box) = value else { continue }
      for (i, layer) in box.network.layers.enumerated() {
        rows.append(["\(name).weights[\(i)]", Value.tensor(layer.weights, integral: false).repr])
        if let biases = layer.biases {
          rows.append(["\(name).biases[\(i)]", Value.tensor(biases, integral: false).repr])
        }
      }
    }
    guard !rows.isEmpty else {
      throw Diagnostic("there are no weights yet", at: range, notes: ["as in: weight = 0.5, or network 3 -> 2 -> 1"])
    }
    let text = rows.map { $0[0] + " = " + $0[1] }.joined(separator: "\n") + "\n"
    return OutputTable(header: [], rows: rows, text: text)
  }

  /// `predict x`: what the current weights (or the network) predict for x.
  func predict(_ x: Value, at range: SourceRange) throws -> Value {
    if let box = focusedNetwork() {
      return try predict(with: box, x, at: range)
    }
    let vectorInput: Bool = if case .tensor = x { true } else { false }
    if let weight = session.value(of: "weight"), weight.number != nil, !(vectorInput && session.value(of: "weights") != nil) {
      return try Operators.binary(.multiply, x, weight, at: range)
    }
    if let weights = session.value(of: "weights") {
      if case .tensor(let w, _) = weights, w.rank == 2 {
        return try Operators.binary(.matmul, weights, x, at: range)
      }
      if case .tensor = x {
        return try Operators.binary(.matmul, x, weights, at: range)
      }
      return try Operators.binary(.multiply, x, weights, at: range)
    }
    throw Diagnostic("there is nothing to predict with yet", at: range, notes: ["set 'weight', 'weights' or make a network first"])
  }

  // MARK: - check gradient

  /// Compares the analytic derivative of the error the trainer minimises
  /// with central finite differences, weight by weight.
  func checkGradient(at range: SourceRange) throws -> String {
    if let box = focusedNetwork() {
      return try checkNetworkGradient(box, at: range)
    }
    let problem = try currentProblem(at: range)
    var out = "loss: \(problem.lossText), at the current weights\n"
    var rows: [[String]] = [["weight", "analytic", "numeric", "relative difference"]]
    let analytic = problem.gradient(problem.weights)
    for i in problem.weights.indices {
      let w = problem.weights[i]
      let h = 1e-6 * max(1, abs(w))
      var plus = problem.weights
      var minus = problem.weights
      plus[i] = w + h
      minus[i] = w - h
      let numeric = (problem.errorAt(plus) - problem.errorAt(minus)) / (2 * h)
      let scale = max(abs(analytic[i]), abs(numeric), 1e-12)
      let relative = abs(analytic[i] - numeric) / scale
      rows.append([
        problem.names[i], PythonFloat.str(analytic[i], significantDigits: 10),
        PythonFloat.str(numeric, significantDigits: 10), PythonFloat.str(relative, significantDigits: 2),
      ])
    }
    out += DomainRuntime.aligned(rows)
    out += problem.note + "\n"
    return out
  }

  /// Rows of cells as left-aligned columns.
  static func aligned(_ rows: [[String]]) -> String {
    var widths: [Int] = []
    for row in rows {
      for (i, cell) in row.enumerated() {
        if i >= widths.count { widths.append(0) }
        widths[i] = max(widths[i], cell.count)
      }
    }
    return rows.map { row in
      row.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - cell.count) }
        .joined(separator: "  ").trimmingTrailingSpaces()
    }.joined(separator: "\n") + "\n"
  }

  /// The problem `train` would solve now, read from the variables.
  struct LinearProblem {
    var names: [String]
    var weights: [Double]
    var errorAt: ([Double]) -> Double
    var gradient: ([Double]) -> [Double]
    var lossText: String
    var note: String
  }

  func currentProblem(at range: SourceRange) throws -> LinearProblem {
    let bookNote = "the book's update, input * delta, is half this derivative: the 2 is folded into alpha"
    guard let inputValue = session.value(of: "input") else {
      throw Diagnostic("check gradient needs 'input', 'goal' and 'weight' (or 'weights')", at: range)
    }
    if let x = inputValue.number {
      if let w = session.value(of: "weight")?.number {
        let goal = try number("goal", at: range)
        return LinearProblem(
          names: ["weight"], weights: [w],
          errorAt: { v in (x * v[0] - goal) * (x * v[0] - goal) },
          gradient: { v in [2 * x * (x * v[0] - goal)] },
          lossText: "error = (input * weight - goal) ** 2", note: bookNote)
      }
      let goals = try vector(try goalValue(at: range), "goal", at: range)
      let weights = try vector(session.value(of: "weights"), "weights", at: range)
      guard goals.count == weights.count else {
        throw Diagnostic("'goal' has \(goals.count) values but 'weights' has \(weights.count)", at: range)
      }
      return LinearProblem(
        names: weights.indices.map { "weights[\($0)]" }, weights: weights,
        errorAt: { v in zip(v, goals).reduce(0) { $0 + (x * $1.0 - $1.1) * (x * $1.0 - $1.1) } },
        gradient: { v in zip(v, goals).map { 2 * x * (x * $0.0 - $0.1) } },
        lossText: "error = sum((input * weights - goal) ** 2)", note: bookNote)
    }
    let inputs = try vector(inputValue, "input", at: range)
    guard case .tensor(let w, _) = session.value(of: "weights") ?? .none else {
      throw Diagnostic("check gradient needs 'weights' with a vector 'input'", at: range)
    }
    if w.rank == 1 {
      let goal = try number("goal", at: range)
      guard w.count == inputs.count else {
        throw Diagnostic("'input' has \(inputs.count) values but 'weights' has \(w.count)", at: range)
      }
      let pred: ([Double]) -> Double = { v in zip(inputs, v).reduce(0) { $0 + $1.0 * $1.1 } }
      return LinearProblem(
        names: w.scalars.indices.map { "weights[\($0)]" }, weights: w.scalars,
        errorAt: { v in (pred(v) - goal) * (pred(v) - goal) },
        gradient: { v in let d = pred(v) - goal; return inputs.map { 2 * $0 * d } },
        lossText: "error = (dot(input, weights) - goal) ** 2", note: bookNote)
    }
    let goals = try vector(try goalValue(at: range), "goal", at: range)
    let (rows, columns) = (w.shape[0], w.shape[1])
    guard rows == goals.count, columns == inputs.count else {
      throw Diagnostic("'weights' must be \(goals.count)×\(inputs.count) (one row per goal), found \(rows)×\(columns)", at: range)
    }
    let preds: ([Double]) -> [Double] = { v in
      (0..<rows).map { o in (0..<columns).reduce(0) { $0 + inputs[$1] * v[o * columns + $1] } }
    }
    return LinearProblem(
      names: (0..<rows * columns).map { "weights[\($0 / columns)][\($0 % columns)]" }, weights: w.scalars,
      errorAt: { v in zip(preds(v), goals).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } },
      gradient: { v in
        let p = preds(v)
        return (0..<rows * columns).map { 2 * inputs[$0 % columns] * (p[$0 / columns] - goals[$0 / columns]) }
      },
      lossText: "error = sum((weights @ input - goal) ** 2)", note: bookNote)
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
