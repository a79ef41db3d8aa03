import DescentLanguage

/// Every frame of an `explore` in a notebook cell, made for a rendered page:
/// each frame's HTML, the knobs' values, and where the start frame's own
/// output sits in the cell's output (the page shows the frames there).
public struct RenderedExploration: Sendable {
  /// A knob's name, its values as shown, and where it starts.
  public struct Knob: Sendable {
    public var name: String
    public var labels: [String]
    public var startIndex: Int
  }

  public var knobs: [Knob]
  /// Each frame's HTML, first knob slowest (as `Exploration.flatIndex`).
  public var frames: [String]
  /// The start frame's text in the cell's output, in characters.
  public var textRange: Range<Int>
  /// The start frame's figures among the cell's figures.
  public var figureRange: Range<Int>

  /// The position of the start frame among `frames`.
  public var startFrame: Int {
    knobs.reduce(0) { $0 * $1.labels.count + $1.startIndex }
  }
}

/// The explorer of `descent render`: it runs every frame of an `explore`
/// (there are at most `maxExploreFrames`) for the page, then runs the block
/// at the start value into the cell's output exactly as `descent check`
/// does, so the stored output and the page's start frame agree.
final class ExploreCollector: Explorer {
  private let sink: CellSink
  /// The explorations of the cell being run, in order.
  var explorations: [RenderedExploration] = []

  init(sink: CellSink) {
    self.sink = sink
  }

  func explore(_ exploration: Exploration) throws {
    let frames = (0..<exploration.frameCount).map { flat -> String in
      let frame = exploration.frame(at: exploration.indices(ofFlat: flat))
      return ExploreFrameHTML.html(of: frame) { exploration.render($0) }
    }
    let textStart = sink.text.count
    let figureStart = sink.charts.count
    try exploration.run(at: exploration.startIndices)
    explorations.append(
      RenderedExploration(
        knobs: exploration.knobs.map { .init(name: $0.name, labels: $0.labels, startIndex: $0.startIndex) },
        frames: frames, textRange: textStart..<sink.text.count, figureRange: figureStart..<sink.charts.count))
  }
}
