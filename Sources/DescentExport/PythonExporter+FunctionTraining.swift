import DescentEngine
import DescentLanguage

/// `train ... on f` and `compare` in the export: the function's derivatives
/// are written out after its `def` (`PythonDerivativeWriter`, no autograd
/// library), and the loop around them is the one every exported `train`
/// has (`writeTrainLoop`), with the engine's optimizer formulas
/// (`optimizerLines`).
extension PythonExporter {
  // MARK: - train ... on f

  /// `train N alpha A [optimizer] on f`: descent on the learner's function.
  /// A function of one number moves that variable as a float; a function
  /// of several numbers moves them together as the numpy array `point`
  /// (the engine's flat parameter vector), unpacked into the variables after;
  /// so does a function of vectors or matrices (`arrayTrainLoop`).
  func exportTrainOnFunction(_ spec: TrainSpec, _ target: Expr, at range: SourceRange) {
    guard let definition = functionTrained(target, at: range) else { return }
    if case .epochs = spec.count {
      untranslatable("train on a function counts steps, not epochs", at: range)
      return
    }
    if spec.hotCold {
      untranslatable("hot and cold learning works on 'weight', not on a function", at: range)
      return
    }
    let parameters = definition.parameters
    for parameter in parameters {
      guard kinds.isAssigned(parameter) else {
        untranslatable(
          "\(definition.name)()'s parameter '\(parameter)' names no variable; train on \(definition.name) moves the variables its parameters name",
          at: range)
        return
      }
      guard kindsNow(parameter).intersection([.int, .float, .bool]) == kindsNow(parameter)
        || arrayDerivatives.contains(definition.name)
      else {
        untranslatable(
          "train on a function of a vector ('\(parameter)') is exported only with its derivatives written for arrays "
            + "(a top-level def the derivative writer can follow)", at: range)
        return
      }
    }
    let alpha = spec.alpha.map { learner($0) } ?? (assignedSoFar.contains("alpha") ? "alpha" : "1")
    let optimizer = spec.optimizer ?? OptimizerSpec(.sgd, word: "sgd", range)
    // The learner's names inside the loop's lines are theirs: never renamed with the loop's.
    let name = PythonCode.learner(pythonName(definition.name))
    let with = spec.optimizer.map { " with \($0.word)" } ?? ""
    let start = code.lines.count
    let loop: TrainerLoop
    let unpack: String?
    // One number moves as itself, unless its name is one the loop uses for
    // its own (`v` under adam): then it goes through `point` like several.
    let reserved = Set(Self.loopNames.keys).union(Self.optimizerLoopNames.keys)
      .union(["error", "history", "weight_delta", "new_point"])
    if arrayDerivatives.contains(definition.name) {
      (loop, unpack) = arrayTrainLoop(definition, optimizer, alpha: alpha, with: with)
    } else if parameters.count == 1, !reserved.contains(pythonName(parameters[0])) {
      let p = pythonName(parameters[0])
      let partial = PythonDerivativeWriter.partialName(definition.name, parameters[0])
      let lines = optimizerLines(optimizer, alpha: alpha, parameter: p, newName: "new_weight", vector: false) { point in
        ["weight_delta = \(partial)(\(point))"]
      }
      let setup = kindsNow(parameters[0]).contains(.float) && !kindsNow(parameters[0]).contains(.int) ? [] : ["\(p) = float(\(p))"]
      loop = TrainerLoop(
        origin: "gradient descent on \(definition.name)\(with), its slope written out above",
        setup: setup + lines.setup,
        step: ["error = float(\(name)(\(p)))", "weight_delta = \(partial)(\(p))"] + lines.step,
        updateIsFinite: "math.isfinite(new_weight)", update: ["\(p) = new_weight"],
        columns: "[\"step\", \(PythonCode.learner(stringLiteral(parameters[0]))), \"error\", \"weight_delta\"]",
        record: "\(p), error, weight_delta", restore: "error = history.last[1]",
        verbose: "print(\"Error:\" + \(stringOf("error")) + \(PythonCode.learner("\" \(parameters[0]):\"")) + \(stringOf(p)))",
        state: "(" + ([p] + lines.state).joined(separator: ", ") + ",)")
      unpack = nil
    } else {
      code.need(.numpy)
      // The flat vector the engine descends, named so it clashes with none of the program's names.
      let point = ["point", "descent_point", "parameter_point"].first { !mentioned.contains($0) } ?? "point_"
      let gradient = PythonDerivativeWriter.gradientName(definition.name)
      let lines = optimizerLines(optimizer, alpha: alpha, parameter: point, newName: "new_point", vector: true) { at in
        ["weight_delta = np.array(\(gradient)(*\(at).tolist()))"]
      }
      let names = parameters.map(pythonName)
      let shown = parameters.enumerated().map { index, parameter in
        PythonCode.learner("\" \(parameter):\"") + " + " + stringOf("float(\(point)[\(index)])")
      }
      loop = TrainerLoop(
        origin: "gradient descent on \(definition.name)\(with), its gradient written out above; "
          + "`\(point)` holds \(parameters.joined(separator: ", "))",
        setup: lines.setup,
        step: ["error = float(\(name)(*\(point).tolist()))", "weight_delta = np.array(\(gradient)(*\(point).tolist()))"]
          + lines.step,
        updateIsFinite: "np.all(np.isfinite(new_point))", update: ["\(point) = new_point"],
        columns: "[\"step\", " + parameters.map { PythonCode.learner(stringLiteral($0)) }.joined(separator: ", ")
          + ", \"error\", " + parameters.map { PythonCode.learner(stringLiteral("weight_delta[\($0)]")) }.joined(separator: ", ")
          + "]",
        record: "*\(point), error, *weight_delta", restore: "error = history.last[\(parameters.count)]",
        verbose: "print(\"Error:\" + \(stringOf("error")) + " + shown.joined(separator: " + ") + ")",
        state: "(" + (["tuple(\(point))"] + lines.state.map { "tuple(\($0))" }).joined(separator: ", ") + ")")
      unpack = names.joined(separator: ", ") + " = \(point).tolist()"
      // Outside the loop's lines, which are renamed when they clash with the program's names.
      code.line("\(point) = np.array([\(names.joined(separator: ", "))], dtype=float)")
    }
    writeTrainLoop(spec, loop, at: range)
    if let unpack { code.line(unpack) }
    // Descent's train on f sets the variables, `error` and `history`; the
    // loop's `weight_delta` (the slope) is its own.
    if mentioned.contains("weight_delta") {
      let fresh = ["slope", "function_slope"].first { !mentioned.contains($0) } ?? "weight_delta_"
      code.rename("weight_delta", to: fresh, from: start)
    }
    // An array stays an array (numpy's stays numpy's); a number ends a float.
    for parameter in parameters {
      currentKinds[parameter] = kindsNow(parameter).contains(.array) ? kindsNow(parameter).intersection([.array, .numpy]) : .float
    }
    currentKinds["error"] = .float
  }

  /// The loop for a function whose derivatives are written for arrays: its
  /// parameters (numbers, vectors, matrices) flattened into the numpy array
  /// `point`, the engine's flat parameter vector, each step's values shaped
  /// back from it; history columns and verbose lines name each number as
  /// Descent does (`v[0]`, `w[0][1]`). Returns the loop and the line that
  /// sets the variables after it.
  func arrayTrainLoop(_ definition: FunctionDefinition, _ optimizer: OptimizerSpec, alpha: String, with: String)
    -> (TrainerLoop, String)
  {
    code.need([.numpy, .slopes])
    let fresh = { (choices: [String]) in choices.first { !self.mentioned.contains($0) } ?? choices[0] + "_" }
    let point = fresh(["point", "descent_point", "parameter_point"])
    // The starting values, read for their shapes: the loop's own lines never name the program's variables.
    let start = fresh(["start_values", "descent_start"])
    let names = definition.parameters.map(pythonName).joined(separator: ", ")
    let values = "*unflat_point(\(point), *\(start))"
    let gradient = PythonDerivativeWriter.gradientName(definition.name)
    let lines = optimizerLines(optimizer, alpha: alpha, parameter: point, newName: "new_point", vector: true) { at in
      ["weight_delta = np.ravel(\(gradient)(*unflat_point(\(at), *\(start))))"]
    }
    let flatNames = "flat_names([" + definition.parameters.map(stringLiteral).joined(separator: ", ") + "], \(start))"
    code.line("\(start) = [\(names)]")
    code.line("\(point) = flat_point(*\(start))")
    let loop = TrainerLoop(
      origin: "gradient descent on \(definition.name)\(with), its gradient written out above; "
        + "`\(point)` holds the numbers of its parameters in one flat array",
      setup: lines.setup,
      step: [
        "error = float(\(PythonCode.learner(pythonName(definition.name)))(\(values)))",
        "weight_delta = np.ravel(\(gradient)(\(values)))",
      ]
        + lines.step,
      updateIsFinite: "np.all(np.isfinite(new_point))", update: ["\(point) = new_point"],
      columns: "[\"step\", *\(flatNames), \"error\", *[\"weight_delta[\" + name + \"]\" for name in \(flatNames)]]",
      record: "*\(point), error, *weight_delta", restore: "error = history.last[len(\(point))]",
      verbose: "print(\"Error:\" + \(stringOf("error")) + \"\".join(\" \" + name + \":\" + \(stringOf("float(number)")) "
        + "for name, number in zip(\(flatNames), \(point))))",
      state: "(" + (["tuple(\(point))"] + lines.state.map { "tuple(\($0))" }).joined(separator: ", ") + ")")
    let unpack = "\(names) = unflat_point(\(point), *\(start))" + (definition.parameters.count == 1 ? "[0]" : "")
    return (loop, unpack)
  }

  /// The `def` that `on f` (or `compare ... on f`) names, with its
  /// derivatives written out after it; nil (and the statement marked) when
  /// the export cannot follow it.
  func functionTrained(_ target: Expr, at range: SourceRange) -> FunctionDefinition? {
    guard case .name(let name) = target.kind, let definition = definitions[name] else {
      untranslatable("the export descends only a function defined with def and named after 'on'", at: range)
      return nil
    }
    guard !definition.parameters.isEmpty else {
      untranslatable("\(name)() has no parameters, so there is nothing to move", at: range)
      return nil
    }
    return definition
  }

  // MARK: - compare

  /// `compare sgd, momentum 0.9, ... on f from START alpha A steps N`: each
  /// optimizer raced from the start (`race` in the prelude, Descent's loop and
  /// divergence rule), the table Descent prints, and the chart drawn where
  /// matplotlib is installed.
  func exportCompare(_ spec: CompareSpec, at range: SourceRange) {
    guard let definition = functionTrained(spec.function, at: range) else { return }
    let alpha: String
    if let expr = spec.alpha {
      alpha = python(expr)
    } else if assignedSoFar.contains("alpha") {
      alpha = "alpha"
    } else {
      untranslatable("compare needs a learning rate", at: range)
      return
    }
    let steps = spec.steps.map { python($0) } ?? String(CompareSpec.defaultSteps)
    code.need([.compare, .show])
    let f = pythonName(definition.name)
    let gradient = PythonDerivativeWriter.gradientName(definition.name)
    let start = python(spec.start)
    // A name of the script's own that the program does not use (nothing is renamed after).
    let races = ["races", "optimizer_races", "descent_races"].first { !mentioned.contains($0) } ?? "races_"
    code.comment("compare: each optimizer from the same start, alpha and steps, as Descent races them")
    code.line("\(races) = [")
    for optimizer in spec.optimizers {
      code.line(
        "    (\(stringLiteral(sourceText(optimizer.range)))," + " *race(\(f), \(gradient), \(start), \(alpha), \(steps), "
          + optimizerTuple(optimizer) + ")),")
    }
    code.line("]")
    let names = "[" + definition.parameters.map(stringLiteral).joined(separator: ", ") + "]"
    figureCount += 1
    let file = "\(figureStem)-figure-\(figureCount).svg"
    code.need(.matplotlib)
    code.line("if plt is not None:  # the paths on one chart (needs matplotlib)")
    code.line(
      "    draw_compare(\(f), \(names), \(races), \(stringLiteral(definition.name)), \(stringLiteral(file)))")
    code.line("compare_table(\(names), \(races))")
  }

  /// An optimizer as the prelude's `optimizer_step` takes it:
  /// `("adam", beta1, beta2)`, settings left out at their usual values.
  func optimizerTuple(_ spec: OptimizerSpec) -> String {
    let setting = { (expr: Expr?, fallback: Double) in expr.map { self.python($0) } ?? PythonFloat.repr(fallback) }
    switch spec.kind {
    case .sgd: return "(\"sgd\",)"
    case .momentum(let m): return "(\"momentum\", \(python(m)))"
    case .nesterov(let m): return "(\"nesterov\", \(python(m)))"
    case .adagrad: return "(\"adagrad\",)"
    case .rmsprop(let decay): return "(\"rmsprop\", \(setting(decay, OptimizerKind.defaultDecay)))"
    case .adam(let beta1, let beta2):
      return "(\"adam\", \(setting(beta1, OptimizerKind.defaultBeta1)), \(setting(beta2, OptimizerKind.defaultBeta2)))"
    }
  }
}
