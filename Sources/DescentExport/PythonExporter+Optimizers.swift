import DescentEngine
import DescentLanguage

/// An optimizer's update written out as Python lines, from the same
/// formulas in the same order as the engine's `Optimizer`, so the exported
/// loop prints what Descent prints.
struct OptimizerLines {
  /// The state's starting values, before the loop.
  var setup: [String]
  /// The step: from the gradient to `new_weight(s)`, advancing the state.
  var step: [String]
  /// The state a cycle must repeat besides the weights.
  var state: [String]
}

extension PythonExporter {
  /// The lines of one step of `spec` on `parameter` (the float `weight` or
  /// the array `weights`) along the gradient `weight_delta`, into `newName`.
  /// `gradientAt` writes the lines that set `weight_delta` to the gradient
  /// at another point (Nesterov's look-ahead `ahead`).
  func optimizerLines(
    _ spec: OptimizerSpec, alpha: String, parameter: String, newName: String, vector: Bool,
    gradientAt: (String) -> [String]
  ) -> OptimizerLines {
    let a = Self.factor(alpha)
    let g = "weight_delta"
    let zero = vector ? "np.zeros_like(\(parameter))" : "0.0"
    let root = vector ? "np.sqrt" : "math.sqrt"
    let eps = PythonFloat.repr(Optimizer.epsilon)
    let setting = { (expr: Expr?, fallback: Double) in Self.factor(expr.map { self.learner($0) } ?? PythonFloat.repr(fallback)) }
    switch spec.kind {
    case .sgd:
      // alpha 1 scales by nothing (1 * g is g exactly), as the book writes it.
      let step = PythonCode.unmarked(alpha) == "1" ? g : "\(a) * \(g)"
      return OptimizerLines(setup: [], step: ["\(newName) = \(parameter) - \(step)"], state: [])
    case .momentum(let m):
      let mu = Self.factor(learner(m))
      return OptimizerLines(
        setup: ["velocity = \(zero)"],
        step: ["velocity = \(mu) * velocity - \(a) * \(g)", "\(newName) = \(parameter) + velocity"], state: ["velocity"])
    case .nesterov(let m):
      let mu = Self.factor(learner(m))
      return OptimizerLines(
        setup: ["velocity = \(zero)"],
        step: ["ahead = \(parameter) + \(mu) * velocity  # Nesterov takes the gradient one velocity step further on"]
          + gradientAt("ahead") + ["velocity = \(mu) * velocity - \(a) * \(g)", "\(newName) = \(parameter) + velocity"],
        state: ["velocity"])
    case .adagrad:
      return OptimizerLines(
        setup: ["squares_sum = \(zero)"],
        step: [
          "squares_sum = squares_sum + \(g) * \(g)", "\(newName) = \(parameter) - \(a) * \(g) / (\(root)(squares_sum) + \(eps))",
        ], state: ["squares_sum"])
    case .rmsprop(let decay):
      let d = setting(decay, OptimizerKind.defaultDecay)
      return OptimizerLines(
        setup: ["mean_square = \(zero)"],
        step: [
          "mean_square = \(d) * mean_square + (1 - \(d)) * (\(g) * \(g))",
          "\(newName) = \(parameter) - \(a) * \(g) / (\(root)(mean_square) + \(eps))",
        ], state: ["mean_square"])
    case .adam(let beta1, let beta2):
      let b1 = setting(beta1, OptimizerKind.defaultBeta1)
      let b2 = setting(beta2, OptimizerKind.defaultBeta2)
      return OptimizerLines(
        setup: ["m = \(zero)", "v = \(zero)"],
        step: [
          "m = \(b1) * m + (1 - \(b1)) * \(g)", "v = \(b2) * v + (1 - \(b2)) * (\(g) * \(g))",
          "m_hat = m / (1 - \(b1) ** (iteration + 1))", "v_hat = v / (1 - \(b2) ** (iteration + 1))",
          "\(newName) = \(parameter) - \(a) * m_hat / (\(root)(v_hat) + \(eps))",
        ], state: ["m", "v"])
    }
  }

  /// The one-weight loop under an optimizer other than plain descent and
  /// momentum (whose loops are the book's, in `oneWeightLoop`).
  func oneWeightOptimizerLoop(_ spec: OptimizerSpec, alpha: String) -> TrainerLoop {
    let goal = goalName
    var setup: [String] = []
    if kinds["weight"].contains(.int) { setup.append("weight = float(weight)") }
    let lines = optimizerLines(spec, alpha: alpha, parameter: "weight", newName: "new_weight", vector: false) { point in
      ["weight_delta = input * (input * \(point) - \(goal))"]
    }
    return TrainerLoop(
      origin: "the book's gradient descent loop (Grokking Deep Learning ch. 4) with \(spec.word)",
      setup: setup + lines.setup,
      step: [
        "pred = input * weight", "error = (pred - \(goal)) ** 2", "delta = pred - \(goal)", "weight_delta = input * delta",
      ] + lines.step,
      updateIsFinite: "math.isfinite(new_weight)", update: ["weight = new_weight"],
      state: "(" + (["weight"] + lines.state).joined(separator: ", ") + ")")
  }

  /// A several-weights loop with its plain-descent update (its last step
  /// line) replaced by the optimizer's; `gradientAt` recomputes
  /// `weight_delta` at another point for Nesterov.
  func withOptimizer(_ loop: TrainerLoop, _ spec: OptimizerSpec?, alpha: String, gradientAt: (String) -> [String])
    -> TrainerLoop
  {
    guard let spec, spec.kind != .sgd else { return loop }
    var loop = loop
    let lines = optimizerLines(
      spec, alpha: alpha, parameter: "weights", newName: "new_weights", vector: true, gradientAt: gradientAt)
    loop.origin += " with \(spec.word)"
    loop.setup += lines.setup
    loop.step = loop.step.dropLast() + lines.step
    loop.state = "(" + ([loop.state] + lines.state.map { "tuple(np.ravel(\($0)))" }).joined(separator: ", ") + ")"
    return loop
  }

  /// The names the optimizers' lines use, and others for when the program already uses one.
  static let optimizerLoopNames: [String: [String]] = [
    "ahead": ["look_ahead"], "pred_ahead": ["prediction_ahead"], "squares_sum": ["sum_of_squares"],
    "mean_square": ["mean_of_squares"], "m": ["adam_m"], "v": ["adam_v"], "m_hat": ["adam_m_hat"],
    "v_hat": ["adam_v_hat"], "new_weight": ["next_weight"],
  ]
}

extension PythonExporter {
  /// `train_epochs`' optimizer argument: `momentum=M` as before, the others
  /// as `optimizer=("adam", beta1, beta2)` (their settings or the usual values).
  func networkOptimizerArgument(_ spec: OptimizerSpec?) -> String {
    guard let spec else { return "" }
    switch spec.kind {
    case .sgd: return ""
    case .momentum(let m): return ", momentum=\(python(m))"
    default: return ", optimizer=" + optimizerTuple(spec)
    }
  }
}
