/// Which update rule turns a gradient into a step, with its settings
/// (the learning rate `alpha` is the `Optimizer`'s).
public enum OptimizerKind: Sendable, Hashable {
  /// Plain gradient descent: `x -= alpha g`.
  case sgd
  /// The heavy ball with coefficient M: `v = M v - alpha g; x += v`.
  case momentum(Double)
  /// Nesterov's accelerated gradient: the gradient at the look-ahead point
  /// `x + M v`, then `v = M v - alpha g(x + M v); x += v`.
  case nesterov(Double)
  /// AdaGrad: `G += g²; x -= alpha g / (sqrt(G) + eps)`.
  case adagrad
  /// RMSprop: `E = D E + (1 - D) g²; x -= alpha g / (sqrt(E) + eps)`.
  case rmsprop(decay: Double)
  /// Adam with bias correction (Kingma & Ba, algorithm 1).
  case adam(beta1: Double, beta2: Double)

  /// RMSprop's usual decay (Hinton's lecture 6e; PyTorch's `alpha=0.99` differs).
  public static let defaultDecay = 0.9
  /// Adam's usual first-moment decay (the paper's default).
  public static let defaultBeta1 = 0.9
  /// Adam's usual second-moment decay (the paper's default).
  public static let defaultBeta2 = 0.999

  /// RMSprop with its usual decay.
  public static var rmsprop: OptimizerKind { .rmsprop(decay: defaultDecay) }
  /// Adam with the paper's betas.
  public static var adam: OptimizerKind { .adam(beta1: defaultBeta1, beta2: defaultBeta2) }

  /// The name the language and the export use: "sgd", "momentum", "nesterov", ...
  public var name: String {
    switch self {
    case .sgd: return "sgd"
    case .momentum: return "momentum"
    case .nesterov: return "nesterov"
    case .adagrad: return "adagrad"
    case .rmsprop: return "rmsprop"
    case .adam: return "adam"
    }
  }

  /// Values of state kept per parameter: a velocity, a sum or average of
  /// squares, or Adam's two moments.
  public var statePerParameter: Int {
    switch self {
    case .sgd: return 0
    case .momentum, .nesterov, .adagrad, .rmsprop: return 1
    case .adam: return 2
    }
  }

  /// Whether the gradient is wanted at the look-ahead point `x + M v`
  /// rather than at `x` (Nesterov).
  public var wantsLookAhead: Bool {
    if case .nesterov = self { return true }
    return false
  }

  /// Throws when a setting is outside its range: momentum and the decays
  /// must be at least 0 and below 1 (at 1 nothing is ever forgotten, and
  /// Adam's bias correction divides by 0); NaN is never in range.
  public func validate() throws {
    switch self {
    case .sgd, .adagrad: return
    case .momentum(let m), .nesterov(let m): try Self.check(m, name: name)
    case .rmsprop(let decay): try Self.check(decay, name: "decay")
    case .adam(let beta1, let beta2):
      try Self.check(beta1, name: "beta1")
      try Self.check(beta2, name: "beta2")
    }
  }

  private static func check(_ value: Double, name: String) throws {
    guard value >= 0 && value < 1 else { throw OptimizerError.settingOutOfRange(name: name, value: value) }
  }
}

/// An optimizer setting that cannot be used.
public enum OptimizerError: Error, Hashable, Sendable {
  /// A momentum, decay or beta outside [0, 1) (or NaN).
  case settingOutOfRange(name: String, value: Double)
  /// A gradient or parameter vector whose length is not the optimizer's.
  case sizeMismatch(expected: Int, found: Int)
}
