import DescentEngine
import DescentLanguage

/// The parts of one trainer's loop that differ between trainers; the rest
/// (stop conditions, divergence, history, `verbose`) is shared.
struct TrainerLoop {
  /// A comment naming where the loop comes from.
  var origin: String
  /// Lines before the loop (conversions, a velocity).
  var setup: [String] = []
  /// The step: computes `pred`, `error`, `delta`, `weight_delta` (and
  /// `new_weights` when the update is checked before it is applied).
  var step: [String]
  /// The new weights' finiteness, as a Python condition, for the divergence check.
  var updateIsFinite: String
  /// Applies the step.
  var update: [String]
  /// The history's columns, as Descent names them (a Python list).
  var columns = "[\"step\", \"weight\", \"pred\", \"error\", \"delta\", \"weight_delta\"]"
  /// The values of a history row after the step number, recorded before the update.
  var record = "weight, pred, error, delta, weight_delta"
  /// Takes back a diverged step's values from the last step's (`history.last`).
  var restore = "pred, error, delta, weight_delta = history.last[1:]"

  /// The line `verbose` prints each step; nil: the book's `Error:... Prediction:...`.
  var verbose: String? = nil

  /// The weight state compared for cycles (open-ended runs), as an expression.
  var state: String
}

extension PythonExporter {
  // MARK: - trainStmt

  /// `trainStmt`: the trainer Descent would pick (`TrainerChoice`, asked
  /// with the kinds the variables may hold here), written out as the course's loop.
  func exportTrain(_ spec: TrainSpec, at range: SourceRange) {
    if let target = spec.function {
      exportTrainOnFunction(spec, target, at: range)
      return
    }
    let epochs: Bool = if case .epochs = spec.count { true } else { false }
    let choice = TrainerChoice.choose(
      epochs: epochs, network: hasNetwork, hotCold: spec.hotCold, input: holdingNow("input"),
      weight: holdingNow("weight"), weights: holdingNow("weights"))
    let alpha = spec.alpha.map { learner($0) } ?? (assignedSoFar.contains("alpha") ? "alpha" : "1")
    let trainer: TrainerChoice
    switch choice {
    case .success(let chosen): trainer = chosen
    case .failure(.nothingToLearnForNumberInput):
      untranslatable("train needs 'weight' or 'weights' to learn", at: range)
      return
    case .failure(.hotColdNeedsOneWeight):
      untranslatable("hot and cold learning works on one 'weight', not on 'weights'", at: range)
      return
    case .failure:
      untranslatable("the export cannot tell which trainer this train statement picks", at: range)
      return
    }
    let loop: TrainerLoop
    switch trainer {
    case .function:
      return  // written above
    case .network:
      exportNetworkTrain(spec, at: range)
      return
    case .hotCold:
      guard let step = spec.hotColdStep else {
        untranslatable("hot and cold learning needs a step size", at: range)
        return
      }
      loop = hotColdLoop(step: learner(step))
    case .oneWeight:
      switch spec.optimizer?.kind {
      case nil, .sgd: loop = oneWeightLoop(alpha: alpha, momentum: nil)
      case .momentum(let m): loop = oneWeightLoop(alpha: alpha, momentum: learner(m))
      default: loop = oneWeightOptimizerLoop(spec.optimizer ?? OptimizerSpec(.sgd, word: "sgd", range), alpha: alpha)
      }
    case .oneInputManyOutputs:
      loop = withOptimizer(oneInputManyOutputsLoop(alpha: alpha), spec.optimizer, alpha: alpha) { point in
        ["weight_delta = (input * \(point) - \(self.goalName)) * input"]
      }
    case .manyInputs:
      loop = withOptimizer(manyInputsLoop(alpha: alpha), spec.optimizer, alpha: alpha) { point in
        [
          "pred_ahead = 0.0", "for i in range(len(input)):", "    pred_ahead += input[i] * \(point)[i]",
          "weight_delta = (pred_ahead - \(self.goalName)) * input",
        ]
      }
    case .manyToMany:
      loop = withOptimizer(manyToManyLoop(alpha: alpha), spec.optimizer, alpha: alpha) { point in
        [
          "pred_ahead = np.zeros(len(weights))", "for o in range(len(weights)):", "    for i in range(len(input)):",
          "        pred_ahead[o] += input[i] * \(point)[o][i]",
          "weight_delta = np.outer(pred_ahead - \(self.goalName), input)",
        ]
      }
    }
    writeTrainLoop(spec, loop, at: range)
    // What train leaves in the variables: `TrainerChoice.writes`, the list
    // the interpreter sets them from.
    for write in trainer.writes {
      currentKinds[write.name] = write.holds.reduce(ValueKinds()) { $0.union(ValueKinds($1)) }
    }
  }

