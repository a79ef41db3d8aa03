#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One labelled tick on an axis.
public struct Tick: Sendable, Hashable {
  public var value: Double
  public var label: String

  /// Creates a tick at `value` showing `label`.
  public init(value: Double, label: String) {
    self.value = value
    self.label = label
  }
}

/// The ticks of one axis together with the range they span.
public struct AxisTicks: Sendable, Hashable {
  public var lower: Double
  public var upper: Double
  public var ticks: [Tick]
}

/// "Nice number" tick placement: steps of 1, 2 or 5 × 10^k on linear axes and
/// whole powers of ten on log axes, so a reader can interpolate in their head.
public enum Ticks {
  /// The nice step (1, 2 or 5 × 10^k) nearest to `raw`.
  public static func niceStep(_ raw: Double) -> Double {
    guard raw.isFinite, raw > 0 else { return 1 }
    let exponent = floor(log10(raw))
    let power = pow(10, exponent)
    let fraction = raw / power
    let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    return nice * power
  }

  /// Ticks for a linear axis over `lower...upper` with about `target` ticks;
  /// with `extend` the range grows outwards to the nearest ticks.
  public static func linear(lower: Double, upper: Double, target: Int, extend: Bool) -> AxisTicks {
    let span = upper - lower
    guard lower.isFinite, upper.isFinite, span > 0, span.isFinite else {
      return AxisTicks(lower: lower, upper: upper, ticks: [])
    }
    let step = niceStep(span / Double(max(1, target - 1)))
    // A tiny tolerance so 0.30000000000000004 counts as the tick 0.3.
    let first = extend ? floor(lower / step + 1e-9) : ceil(lower / step - 1e-9)
    let last = extend ? ceil(upper / step - 1e-9) : floor(upper / step + 1e-9)
    guard first.isFinite, last.isFinite, last >= first, last - first <= 1000 else {
      return AxisTicks(lower: lower, upper: upper, ticks: [])
    }
    var values: [Double] = []
    var k = first
    while k <= last {
      let value = k * step
      values.append(value == 0 ? 0 : value)  // never "-0"
      k += 1
    }
    let range = extend ? (first * step, last * step) : (lower, upper)
    return AxisTicks(lower: range.0, upper: range.1, ticks: label(values, step: step))
  }

  /// Ticks for a log axis over `lower...upper` (both > 0) at powers of ten,
  /// skipping decades when there are many; with `extend` the range grows to
  /// whole decades.
  public static func log(lower: Double, upper: Double, target: Int, extend: Bool) -> AxisTicks {
    guard lower > 0, upper > lower, upper.isFinite else {
      return AxisTicks(lower: lower, upper: upper, ticks: [])
    }
    var low = Int(floor(log10(lower) + 1e-9))
    var high = Int(ceil(log10(upper) - 1e-9))
    if high <= low { high = low + 1 }
    let decades = high - low
    let strides = [1, 2, 5, 10, 20, 50, 100, 200]
    let stride = strides.first { decades / $0 <= max(1, target - 1) } ?? 500
    if extend {
      // Out to labelled decades, so the lowest and highest labels enclose
      // the data (an error falling to 4.9e-28 under a lowest label of 1e-20
      // read as if it stopped there).
      low = Int((Double(low) / Double(stride)).rounded(.down)) * stride
      high = Int((Double(high) / Double(stride)).rounded(.up)) * stride
    }
    let rangeLower = extend ? pow(10, Double(low)) : lower
    let rangeUpper = extend ? pow(10, Double(high)) : upper
    var values: [Double] = []
    for k in low...high {
      let power = pow(10, Double(k))
      if k % stride == 0 { values.append(power) }
      // Within a decade or two, 2 and 5 give the reader something to read.
      if decades <= 2 { values += [2 * power, 5 * power] }
    }
    values = values.filter { $0 >= rangeLower * (1 - 1e-12) && $0 <= rangeUpper * (1 + 1e-12) }
    values.sort()
    return AxisTicks(lower: rangeLower, upper: rangeUpper, ticks: label(values, step: nil))
  }

  /// Labels for tick values, in one style across the axis: plain decimals
  /// (`0`, `0.25`, `40`) unless some tick is ≥ 1e5 or below 1e-4, then
  /// exponent form (`1e-05`, `1e+10`) for all of them.
  public static func label(_ values: [Double], step: Double?) -> [Tick] {
    let magnitudes = values.map(abs).filter { $0 > 0 && $0.isFinite }
    let largest = magnitudes.max() ?? 0
    let smallest = magnitudes.min() ?? 0
    let exponentForm = largest >= 1e5 || (smallest > 0 && smallest < 1e-4)
    return values.map { value in
      guard value != 0 else { return Tick(value: 0, label: "0") }
      guard value.isFinite else { return Tick(value: value, label: NumberFormat.compact(value)) }
      let resolution = step.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } ?? abs(value)
      if exponentForm {
        let digits = Int(floor(log10(abs(value)))) - Int(floor(log10(resolution))) + 1
        return Tick(
          value: value, label: NumberFormat.scientific(value, significant: max(1, min(15, digits))))
      }
      let decimals = max(0, -Int(floor(log10(resolution) + 1e-9)))
      return Tick(value: value, label: NumberFormat.fixed(value, decimals: decimals))
    }
  }
}
