#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Locale-independent number formatting for tick labels and SVG coordinates.
///
/// Written by hand rather than with `String(format:)` so the module needs no
/// Foundation and snapshots never depend on the machine's locale.
public enum NumberFormat {
  /// Formats `value` like C's `%g`: `significant` digits, trailing zeros
  /// dropped, exponent form (`1e-05`, `2.5e+10`) outside 1e-4 ..< 10^significant.
  public static func compact(_ value: Double, significant: Int = 6) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
    if value == 0 { return "0" }
    let digits = max(1, min(15, significant))
    guard let (mantissa, exponent) = decimalDigits(abs(value), significant: digits) else {
      return "0"
    }
    let sign = value < 0 ? "-" : ""
    if exponent < -4 || exponent >= digits {
      return sign + exponentForm(mantissa, exponent)
    }
    return sign + fixedForm(mantissa, exponent)
  }

  /// Formats `value` in exponent form always (`1e+10`, `2.5e-05`), for axes
  /// whose ticks span many orders of magnitude.
  public static func scientific(_ value: Double, significant: Int = 6) -> String {
    guard value.isFinite else { return compact(value) }
    if value == 0 { return "0" }
    guard
      let (mantissa, exponent) = decimalDigits(
        abs(value), significant: max(1, min(15, significant)))
    else { return "0" }
    return (value < 0 ? "-" : "") + exponentForm(mantissa, exponent)
  }

  /// Formats `value` with at most `decimals` digits after the point and no
  /// trailing zeros (`12.5`, `40`, `-0.25`), for SVG coordinates.
  public static func fixed(_ value: Double, decimals: Int = 2) -> String {
    let places = max(0, min(12, decimals))
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    // Coordinates beyond ±1e12 are meaningless on a drawing; clamping keeps
    // the conversion below in range (it falls back to `compact` otherwise).
    let clamped = value.isFinite ? min(max(value, -1e12), 1e12) : 0
    let scaled = (clamped * scale).rounded()
    guard let whole = Int64(exactly: scaled) else { return compact(value) }
    if whole == 0 { return "0" }
    let negative = whole < 0
    var text = String(negative ? -whole : whole)
    if places > 0 {
      while text.count <= places { text = "0" + text }
      let split = text.index(text.endIndex, offsetBy: -places)
      var fraction = String(text[split...])
      while fraction.hasSuffix("0") { fraction.removeLast() }
      text = String(text[..<split]) + (fraction.isEmpty ? "" : "." + fraction)
    }
    return (negative ? "-" : "") + text
  }

  // MARK: - Digits

  /// The `significant` decimal digits of a positive finite `value` and the
  /// power of ten of the first one (value ≈ 0.d1d2d3… × 10^(exponent+1)).
  static func decimalDigits(_ value: Double, significant: Int) -> ([UInt8], Int)? {
    guard value > 0, value.isFinite else { return nil }
    var exponent = Int(floor(log10(value)))
    // Scale in two steps so values near the ends of the Double range do not
    // overflow or underflow the power of ten.
    var scaled = scaleByPowerOfTen(value, significant - 1 - exponent).rounded()
    var limit = 1.0
    for _ in 0..<significant { limit *= 10 }
    if scaled >= limit {
      exponent += 1
      scaled = scaleByPowerOfTen(value, significant - 1 - exponent).rounded()
    } else if scaled < limit / 10 {
      // log10 rounded up across a power of ten (e.g. 0.0009999…).
      exponent -= 1
      scaled = scaleByPowerOfTen(value, significant - 1 - exponent).rounded()
    }
    guard scaled >= 1, scaled < 1e16, let integer = UInt64(exactly: scaled) else { return nil }
    var digits = Array(String(integer).utf8).map { $0 - 48 }
    if digits.count > significant {
      exponent += digits.count - significant
      digits = Array(digits.prefix(significant))
    }
    while digits.count > 1, digits.last == 0 { digits.removeLast() }
    return (digits, exponent)
  }

  private static func scaleByPowerOfTen(_ value: Double, _ power: Int) -> Double {
    let half = power / 2
    return value * pow(10, Double(half)) * pow(10, Double(power - half))
  }

  private static func exponentForm(_ digits: [UInt8], _ exponent: Int) -> String {
    var text = String(digits[0])
    if digits.count > 1 { text += "." + digits.dropFirst().map(String.init).joined() }
    let magnitude = String(abs(exponent))
    return text + "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
  }

  private static func fixedForm(_ digits: [UInt8], _ exponent: Int) -> String {
    let text = digits.map(String.init).joined()
    if exponent < 0 {
      return "0." + String(repeating: "0", count: -exponent - 1) + text
    }
    let integerCount = exponent + 1
    if text.count <= integerCount {
      return text + String(repeating: "0", count: integerCount - text.count)
    }
    let split = text.index(text.startIndex, offsetBy: integerCount)
    return String(text[..<split]) + "." + String(text[split...])
  }
}
