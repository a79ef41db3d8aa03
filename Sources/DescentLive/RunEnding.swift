import DescentEngine

extension ProgressStats {
  /// Stats for the run `progress` publishes: its total and, for
  /// `train until`, the error it stops below.
  public init(for progress: TrainingProgress) {
    let limit: Double?
    switch progress.target {
    case .below(let x)?: limit = x
    case .zero?: limit = 0
    case nil: limit = nil
    }
    self.init(total: progress.total, target: limit)
  }
}

extension LiveFrame {
  /// What the last frame says in place of the rate: how the run ended.
  public static func ending(_ stop: TrainingStop?, _ stats: ProgressStats) -> String {
    let took = "in " + duration(stats.elapsed)
    switch stop {
    case .completed?: return "done " + took
    case .reachedTarget?: return "target reached " + took
    case .diverged?: return "diverged " + took
    case .cycled?: return "stopped: the weights repeat"
    case .interrupted(_, .flag)?: return "interrupted after " + duration(stats.elapsed)
    case .interrupted(_, .stepBudget)?: return "stopped at the step limit " + took
    case nil: return "stopped " + took
    }
  }
}