  /// What `name` holds at this point of the program, as `TrainerChoice` asks it.
  ///
  /// The kinds are a guess from the tree: `input` is a vector when it may
  /// only be one, and unknown when it may be a number or a vector; `weight`
  /// counts unless `weights` was assigned since; `weights` is a matrix when
  /// a matrix was last assigned to it.
  func holdingNow(_ name: String) -> TrainerChoice.Holding {
    switch name {
    case "input":
      let input = kindsNow("input")
      guard input.contains(.array) else { return .number }
      return input.contains(.int) || input.contains(.float) ? .unknown : .vector
    case "weight":
      let recent = currentKinds["weights"] == nil || currentKinds["weight"] != nil
      return kinds.isAssigned("weight") && recent ? .number : .nothing
    default:
      guard kinds.isAssigned(name) else { return .nothing }
      let matrix = currentKinds[name] == nil ? matrixNames.contains(name) : currentMatrices.contains(name)
      return matrix ? .matrix : .vector
    }
  }

  /// The book's loop (Grokking Deep Learning ch. 4), in the book's order.
  func oneWeightLoop(alpha: String, momentum: String?) -> TrainerLoop {
    let goal = goalName
    var setup: [String] = []
    if kinds["weight"].contains(.int) { setup.append("weight = float(weight)") }
    let scaled = PythonCode.unmarked(alpha) == "1" ? "weight_delta" : Self.factor(alpha) + " * weight_delta"
    var update = ["weight = weight - " + scaled]
    var finite = "math.isfinite(weight - \(scaled))"
    if let momentum {
      setup.append("velocity = 0.0")
      update = ["weight = weight + velocity"]
      finite = "math.isfinite(weight + velocity)"
      return TrainerLoop(
        origin: "the book's gradient descent with momentum",
        setup: setup,
        step: [
          "pred = input * weight", "error = (pred - \(goal)) ** 2", "delta = pred - \(goal)",
          "weight_delta = input * delta", "velocity = \(Self.factor(momentum)) * velocity - \(scaled)",
        ],
        updateIsFinite: finite, update: update, state: "(weight, velocity)")
    }
    return TrainerLoop(
      origin: "the book's gradient descent loop (Grokking Deep Learning ch. 4)",
      setup: setup,
      step: [
        "pred = input * weight", "error = (pred - \(goal)) ** 2", "delta = pred - \(goal)",
        "weight_delta = input * delta",
      ],
      updateIsFinite: finite, update: update, state: "weight")
  }

  /// The book's hot and cold learning (ch. 4): try a step up and a step
  /// down, keep the better.
  func hotColdLoop(step: String) -> TrainerLoop {
    let goal = goalName
    var setup = ["step_amount = " + step]
    if kinds["weight"].contains(.int) { setup.insert("weight = float(weight)", at: 0) }
    if PythonCode.unmarked(step) == "step_amount" { setup.removeLast() }
    return TrainerLoop(
      origin: "the book's hot and cold learning (Grokking Deep Learning ch. 4)",
      setup: setup,
      step: [
        "pred = input * weight", "error = (pred - \(goal)) ** 2", "delta = pred - \(goal)",
        "up_error = (\(goal) - input * (weight + step_amount)) ** 2",
        "down_error = (\(goal) - input * (weight - step_amount)) ** 2",
        "weight_delta = 0.0  # the step taken, as weight = weight - weight_delta",
        "if down_error < up_error:", "    weight_delta = step_amount",
        "if down_error > up_error:", "    weight_delta = -step_amount",
      ],
      updateIsFinite: "math.isfinite(weight - weight_delta)", update: ["weight = weight - weight_delta"],
      state: "weight")
  }

