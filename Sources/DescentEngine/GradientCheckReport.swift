/// The loss a gradient check differentiated.
public enum CheckedLoss: Hashable, Sendable {
  /// `(pred - goal) ** 2`, the book's error.
  case squaredError
  /// The mean over rows of ½ Σ_outputs (pred − goal)², the batch trainer's loss.
  case halfSquaredErrorMeanOverRows

  /// The formula in the course's notation.
  public var formula: String {
    switch self {
    case .squaredError: return "(pred - goal) ** 2"
    case .halfSquaredErrorMeanOverRows: return "mean over rows of 0.5 * sum((pred - goal) ** 2)"
    }
  }
}

/// Which parameter an entry is about.
public enum CheckedParameter: Hashable, Sendable {
  /// Weight `index` of a one-output trainer.
  case weight(index: Int)
  /// `weights[row][column]` of network layer `layer`.
  case layerWeight(layer: Int, row: Int, column: Int)
  /// Bias `unit` of network layer `layer`.
  case layerBias(layer: Int, unit: Int)
}

/// One parameter's comparison.
public struct GradientCheckEntry: Hashable, Sendable {
  /// The parameter.
  public var parameter: CheckedParameter
  /// What the trainer multiplies by alpha (e.g. the book's `input * delta`).
  public var update: Double
  /// `factor * update`: the trainer's derivative of the checked loss.
  public var analytic: Double
  /// The central finite difference of the checked loss.
  public var numeric: Double
  /// `|analytic - numeric| / max(|analytic|, |numeric|)` (0 when both are 0).
  public var relativeDifference: Double

  /// An entry; `analytic` and `relativeDifference` follow from the rest.
  public init(parameter: CheckedParameter, update: Double, factor: Double, numeric: Double) {
    self.parameter = parameter
    self.update = update
    self.analytic = factor * update
    self.numeric = numeric
    let scale = Swift.max(Swift.abs(analytic), Swift.abs(numeric))
    self.relativeDifference = scale == 0 ? 0 : Swift.abs(analytic - numeric) / scale
  }
}

/// The outcome of a gradient check.
public struct GradientCheckReport: Hashable, Sendable {
  /// The loss that was differentiated.
  public var loss: CheckedLoss
  /// The derivative of that loss is `factor` times the trainer's update (2 for the book's loop).
  public var factor: Double
  /// One entry per parameter.
  public var entries: [GradientCheckEntry]

  /// A report.
  public init(loss: CheckedLoss, factor: Double, entries: [GradientCheckEntry]) {
    self.loss = loss
    self.factor = factor
    self.entries = entries
  }

  /// The largest relative difference (0 for no entries).
  public var maximumRelativeDifference: Double {
    entries.map(\.relativeDifference).max() ?? 0
  }

  /// Whether every entry agrees within `tolerance`, relatively, or within
  /// `absoluteTolerance` for derivatives too small for a relative test.
  public func passes(tolerance: Double = 1e-6, absoluteTolerance: Double = 1e-9) -> Bool {
    entries.allSatisfy {
      $0.relativeDifference <= tolerance || Swift.abs($0.analytic - $0.numeric) <= absoluteTolerance
    }
  }
}
