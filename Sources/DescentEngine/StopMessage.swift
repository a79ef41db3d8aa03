/// What a learner reads when a run stops, one sentence per way of stopping,
/// written once for everyone who prints them: the interpreter fills in
/// numbers formatted under `digits`, the export fills in Python f-string
/// fields (`{iteration + 1}`), so the fields are passed as text.
///
/// The limits that declare a run diverged are `DivergenceRule.standard`'s.
public enum StopMessage {
  /// A run `until` an error target met it.
  public static func reachedTarget(error: String, step: String) -> String {
    "reached error \(error) at step \(step)"
  }

  /// A step diverged (see `DivergenceRule`) and was not applied.
  public static func diverged(step: String, error: String) -> String {
    "diverged at step \(step): error \(error); try a smaller alpha (the weights keep their last finite values)"
  }

  /// An open-ended run whose weights stopped changing (a cycle of period 1).
  public static func settled(step: String, error: String) -> String {
    "stopped at step \(step): the weights no longer change, and the error stays \(error)"
  }

  /// An open-ended run whose weights repeat with a period of 2 or more.
  public static func cycled(step: String, period: String) -> String {
    "stopped at step \(step): the weights repeat every \(period) steps and will never settle; try a smaller alpha"
  }

  /// `train until ... max N` ran its N steps without meeting the target.
  public static func maxStepsSpent(max: String, error: String) -> String {
    "stopped after max \(max) steps: error \(error) is not yet below the target"
  }

  /// Ctrl-C stopped a run.
  public static func interrupted(line: String, steps: String) -> String {
    "interrupted at line \(line) after \(steps) train steps; the weights keep what was learnt"
  }

  /// A `compare` stopped by Ctrl-C: it never changes the variables.
  public static func raceInterrupted(line: String, steps: String) -> String {
    "interrupted at line \(line) after \(steps) steps of the race; compare leaves the variables as they were"
  }
}