  /// The book's several-inputs loop (ch. 5): a weighted sum summed left to
  /// right as `w_sum` does, then every weight moves by its own input.
  func manyInputsLoop(alpha: String) -> TrainerLoop {
    let goal = goalName
    return severalWeightsLoop(
      origin: "the book's gradient descent with several inputs (Grokking Deep Learning ch. 5)",
      step: [
        "pred = 0.0", "for i in range(len(input)):", "    pred += input[i] * weights[i]",
        "error = (pred - \(goal)) ** 2", "delta = pred - \(goal)", "weight_delta = delta * input",
        "new_weights = weights - \(Self.factor(alpha)) * input * delta",
      ],
      columns: "[\"step\", *(f\"weights[{i}]\" for i in range(len(weights))), \"pred\", \"error\", \"delta\", "
        + "*(f\"weight_delta[[{i}]]\" for i in range(len(weights)))]",
      record: "*weights, pred, error, delta, *weight_delta",
      restore: "pred, error, delta = history.last[len(weights) : len(weights) + 3]")
  }

  /// The course's one input, several outputs (Grokking ch. 5): each
  /// output is the input times its own weight.
  func oneInputManyOutputsLoop(alpha: String) -> TrainerLoop {
    let goal = goalName
    return severalWeightsLoop(
      origin: "the book's gradient descent with one input and several outputs (Grokking Deep Learning ch. 5)",
      step: [
        "pred = input * weights", "delta = pred - \(goal)", "error = 0.0", "for d in delta:", "    error += d * d",
        "weight_delta = delta * input", "new_weights = weights - \(Self.factor(alpha)) * weight_delta",
      ],
      columns: Self.vectorColumns(
        weights: "f\"weights[{i}]\" for i in range(len(weights))", outputs: "len(\(goal))",
        weightDeltas: "f\"weight_delta[[{i}]]\" for i in range(len(weights))"),
      record: "*weights, *pred, error, *delta, *weight_delta", restore: "error = history.last[2 * len(weights)]")
  }

  /// Several inputs and several outputs (Grokking ch. 5): a weighted sum
  /// per output, one row of `weights` per goal.
  func manyToManyLoop(alpha: String) -> TrainerLoop {
    let goal = goalName
    return severalWeightsLoop(
      origin: "the book's gradient descent with several inputs and outputs (Grokking Deep Learning ch. 5)",
      step: [
        "pred = np.zeros(len(weights))", "for o in range(len(weights)):", "    for i in range(len(input)):",
        "        pred[o] += input[i] * weights[o][i]", "delta = pred - \(goal)", "error = 0.0", "for d in delta:",
        "    error += d * d", "weight_delta = np.outer(delta, input)",
        "new_weights = weights - \(Self.factor(alpha)) * weight_delta",
      ],
      columns: Self.vectorColumns(
        weights: "f\"weights[{o}][{i}]\" for o in range(len(weights)) for i in range(len(input))",
        outputs: "len(weights)",
        weightDeltas: "f\"weight_delta[[{o}][{i}]]\" for o in range(len(weights)) for i in range(len(input))"),
      record: "*weights.ravel(), *np.atleast_1d(pred), error, *np.atleast_1d(delta), *weight_delta.ravel()",
      restore: "error = history.last[weights.size + len(weights)]")
  }

