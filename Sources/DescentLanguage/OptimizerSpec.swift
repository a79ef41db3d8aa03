/// An optimizer named on `train` (`momentum 0.9`, `adam beta2 0.99`) or
/// raced by `compare`: the update rule, with its settings still expressions
/// (a setting left out takes its usual value when the statement runs).
public struct OptimizerSpec: Sendable, Hashable {
  /// The update rule and the expressions of its settings.
  public enum Kind: Sendable, Hashable {
    /// `sgd`: plain gradient descent.
    case sgd
    /// `momentum M`: the heavy ball.
    case momentum(Expr)
    /// `nesterov M`: momentum with the gradient at the look-ahead point.
    case nesterov(Expr)
    /// `adagrad`.
    case adagrad
    /// `rmsprop [decay D]`.
    case rmsprop(decay: Expr?)
    /// `adam [beta1 B1] [beta2 B2]`.
    case adam(beta1: Expr?, beta2: Expr?)
  }

  /// The rule and its settings.
  public var kind: Kind
  /// The optimizer's word, as written (`momentum`, `adam`, ...).
  public var word: String
  /// From the optimizer's word to its last setting.
  public var range: SourceRange

  /// An optimizer option, named by `word`.
  public init(_ kind: Kind, word: String, _ range: SourceRange) {
    self.kind = kind
    self.word = word
    self.range = range
  }

  /// The words that start an optimizer option.
  public static let words: Set<String> = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]
  /// The words of optimizer settings (`decay`, `beta1`, `beta2`).
  public static let settingWords: Set<String> = ["decay", "beta1", "beta2"]

  /// The settings' expressions with their names, in source order.
  public var settings: [(name: String, value: Expr)] {
    switch kind {
    case .sgd, .adagrad: return []
    case .momentum(let m): return [("momentum", m)]
    case .nesterov(let m): return [("nesterov", m)]
    case .rmsprop(let decay): return decay.map { [("decay", $0)] } ?? []
    case .adam(let beta1, let beta2):
      let betas = (beta1.map { [("beta1", $0)] } ?? []) + (beta2.map { [("beta2", $0)] } ?? [])
      return betas.sorted { $0.1.range.start < $1.1.range.start }
    }
  }
}
