import DescentEngine
import DescentPlot

/// One frame of the live training view as lines of text: the error curve
/// so far (drawn by the plot module's terminal renderer) and a progress
/// line under it. Pure: the same snapshot, stats and size give the same
/// lines, which the tests compare.
public struct LiveFrame: Sendable {
  /// Width in character cells; every line fits in it.
  public var width: Int
  /// Lines for the chart (the progress lines come under it); 0 for none.
  public var chartHeight: Int
  /// Braille and box drawing, or ASCII for a non-UTF-8 locale.
  public var unicode: Bool
  /// ANSI colours in the chart.
  public var color: Bool

  /// A frame layout for a terminal of `width` columns.
  public init(width: Int, chartHeight: Int = 14, unicode: Bool = true, color: Bool = false) {
    self.width = width
    self.chartHeight = chartHeight
    self.unicode = unicode
    self.color = color
  }

  /// The frame for a run: `ending` replaces the rate and time left once it
  /// has stopped ("interrupted", "done").
  public func lines(
    _ snapshot: TrainingProgress.Snapshot, stats: ProgressStats, countsEpochs: Bool, ending: String? = nil
  ) -> [String] {
    var lines: [String] = []
    if chartHeight > 0 && snapshot.curve.count >= 2 {
      let renderer = TerminalRenderer(width: width, height: chartHeight, unicode: unicode, color: color)
      lines = renderer.lines(for: chart(snapshot.curve, countsEpochs: countsEpochs))
    }
    lines += wrap(progressParts(stats, countsEpochs: countsEpochs, ending: ending))
    if let warning = LiveFrame.warning(stats, ending: ending) { lines.append(clip(warning)) }
    return lines
  }

  /// The progress line unwrapped and unclipped, then the divergence
  /// warning if any: the captions under a chart drawn elsewhere (SVG).
  /// Parts are joined with a dot, since SVG text shows runs of spaces as one.
  public func captions(_ stats: ProgressStats, countsEpochs: Bool, ending: String? = nil) -> [String] {
    [progressParts(stats, countsEpochs: countsEpochs, ending: ending).joined(separator: " · ")]
      + [LiveFrame.warning(stats, ending: ending)].compactMap { $0 }
  }

  /// The note for a run whose error is running away (none once it has ended).
  static func warning(_ stats: ProgressStats, ending: String?) -> String? {
    guard stats.isDiverging && ending == nil else { return nil }
    return "the error is growing: diverging? Ctrl-C keeps the last weights; try a smaller alpha"
  }

  /// The error curve, on a log axis when the errors span three decades or more.
  public func chart(_ curve: [(step: Int, error: Double)], countsEpochs: Bool) -> Chart {
    let positive = curve.filter { $0.error > 0 && $0.error.isFinite }
    let low = positive.map(\.error).min() ?? 0
    let high = positive.map(\.error).max() ?? 0
    let log = positive.count >= 2 && high / low >= 1000
    // On a log axis zeros cannot be drawn; dropping them here keeps the
    // renderer from adding a note line (and the frame from changing height).
    let shown = log ? positive : curve.filter { $0.error.isFinite }
    return Chart(
      x: Axis(label: ""),
      y: Axis(label: "", scale: log ? .log : .linear),
      series: [.line("error", x: shown.map { Double($0.step) }, y: shown.map(\.error))],
      legend: .hidden)
  }

  /// The parts of the progress line, joined with two spaces and wrapped
  /// between parts where the width runs out.
  func wrap(_ parts: [String]) -> [String] {
    var lines: [String] = []
    for part in parts {
      if let last = lines.last, last.count + 2 + part.count <= width {
        lines[lines.count - 1] = last + "  " + part
      } else {
        lines.append(clip(part))
      }
    }
    return lines
  }

  /// `step 1,234/300,000,000 (0.4%)`, `error 0.0123`, `1.2M steps/s`, `2m 3s left`.
  func progressParts(_ stats: ProgressStats, countsEpochs: Bool, ending: String?) -> [String] {
    var parts: [String] = []
    let unit = countsEpochs ? "epoch" : "step"
    if stats.target != nil {
      parts.append(
        "\(unit) \(LiveFrame.grouped(stats.step))" + (stats.total.map { " of max \(LiveFrame.grouped($0))" } ?? ""))
    } else if let total = stats.total {
      var text = "\(unit) \(LiveFrame.grouped(stats.step))/\(LiveFrame.grouped(total))"
      if let done = stats.fractionDone { text += " (\(NumberFormat.fixed(done * 100, decimals: 1))%)" }
      parts.append(text)
    } else {
      parts.append("\(unit) \(LiveFrame.grouped(stats.step))")
    }
    parts.append("error " + NumberFormat.compact(stats.error, significant: 4))
    if let target = stats.target {
      parts.append("best " + NumberFormat.compact(stats.bestError, significant: 4))
      if let decades = stats.decadesToTarget {
        let goal = NumberFormat.compact(target, significant: 4)
        parts.append(
          decades == 0
            ? "below \(goal)"
            : "\(NumberFormat.fixed(decades, decimals: 1)) decades to \(goal)")
      }
    }
    if let ending {
      parts.append(ending)
    } else {
      if let rate = stats.stepsPerSecond { parts.append(LiveFrame.rate(rate) + " \(unit)s/s") }
      if let left = stats.secondsLeft { parts.append(LiveFrame.duration(left) + " left") }
    }
    return parts
  }

  /// `1234567` as `1,234,567`.
  public static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }

  /// A rate with k/M/G: `950`, `12.3k`, `1.25M`.
  public static func rate(_ perSecond: Double) -> String {
    let units: [(Double, String)] = [(1e9, "G"), (1e6, "M"), (1e3, "k")]
    for (size, name) in units where perSecond >= size {
      return NumberFormat.compact(perSecond / size, significant: 3) + name
    }
    return NumberFormat.compact(perSecond, significant: 3)
  }

  /// Seconds as `0.4s`, `42s`, `3m 05s`, `2h 07m`.
  public static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds < 1e7 else { return "a long time" }
    if seconds < 10 { return NumberFormat.fixed(seconds, decimals: 1) + "s" }
    let whole = Int(seconds.rounded())
    if whole < 60 { return "\(whole)s" }
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    if whole < 3600 { return "\(whole / 60)m \(two(whole % 60))s" }
    return "\(whole / 3600)h \(two(whole / 60 % 60))m"
  }

  /// Cuts a line to the width (counting characters; the line is plain text).
  func clip(_ line: String) -> String {
    line.count <= width ? line : String(line.prefix(max(1, width - 1))) + "…"
  }
}
