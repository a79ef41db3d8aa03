/// A closed interval of data values; unlike `ClosedRange` it never traps, so
/// it can hold whatever a user typed (a reversed or NaN range is ignored).
public struct ValueRange: Sendable, Hashable {
  public var lower: Double
  public var upper: Double

  /// Creates the interval `lower...upper`.
  public init(_ lower: Double, _ upper: Double) {
    self.lower = lower
    self.upper = upper
  }

  /// Creates the interval from a Swift closed range.
  public init(_ range: ClosedRange<Double>) {
    self.init(range.lowerBound, range.upperBound)
  }

  /// Whether the interval can be drawn: finite and with `lower < upper`.
  public var isUsable: Bool { lower.isFinite && upper.isFinite && lower < upper }
}

/// One axis of a chart: its label, how values are spaced, and optionally a
/// range the caller insists on (otherwise the data decides).
public struct Axis: Sendable, Hashable {
  public var label: String
  public var scale: ScaleKind
  /// An explicit range; `nil` means fit the data and round out to nice ticks.
  public var range: ValueRange?

  /// Creates an axis.
  public init(label: String = "", scale: ScaleKind = .linear, range: ValueRange? = nil) {
    self.label = label
    self.scale = scale
    self.range = range
  }
}
