import DescentPlot
import Foundation
import TestSupport

/// The course's runs as charts, computed from the fixture JSON (no engine
/// dependency), plus the awkward inputs a user can produce.
enum CourseCharts {
  static func examples() throws -> [String: Any] {
    (try Fixtures.json("course-examples.json") as? [String: Any]) ?? [:]
  }

  /// The values of `key` in each row of a list of objects.
  static func column(_ rows: Any?, _ key: String) -> [Double] {
    ((rows as? [[String: Any]]) ?? []).compactMap { ($0[key] as? NSNumber)?.doubleValue }
  }

  /// Example 4: gradient descent, 20 steps, input 0.5, goal 0.8, weight 0.5.
  static func errorCurve() throws -> Chart {
    let example = try examples()["ex04_gradient_descent_20_iterations"] as? [String: Any]
    let errors = column(example?["values"], "error")
    return Chart(
      title: "Error after each step (input 0.5, goal 0.8, alpha 1)",
      x: Axis(label: "step"), y: Axis(label: "error"),
      series: [.line("error", y: errors)])
  }

  /// Example 1: the article's error bowl with the alpha 18 and alpha 35 paths.
  static func bowl() throws -> Chart {
    let example = try examples()["ex01_single_weight_rounding_article"] as? [String: Any]
    func path(_ key: String, _ name: String, steps: Int) -> Series {
      let trace = (example?[key] as? [String: Any])?["trace"]
      let weights = column(trace, "weight_before")
      let errors = column(trace, "error")
      return .path(name, points: zip(weights, errors).prefix(steps).map { PlotPoint(x: $0, y: $1) })
    }
    let curve = stride(from: 0.0, through: 60, by: 0.5).map {
      PlotPoint(x: $0, y: (0.2 * $0 - 8) * (0.2 * $0 - 8))
    }
    return Chart(
      title: "The error bowl: alpha 18 against alpha 35",
      x: Axis(label: "weight"), y: Axis(label: "error"),
      series: [
        .line("error(w) = (0.2w - 8)^2", points: curve), path("alpha_18", "alpha 18", steps: 7),
        path("alpha_35_30_iterations", "alpha 35 (first 10 steps)", steps: 10),
      ],
      markedPoints: [MarkedPoint(x: 40, y: 0, label: "minimum")],
      notes: ["alpha 35 never reaches 0: the weight flips between 40.03 and 39.96."])
  }

  /// Example 6: input 2 and no alpha; the error grows 9-fold every step.
  static func divergence() throws -> Chart {
    let example = try examples()["ex06_divergence_and_alpha"] as? [String: Any]
    let errors = column((example?["no_alpha"] as? [String: Any])?["values"], "error")
    return Chart(
      title: "Input 2, no alpha: the error explodes",
      x: Axis(label: "step"), y: Axis(label: "error (log scale)", scale: .log),
      series: [
        .line("error", y: errors),
        .points(
          "",
          points: errors.enumerated().map {
            PlotPoint(x: Double($0.offset + 1), y: $0.element)
          }),
      ])
  }

  /// The sigmoid on -6…6 and its derivative (largest slope 0.25 at 0).
  static func sigmoid() -> Chart {
    let xs = stride(from: -6.0, through: 6, by: 0.05).map { $0 }
    let sigmoid = xs.map { 1 / (1 + exp(-$0)) }
    return Chart(
      title: "The sigmoid and its slope",
      x: Axis(label: "x"), y: Axis(label: "value"),
      series: [
        .line("sigmoid(x)", x: xs, y: sigmoid),
        .line("slope sigmoid(x)(1 - sigmoid(x))", x: xs, y: sigmoid.map { $0 * (1 - $0) }),
      ],
      markedPoints: [MarkedPoint(x: 0, y: 0.25, label: "0.25")])
  }

  /// Example 7's two weights: error (3 w0 + 4 w1 - 6)^2 over a grid, with
  /// the path of learning rate 0.01 from [1, 2].
  static func heatmap(style: HeatmapStyle = .cells) -> Chart {
    func error(_ w0: Double, _ w1: Double) -> Double {
      (3 * w0 + 4 * w1 - 6) * (3 * w0 + 4 * w1 - 6)
    }
    var weights = (1.0, 2.0)
    var steps: [PlotPoint] = []
    for _ in 0..<6 {
      steps.append(PlotPoint(x: weights.0, y: weights.1))
      let delta = 3 * weights.0 + 4 * weights.1 - 6
      weights = (weights.0 - 0.01 * 2 * 3 * delta, weights.1 - 0.01 * 2 * 4 * delta)
    }
    let grid = Heatmap.sampling(
      x: ValueRange(-0.5, 1.5), y: ValueRange(0, 2.5), columns: 40, rows: 30, style: style, error)
    return Chart(
      title: "Error over weights[0], weights[1]",
      x: Axis(label: "weights[0]"), y: Axis(label: "weights[1]"),
      series: [.heatmap("error", grid), .path("descent", points: steps)])
  }
}
