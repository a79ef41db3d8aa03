import DescentEngine

extension Compiler {
  /// Compiles an optimizer option into code that evaluates its settings
  /// when the statement runs (the usual values for those left out) and
  /// refuses one out of range, pointing at its expression; the ranges are
  /// the engine's (`OptimizerKind.validate`).
  func compileOptimizer(_ spec: OptimizerSpec) -> (Frame) throws -> OptimizerKind {
    unowned(unsafe) let session = self.session
    let settings = spec.settings.map { (name: $0.name, code: compile($0.value), range: $0.value.range) }
    let kind = spec.kind
    return { frame in
      var values: [String: Double] = [:]
      var written: [String: String] = [:]
      for setting in settings {
        let value = try setting.code(frame)
        guard let x = value.number else {
          throw Diagnostic("\(setting.name) must be a number, found \(value.aKindName)", at: setting.range)
        }
        values[setting.name] = x
        written[setting.name] = value.formatted(session.digits)
      }
      let optimizer: OptimizerKind
      switch kind {
      case .sgd: optimizer = .sgd
      case .momentum: optimizer = .momentum(values["momentum"] ?? 0)
      case .nesterov: optimizer = .nesterov(values["nesterov"] ?? 0)
      case .adagrad: optimizer = .adagrad
      case .rmsprop: optimizer = .rmsprop(decay: values["decay"] ?? OptimizerKind.defaultDecay)
      case .adam:
        optimizer = .adam(
          beta1: values["beta1"] ?? OptimizerKind.defaultBeta1, beta2: values["beta2"] ?? OptimizerKind.defaultBeta2)
      }
      do {
        try optimizer.validate()
      } catch OptimizerError.settingOutOfRange(let name, let value) {
        let range = settings.first { $0.name == name }?.range ?? spec.range
        throw Diagnostic(
          "\(name) must be at least 0 and below 1, found \(written[name] ?? session.digits.format(value))", at: range,
          notes: [Self.settingExample[name] ?? "as in: \(spec.word) 0.9"])
      }
      return optimizer
    }
  }

  /// What each optimizer setting means, with an example, for its range error.
  private static let settingExample: [String: String] = [
    "momentum": "the fraction of the last step each step keeps, as in: momentum 0.9",
    "nesterov": "the fraction of the last step each step keeps, as in: nesterov 0.9",
    "decay": "how much of the running average of squared gradients each step keeps, as in: rmsprop decay 0.9",
    "beta1": "how much of the running average of gradients each step keeps, as in: adam beta1 0.9",
    "beta2": "how much of the running average of squared gradients each step keeps, as in: adam beta2 0.999",
  ]
}
