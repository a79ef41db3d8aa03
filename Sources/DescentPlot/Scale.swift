#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How data values map onto an axis: evenly (linear) or by powers of ten (log).
public enum ScaleKind: String, Sendable, Hashable {
  case linear, log
}

/// A mapping from a data interval onto the unit interval 0...1.
public struct Scale: Sendable, Hashable {
  public var kind: ScaleKind
  public var lower: Double
  public var upper: Double

  public init(kind: ScaleKind = .linear, lower: Double, upper: Double) {
    self.kind = kind
    self.lower = lower
    self.upper = upper
  }

  /// Where `value` falls between `lower` (0) and `upper` (1); values outside
  /// the interval map outside 0...1, and a log scale maps non-positive values
  /// to nil because they have no place on it.
  public func fraction(_ value: Double) -> Double? {
    guard value.isFinite else { return nil }
    switch kind {
    case .linear:
      let span = upper - lower
      return span == 0 ? 0.5 : (value - lower) / span
    case .log:
      guard value > 0, lower > 0, upper > 0 else { return nil }
      let span = log10(upper) - log10(lower)
      return span == 0 ? 0.5 : (log10(value) - log10(lower)) / span
    }
  }
}

extension Scale {
  /// The data value at `fraction` of the way from `lower` to `upper`; the
  /// inverse of `fraction(_:)`.
  public func value(atFraction fraction: Double) -> Double {
    switch kind {
    case .linear:
      return lower + fraction * (upper - lower)
    case .log:
      guard lower > 0, upper > 0 else { return .nan }
      return pow(10, log10(lower) + fraction * (log10(upper) - log10(lower)))
    }
  }
}