  /// A trainer of a vector or matrix `weights`: the step computes
  /// `new_weights`, which replace `weights` unless the step diverged.
  func severalWeightsLoop(origin: String, step: [String], columns: String, record: String, restore: String)
    -> TrainerLoop
  {
    code.need(.numpy)
    return TrainerLoop(
      origin: origin, setup: ["weights = np.asarray(weights, dtype=float)"], step: step,
      updateIsFinite: "np.all(np.isfinite(new_weights))", update: ["weights = new_weights"],
      columns: columns, record: record, restore: restore, state: "tuple(np.ravel(weights))")
  }

  /// History columns named as Descent names them: one per weight, per
  /// output (just "pred" for one output), and per weight delta.
  static func vectorColumns(weights: String, outputs: String, weightDeltas: String) -> String {
    "[\"step\", *(\(weights)), *([\"pred\"] if \(outputs) == 1 else [f\"pred[{o}]\" for o in range(\(outputs))]), "
      + "\"error\", *([\"delta\"] if \(outputs) == 1 else [f\"delta[{o}]\" for o in range(\(outputs))]), "
      + "*(\(weightDeltas))]"
  }

  /// An operand of `*` written so it keeps its meaning (`alpha + 1` gets parentheses).
  static func factor(_ text: String) -> String {
    PythonCode.unmarked(text).allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." } ? text : "(" + text + ")"
  }

  /// A learner's expression inside a loop the export writes, marked so the
  /// loop's renaming leaves it alone (`PythonCode.learner`).
  func learner(_ expr: Expr) -> String { PythonCode.learner(python(expr)) }

  /// The loop around a trainer's step: the count or error target, the
  /// divergence check, the history and `verbose`, as Descent runs them.
  func writeTrainLoop(_ spec: TrainSpec, _ loop: TrainerLoop, at range: SourceRange) {
    let start = code.lines.count
    writeTrainLoopLines(spec, loop, at: range)
    // The loop's own names must not change the program's variables: Descent's
    // train sets only weight(s), pred, error, delta, weight_delta and history.
    var own = Self.loopNames.merging(Self.optimizerLoopNames) { first, _ in first }
    if loop.setup.contains(where: { $0.hasPrefix("step_amount = ") }) { own["step_amount"] = ["step_size"] }
    for (name, alternatives) in own where mentioned.contains(name) {
      let fresh = alternatives.first { !mentioned.contains($0) } ?? name + "_"
      code.rename(name, to: fresh, from: start)
    }
  }

  /// The names a train loop uses for itself, and readable others for when
  /// the program already uses one.
  static let loopNames: [String: [String]] = [
    "iteration": ["train_step", "step_number"], "column": ["history_column"], "value": ["history_value"],
    "previous_error": ["last_error"], "growing_steps": ["steps_growing"], "growth_start": ["error_before_growth"],
    "recent_states": ["recent_weights"], "period": ["repeat_period"], "new_weights": ["next_weights"],
    "i": ["j", "k"], "o": ["out"], "d": ["miss"], "up_error": ["error_up"], "down_error": ["error_down"],
    "velocity": ["weight_velocity"], "name": ["column_name"], "new_point": ["next_point"],
  ]

