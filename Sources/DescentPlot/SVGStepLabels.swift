/// Where the step numbers of a path go in SVG. Steps are labelled in
/// order, 1 first, each at the first of four places around its dot (above
/// right, above left, below right, below left) where the label overlaps no
/// label already placed and no step's dot and stays inside the plot. When a
/// step finds no place (steps settling at the minimum crowd together) no
/// later step is numbered: a reader counting 1, 2, 4 would look for a 3
/// that is not there.
struct SVGStepLabels {
  /// A label's extent in SVG units.
  struct Box {
    var left, top, right, bottom: Double

    func overlaps(_ other: Box) -> Bool {
      left < other.right && other.left < right && top < other.bottom && other.top < bottom
    }
  }

  /// A label to draw: where its text starts or ends (`anchor`).
  struct Placement {
    var x: Double
    var y: Double
    var anchor: String
  }

  /// Labels placed so far, in every path of the chart.
  private(set) var placed: [Box] = []
  /// Where a "start" label was written: paths raced from one point
  /// (`compare`) share one label there instead of stacking copies.
  private var starts: [(x: Double, y: Double)] = []
  /// The dots of every path, which labels must leave visible.
  let dots: [Box]
  let frame: SVGRenderer.Frame
  /// The labels' font size.
  let fontSize: Double

  init(dots: [(x: Double, y: Double)], frame: SVGRenderer.Frame, fontSize: Double) {
    self.dots = dots.map { Box(left: $0.x - 4.5, top: $0.y - 4.5, right: $0.x + 4.5, bottom: $0.y + 4.5) }
    self.frame = frame
    self.fontSize = fontSize
  }

  /// Whether a path's start at `p` still needs its label (no other path
  /// started within a pixel of it); records it when it does.
  mutating func startNeedsLabel(at p: (x: Double, y: Double)) -> Bool {
    if starts.contains(where: { abs($0.x - p.x) < 1 && abs($0.y - p.y) < 1 }) { return false }
    starts.append(p)
    return true
  }

  /// A place for `label` beside the dot at `p`, recorded as taken, or nil
  /// when every candidate place is taken.
  mutating func place(_ label: String, at p: (x: Double, y: Double)) -> Placement? {
    let width = Double(label.count) * fontSize * 0.62
    let height = fontSize
    let gap = 6.0
    let candidates: [(Placement, Box)] = [
      (Placement(x: p.x + gap, y: p.y - gap, anchor: "start"),
       Box(left: p.x + gap, top: p.y - gap - height * 0.8, right: p.x + gap + width, bottom: p.y - gap + height * 0.2)),
      (Placement(x: p.x - gap, y: p.y - gap, anchor: "end"),
       Box(left: p.x - gap - width, top: p.y - gap - height * 0.8, right: p.x - gap, bottom: p.y - gap + height * 0.2)),
      (Placement(x: p.x + gap, y: p.y + gap + height * 0.8, anchor: "start"),
       Box(left: p.x + gap, top: p.y + gap, right: p.x + gap + width, bottom: p.y + gap + height)),
      (Placement(x: p.x - gap, y: p.y + gap + height * 0.8, anchor: "end"),
       Box(left: p.x - gap - width, top: p.y + gap, right: p.x - gap, bottom: p.y + gap + height)),
    ]
    for (placement, box) in candidates {
      guard box.left >= frame.left, box.right <= frame.right, box.top >= frame.top, box.bottom <= frame.bottom,
        !placed.contains(where: box.overlaps), !dots.contains(where: box.overlaps)
      else { continue }
      placed.append(box)
      return placement
    }
    return nil
  }

  /// Records a label drawn at its usual place whatever it covers ("start"
  /// and "end" are always shown).
  mutating func force(_ label: String, at p: (x: Double, y: Double)) -> Placement {
    if let placement = place(label, at: p) { return placement }
    let width = Double(label.count) * fontSize * 0.62
    placed.append(Box(left: p.x + 6, top: p.y - 6 - fontSize * 0.8, right: p.x + 6 + width, bottom: p.y - 6 + fontSize * 0.2))
    return Placement(x: p.x + 6, y: p.y - 6, anchor: "start")
  }
}
