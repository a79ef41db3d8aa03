// API note: numpy's FloatingFormat for float64 arrays (default options), used
// by NumpyArrayFormatter; `NumpyFloatFormat.positional`/`scientific` are
// numpy's `format_float_positional`/`format_float_scientific` with unique
// digits and a precision, for callers that print one number numpy's way.

/// numpy's FloatingFormat fitted to an array's values: positional or
/// scientific for the whole array, padded so the points line up.
struct NumpyFloatFormat {
  static let precision = 8
  var exponentForm = false
  var padLeft = 0
  var padRight = 0
  /// Fraction digits every element shows in scientific form (zero-padded).
  var scientificDigits = 0
  var exponentDigits = 2

  init(_ data: [Double]) {
    let finite = data.filter { $0.isFinite }
    let nonZero = finite.filter { $0 != 0 }.map(\.magnitude)
    if let maxValue = nonZero.max(), let minValue = nonZero.min() {
      exponentForm = maxValue >= 1e8 || minValue < 0.0001 || maxValue / minValue > 1000
    }
    if finite.isEmpty {
      padLeft = 0
      padRight = 0
    } else if exponentForm {
      let parts = finite.map { Self.scientific($0, precision: Self.precision) }
      let mantissas = parts.map { $0.split(separator: "e", maxSplits: 1) }
      exponentDigits = max(2, (mantissas.map { $0.count > 1 ? $0[1].count : 0 }.max() ?? 3) - 1)
      let splits = mantissas.map {
        $0[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
      }
      scientificDigits = splits.map { $0.count > 1 ? $0[1].count : 0 }.max() ?? 0
      padLeft = splits.map { $0[0].count }.max() ?? 0
      padRight = exponentDigits + 2 + scientificDigits
    } else {
      let splits = finite.map {
        Self.positional($0, precision: Self.precision).split(
          separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
      }
      padLeft = splits.map { $0[0].count }.max() ?? 0
      padRight = splits.map { $0.count > 1 ? $0[1].count : 0 }.max() ?? 0
    }
    if finite.count != data.count {
      let negativeInfinity = data.contains { $0.isInfinite && $0 < 0 }
      let offset = padRight + 1
      padLeft = max(padLeft, 3 - offset, 3 + (negativeInfinity ? 1 : 0) - offset)
    }
  }

  /// One element, padded to the array's columns.
  func format(_ x: Double) -> String {
    if !x.isFinite {
      let text = x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf")
      return String(repeating: " ", count: max(0, padLeft + padRight + 1 - text.count)) + text
    }
    if exponentForm {
      var text = Self.scientific(
        x, precision: scientificDigits, minDigits: scientificDigits, exponentDigits: exponentDigits)
      let integerCount = text.prefix { $0 != "." }.count
      text = String(repeating: " ", count: max(0, padLeft - integerCount)) + text
      return text
    }
    let text = Self.positional(x, precision: Self.precision)
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let fraction = parts.count > 1 ? parts[1].count : 0
    return String(repeating: " ", count: max(0, padLeft - parts[0].count)) + text
      + String(repeating: " ", count: max(0, padRight - fraction))
  }

  /// `np.format_float_positional(x, precision, unique=True, trim='.')`: the
  /// shortest digits when they need at most `precision` fraction digits, else
  /// the value correctly rounded to `precision` of them; trailing zeros go but
  /// the point stays (`1.`, `0.5`, `-0.`).
  static func positional(_ x: Double, precision: Int) -> String {
    let (digits, exponent) = PythonFloat.shortestDigits(of: x.magnitude)
    let fractionCount = max(0, digits.count - 1 - exponent)
    var text: String
    if fractionCount <= precision {
      text = PythonFloat.fixedNotation(digits: digits, exponent: exponent)
      if text.hasSuffix(".0") { text.removeLast() }
    } else {
      text = PythonFormatSpec.cFormat(
        x.magnitude, conversion: "f", precision: precision, alternate: true)
      while text.hasSuffix("0") { text.removeLast() }
    }
    return (x.sign == .minus ? "-" : "") + text
  }

  /// `np.format_float_scientific(x, precision, unique=True, trim)`: shortest
  /// digits capped at `precision` fraction digits, zero-padded to `minDigits`,
  /// exponent of at least `exponentDigits` digits (`1.e-05`, `1.5e+10`).
  static func scientific(_ x: Double, precision: Int, minDigits: Int = 0, exponentDigits: Int = 2)
    -> String
  {
    var (digits, exponent) = PythonFloat.shortestDigits(of: x.magnitude)
    if digits.count - 1 > precision {
      (digits, exponent) = PythonFloat.digitsAndExponent(
        in: PythonFormatSpec.cFormat(
          x.magnitude, conversion: "e", precision: precision, alternate: false))
    }
    var fraction = String(digits.dropFirst())
    if x == 0 { fraction = "" }
    if fraction.count < minDigits {
      fraction += String(repeating: "0", count: minDigits - fraction.count)
    }
    let magnitude = String(exponent.magnitude)
    let exponentText =
      String(repeating: "0", count: max(0, exponentDigits - magnitude.count)) + magnitude
    return (x.sign == .minus ? "-" : "") + String(digits.prefix(1)) + "." + fraction
      + (exponent < 0 ? "e-" : "e+") + exponentText
  }
}
