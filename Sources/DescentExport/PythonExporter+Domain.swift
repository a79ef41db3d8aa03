import DescentLanguage

extension PythonExporter {
  // MARK: - Domain statements (Grammar/descent.ebnf, "Domain statements")

  /// Whether the program has made a network by this point of the export
  /// (from then on `train`, `predict` and `check gradient` work on it, as
  /// Descent's focus moves to the network it made last).
  var hasNetwork: Bool { networkUsed }

  /// `showStmt`: `show history` prints Descent's table; `show weights` the weights.
  func exportShow(_ what: ShowWhat, at range: SourceRange) {
    switch what {
    case .history:
      code.need(.historyTable)
      code.need(.show)
      code.line("show_history(history)")
    case .weights:
      code.need(.show)
      if kinds.isAssigned("weight") { code.line("print(\"weight = \" + _show(weight))") }
      if kinds.isAssigned("weights") { code.line("print(\"weights = \" + _show(weights))") }
      if hasNetwork {
        // Each layer's weights, then its biases (a network without biases has none to show).
        code.line("print(\"\\n\".join(")
        code.line("    line for i, (W, b) in enumerate(zip(net.weights, net.biases))")
        code.line(
          "    for line in [f\"net.weights[{i}] = {_show(W)}\"] + ([] if b is None else [f\"net.biases[{i}] = {_show(b)}\"])"
        )
        code.line("))")
      }
    case .graph:
      // A drawing of Descent's own tape: the script's derivatives are written out, not traced.
      code.comment("show graph: Descent draws the last derivative's computation graph here")
    }
  }

  /// `predictStmt`: prints what `predict(x)` gives.
  func exportPredict(_ input: Expr, at range: SourceRange) {
    let value = predictCall(python(input), at: range, inputKinds: kinds.kindOf(input))
    if hasNetwork || !kinds.kindOf(input).printsNatively(digitsChanged: digitsChanged) {
      code.need(.show)
      code.line("print(_show(" + value + "))")
    } else {
      code.line("print(" + value + ")")
    }
  }

  /// `predict(x)`: the network's forward pass, or the input times the
  /// weight (a weighted sum with `weights`), as Descent picks.
  func predictCall(_ argument: String, at range: SourceRange, inputKinds: ValueKinds = .unknown) -> String {
    if hasNetwork {
      code.need([.numpy, .network])
      return "forward(net, " + argument + ")"
    }
    let input = PythonExporter.factor(argument)
    if kinds.isAssigned("weight") && !(inputKinds.contains(.array) && kinds.isAssigned("weights")) {
      return input + " * weight"
    }
    if kinds.isAssigned("weights") {
      code.need([.numpy, .dot])
      return inputKinds.contains(.array) ? "dot(" + argument + ", weights)" : input + " * weights"
    }
    untranslatable("there is nothing to predict with", at: range)
    return argument
  }

  /// `plotStmt`: matplotlib code drawing the same chart, run only where
  /// matplotlib is installed (the script runs on without it).
  func exportPlot(_ spec: PlotSpec, at range: SourceRange) {
    code.need(.matplotlib)
    figureCount += 1
    let file = spec.file ?? "\(figureStem)-figure-\(figureCount).svg"
    code.line("if plt is not None:  # plot (needs matplotlib)")
    code.indent()
    code.line("plt.figure()")
    switch spec.what {
    case .error:
      code.line("plt.plot(history[\"step\"], history[\"error\"])")
      code.line("plt.title(\"Error per step\")")
      code.line("plt.xlabel(\"step\")")
      code.line("plt.ylabel(\"error\")")
    case .errorVs(let name):
      code.line("plt.plot(history[\(stringLiteral(name))], history[\"error\"], marker=\"o\")")
      code.line("plt.xlabel(\(stringLiteral(name)))")
      code.line("plt.ylabel(\"error\")")
    case .errorOver(let a, let b):
      code.line(
        "plt.plot(history[\(stringLiteral(Self.columnName(a)))], history[\(stringLiteral(Self.columnName(b)))], marker=\"o\")"
      )
      code.line("plt.xlabel(\(stringLiteral(Self.columnName(a))))")
      code.line("plt.ylabel(\(stringLiteral(Self.columnName(b))))")
      code.line("plt.title(\"The path of the weights\")")
    case .predVsGoal:
      code.line("plt.plot(history[\"step\"], history[\"pred\"], label=\"pred\")")
      code.line("plt.axhline(\(goalName), color=\"grey\", label=\"goal\")")
      code.line("plt.legend()")
    case .function(let name, let from, let to):
      code.need(.numpy)
      code.line("xs = np.linspace(\(python(from)), \(python(to)), 200)")
      // A call written as any other (a built-in such as sigmoid is the prelude's, and needs it).
      let call = python(Expr(.call(Expr(.name(name), range), [Expr(.name("x"), range)]), range))
      code.line("plt.plot(xs, [\(call) for x in xs])")
      code.line("plt.title(\(stringLiteral(name)))")
    case .vectors(let xs, let ys):
      code.line("plt.plot(\(python(xs)), \(python(ys)), marker=\"o\")")
    }
    if spec.log { code.line("plt.yscale(\"log\")") }
    code.line("plt.savefig(\(stringLiteral(file)))")
    code.line("plt.close()")
    code.dedent()
  }

  /// `weights[0]` as the history column it names.
  static func columnName(_ expr: Expr) -> String {
    switch expr.kind {
    case .name(let name): return name
    case .index(let base, let index):
      if case .integer(let i) = index.kind { return columnName(base) + "[\(i)]" }
      return columnName(base)
    default: return "weight"
    }
  }

  /// `checkStmt`: central differences against the analytic derivative,
  /// printed as Descent prints them (the check itself is in the prelude).
  func exportCheckGradient(at range: SourceRange) {
    if hasNetwork {
      code.need(.networkCheck)
      code.line("check_network_gradient(net, inputs, goals)")
      return
    }
    code.need(.weightsCheck)
    if kinds["input"].contains(.array) {
      code.line("check_gradient_of_weights(input, weights, \(goalName))")
    } else {
      code.line("check_gradient_of_weight(input, weight, \(goalName))")
    }
  }

  /// `networkStmt`: binds `net`.
  func exportNetwork(_ spec: NetworkSpec, at range: SourceRange) {
    currentKinds["net"]?.remove(.numpy)
    code.line("net = " + networkValue(spec, at: range))
  }

  /// `loadStmt`: the table as `data`; with `target`, `inputs` (the other
  /// columns) and `goals` (the target column) for a network.
  func exportLoad(_ path: String, target: String?, at range: SourceRange) {
    for name in ["data", "inputs", "goals"] { currentKinds[name]?.remove(.numpy) }  // Descent's tables and matrices now
    code.line("data = " + loadTable(path))
    guard let target else { return }
    code.line("inputs = data[[name for name in data.columns if name != \(stringLiteral(target))]]")
    code.line("goals = data[\(stringLiteral(target))]")
  }

  /// `load "f.csv"` as a value: read with the csv module, relative to the
  /// folder the script runs in.
  func loadTable(_ path: String) -> String {
    code.need([.csv, .numpy])
    return "load_csv(\(stringLiteral(path)))"
  }

  /// `seedStmt`: restarts Descent's generator (reproduced by `SeededRandom`).
  func exportSeed(_ value: Expr, at range: SourceRange) {
    code.need([.seededRandom, .math])
    code.line("_random = SeededRandom(\(python(value)))")
  }
}
