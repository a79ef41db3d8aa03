import DescentLanguage

/// What a cell's info string asks for after `descent`:
/// ```` ```descent hide budget=1000 ````.
public struct CellOptions: Sendable, Hashable {
  /// Run the cell, but leave its code out of rendered HTML.
  public var hide = false
  /// Do not run the cell (its stored output stays as it is).
  public var skip = false
  /// The cell must stop with an error; the error becomes its stored output.
  public var expectError = false
  /// Step budget for this cell.
  public var budget: Int?
  /// How bare floats print in this cell only.
  public var digits: DigitsMode?
  /// Relative tolerance for numbers when checking this cell.
  public var tolerance: Double?

  /// Creates the default options.
  public init() {}

  /// The options as written, for error messages and help.
  static let known = "hide, skip, expect-error, budget=N, digits=N|shortest, tolerance=X"

  /// Parses the words after `descent`; each problem comes back as a message.
  static func parse(_ words: [Substring]) -> (CellOptions, [String]) {
    var options = CellOptions()
    var problems: [String] = []
    for word in words {
      let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = String(parts[0])
      let value = parts.count > 1 ? String(parts[1]) : nil
      switch (name, value) {
      case ("hide", nil): options.hide = true
      case ("skip", nil): options.skip = true
      case ("expect-error", nil): options.expectError = true
      case ("budget", let value?):
        if let n = Int(value), n >= 1 { options.budget = n } else {
          problems.append("budget=\(value): the budget must be a whole number ≥ 1")
        }
      case ("digits", "shortest"): options.digits = .shortest
      case ("digits", let value?):
        if let n = Int(value), (1...17).contains(n) { options.digits = .significant(n) } else {
          problems.append("digits=\(value): digits must be 1 to 17 or `shortest`")
        }
      case ("tolerance", let value?):
        if let x = Double(value), x.isFinite, x >= 0 { options.tolerance = x } else {
          problems.append("tolerance=\(value): the tolerance must be a number ≥ 0, such as 1e-6")
        }
      case ("hide", _), ("skip", _), ("expect-error", _):
        problems.append("cell option '\(name)' takes no value")
      case ("budget", nil), ("digits", nil), ("tolerance", nil):
        problems.append("cell option '\(name)' needs a value: \(name)=…")
      default:
        problems.append("unknown cell option '\(word)' (known: \(known))")
      }
    }
    if options.skip && options.expectError {
      problems.append("a cell cannot be both skip and expect-error")
    }
    return (options, problems)
  }
}
