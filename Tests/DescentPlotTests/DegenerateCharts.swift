import DescentPlot

/// Charts of the awkward inputs a user can produce; none may trap.
enum DegenerateCharts {
  static let onePoint = Chart(
    title: "One step", x: Axis(label: "step"), y: Axis(label: "error"),
    series: [.line("error", y: [0.3025])])

  static let flatLine = Chart(
    title: "A flat line", x: Axis(label: "step"), y: Axis(label: "error"),
    series: [.line("error", y: Array(repeating: 0.5, count: 10))])

  static let notFinite = Chart(
    title: "Some values are not numbers", x: Axis(label: "step"), y: Axis(label: "error"),
    series: [.line("error", y: [4, 2, .nan, 1, .infinity, 0.5, -.infinity, 0.25])])

  static let empty = Chart(
    title: "Error after each step", x: Axis(label: "step"), y: Axis(label: "error"),
    series: [.line("error", y: [])])

  static let logNonPositive = Chart(
    title: "Log scale with zero and negative values", x: Axis(label: "step"),
    y: Axis(label: "error", scale: .log),
    series: [.line("error", y: [100, 10, 0, 1, -1, 0.1, 0.01])])

  static let hugeRange = Chart(
    title: "From 1e-10 to 1e19", x: Axis(label: "step"), y: Axis(label: "value", scale: .log),
    series: [.line("value", y: [1e-10, 1e-5, 1, 1e5, 1e10, 1e15, 1e19])])

  static let allNaN = Chart(
    title: "Nothing but NaN", series: [.line("error", y: [.nan, .nan])])

  static let explicitRange = Chart(
    title: "Range chosen by hand", x: Axis(label: "step", range: ValueRange(2, 5)),
    y: Axis(label: "error", range: ValueRange(0, 1)),
    series: [.line("error", y: [2, 1.5, 0.9, 0.5, 0.3, 0.2, 0.1])])

  static let badRange = Chart(
    title: "A reversed range", x: Axis(label: "step", range: ValueRange(5, 2)),
    y: Axis(label: "error", scale: .log, range: ValueRange(-1, 10)),
    series: [.line("error", y: [2, 1, 0.5])])

  static let escaping = Chart(
    title: "Errors <small> & \"large\" 'quoted'", x: Axis(label: "w < 1 & w > 0"),
    y: Axis(label: "error"), series: [.line("a<b", y: [1, 2]), .line("c&d", y: [2, 1])])

  /// Every degenerate chart with a file-name-friendly name.
  static let all: [(name: String, chart: Chart)] = [
    ("one-point", onePoint), ("flat-line", flatLine), ("not-finite", notFinite), ("empty", empty),
    ("log-nonpositive", logNonPositive), ("huge-range", hugeRange), ("all-nan", allNaN),
    ("explicit-range", explicitRange), ("bad-range", badRange), ("escaping", escaping),
  ]
}