  func writeTrainLoopLines(_ spec: TrainSpec, _ loop: TrainerLoop, at range: SourceRange) {
    code.need(.math)
    code.comment("train: \(loop.origin); each step is kept in `history`")
    for line in loop.setup { code.line(line) }
    code.need(.history)
    code.line("history = History(" + loop.columns + ")")
    var stepsLiteral: Int?
    var until: (target: String, inclusive: Bool)?
    let header: String
    switch spec.count {
    case .steps(let n):
      if case .integer(let k) = n.kind { stepsLiteral = k }
      header = "for iteration in range(\(learner(n))):"
    case .untilError(let target, let inclusive):
      guard let max = spec.maxSteps else {
        untranslatable(
          "train until needs max N in the export (Descent stops it with the cell's step budget)", at: range)
        return
      }
      until = (learner(target), inclusive)
      header = "for iteration in range(\(learner(max))):"
    case .epochs:
      return
    }
    // Sustained growth needs more steps than the rule counts.
    let growth = stepsLiteral.map { $0 > DivergenceRule.standard.growthSteps } ?? true
    if growth { code.line("previous_error, growing_steps, growth_start = math.inf, 0, 0.0") }
    if until != nil { code.line("recent_states = [\(loop.state)]  # an open-ended run stops when the weights repeat") }
    code.line(header)
    code.indent()
    for line in loop.step { code.line(line) }
    writeDivergenceCheck(loop, growth: growth)
    code.line("history.record(iteration + 1, \(loop.record))")
    if spec.verbose, let verbose = loop.verbose {
      code.line(verbose)
    } else if spec.verbose {
      code.line("print(\"Error:\" + \(stringOf("error")) + \" Prediction:\" + \(stringOf("pred")))")
    }
    for line in loop.update { code.line(line) }
    if let until {
      let test =
        until.inclusive ? "error <= \(until.target)" : (PythonCode.unmarked(until.target) == "0" ? "error == 0" : "error < \(until.target)")
      code.line("if \(test):")
      code.line("    " + Self.printF(StopMessage.reachedTarget(error: "{\(fString("error"))}", step: "{iteration + 1}")))
      code.line("    break")
      code.line("if \(loop.state) in recent_states:")
      code.line("    period = len(recent_states) - recent_states.index(\(loop.state))")
      code.line("    if period == 1:")
      code.line("        " + Self.printF(StopMessage.settled(step: "{iteration + 1}", error: "{\(fString("error"))}")))
      code.line("    else:")
      code.line("        " + Self.printF(StopMessage.cycled(step: "{iteration + 2 - period}", period: "{period}")))
      code.line("    break")
      code.line("recent_states = recent_states[-7:] + [\(loop.state)]")
    }
    code.dedent()
    if until != nil, spec.maxSteps != nil {
      code.line("else:")
      code.line("    " + Self.printF(StopMessage.maxStepsSpent(max: "{iteration + 1}", error: "{\(fString("error"))}")))
    }
  }

  /// Descent's divergence rule (`DivergenceRule.standard`): an error above
  /// the limit or a weight that is no longer finite stops the run before the
  /// step is taken, and so does a long run of growth (only possible in
  /// longer runs).
  func writeDivergenceCheck(_ loop: TrainerLoop, growth: Bool) {
    let rule = DivergenceRule.standard
    let diverged = [
      Self.printF(StopMessage.diverged(step: "{iteration + 1}", error: "{\(fString("error"))}")),
      "if history.last:  # the diverged step is not taken: the last step's values stay",
      "    " + loop.restore,
      "break",
    ]
    code.line("if not error <= \(PythonFloat.repr(rule.errorLimit)) or not \(loop.updateIsFinite):")
    for line in diverged { code.line("    " + line) }
    guard growth else { return }
    code.line("if error > previous_error:")
    code.line("    if growing_steps == 0:")
    code.line("        growth_start = previous_error")
    code.line("    growing_steps += 1")
    code.line(
      "    if growing_steps >= \(rule.growthSteps) and error >= growth_start * \(PythonFloat.repr(rule.growthFactor)):")
    for line in diverged { code.line("        " + line) }
    code.line("else:")
    code.line("    growing_steps = 0")
    code.line("previous_error = error")
  }

  /// `print(f"...")` of one of the engine's `StopMessage`s, its fields
  /// given as f-string fields (the messages hold no braces or quotes of their own).
  static func printF(_ message: String) -> String { "print(f\"" + message + "\")" }

  /// `str(name)` as Descent writes it under the program's digits setting.
  func stringOf(_ name: String) -> String {
    if digitsChanged {
      code.need(.show)
      return "_show(\(name))"
    }
    return "str(\(name))"
  }

  /// A value inside an f-string, as Descent formats it.
  func fString(_ name: String) -> String {
    if digitsChanged {
      code.need(.show)
      return "_show(\(name))"
    }
    return name
  }
}
