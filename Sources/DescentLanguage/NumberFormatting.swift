#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// How `print` and `str(x)` write a float: the session's `digits` setting.
///
/// `digits shortest` (the default) is Python 3's repr, so the article's output
/// comes out character for character; `digits 12` is Python 2's `str(float)`,
/// which the book's programs printed.
public enum DigitsMode: Sendable, Hashable {
  /// Python 3's repr: the shortest text that reads back to the same double.
  case shortest
  /// Rounded to N significant digits and laid out as Python 2's `str(float)`
  /// (N = 12): `.0` on integral values in fixed notation, exponent form
  /// from 10^(N-1) and below 1e-4.
  case significant(Int)

  /// The mode that reproduces the book's Python 2 lines.
  public static let python2: DigitsMode = .significant(PythonFloat.python2Digits)

  /// The digit counts `significant` accepts; larger or smaller are clamped.
  public static let allowedDigits: ClosedRange<Int> = 1...17

  /// Writes a float in this mode.
  public func format(_ x: Double) -> String {
    switch self {
    case .shortest: PythonFloat.repr(x)
    case .significant(let n): PythonFloat.str(x, significantDigits: n)
    }
  }
}

/// Python's ways of turning a float into text, reproduced exactly.
public enum PythonFloat {
  /// The significant digits of Python 2's `str(float)`.
  public static let python2Digits = 12

  /// Python 3's `repr(x)` (and `str(x)`): `0.30000000000000004`, `36.0`,
  /// `1e-05`, `9007199254740994.0`, `1e+16`, `-0.0`, `inf`, `nan`.
  public static func repr(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    // Swift's description already holds the shortest round-trip digits; only
    // the layout differs (Swift goes to exponent form from 2^53, Python from
    // 1e16), so take the digits and exponent and lay them out as Python does.
    let (digits, exponent) = shortestDigits(of: x.magnitude)
    let sign = x.sign == .minus ? "-" : ""
    // Python's float_repr_style "short": fixed notation for 1e-4 <= |x| < 1e16.
    if exponent >= -4 && exponent < 16 {
      return sign + fixedNotation(digits: digits, exponent: exponent)
    }
    return sign + exponentNotation(digits: digits, exponent: exponent)
  }

  /// Python 2's `str(x)` generalised to any digit count: `x` rounded to
  /// `significantDigits` digits, trailing zeros dropped, `.0` added in fixed
  /// notation only (`36.0`, `0.3025`, `6.00378541188e+15`, `1e+16`).
  ///
  /// This is not quite C's `%.12g`: Python 2 adds `.0` to integers, so it goes
  /// to exponent form one digit sooner, from 10^11 (`1e+11`,
  /// `1.23456789012e+11`), and below 1e-4.
  ///
  /// - Parameter significantDigits: clamped to `DigitsMode.allowedDigits`;
  ///   12 gives the book's output.
  public static func str(_ x: Double, significantDigits: Int = python2Digits) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    let precision = min(
      max(significantDigits, DigitsMode.allowedDigits.lowerBound),
      DigitsMode.allowedDigits.upperBound)
    let (digits, exponent) = roundedDigits(of: x.magnitude, significantDigits: precision)
    let sign = x.sign == .minus ? "-" : ""
    // CPython 2.7 format_float_short, type 'g' with Py_DTSF_ADD_DOT_0:
    // exponent form when decpt <= -4 or decpt > precision - 1 (decpt = exponent + 1).
    if exponent >= -4 && exponent < precision - 1 {
      return sign + fixedNotation(digits: digits, exponent: exponent)
    }
    return sign + exponentNotation(digits: digits, exponent: exponent)
  }

  // MARK: - Digits

  /// The shortest digits of a finite, non-negative double and the decimal
  /// exponent of the first digit: 0.0123 → ("123", -2); 0 → ("0", 0).
  static func shortestDigits(of x: Double) -> (digits: String, exponent: Int) {
    // Swift writes "12.5", "0.0001", "1e-05", "5e-324" or "9.007199254740994e+15".
    digitsAndExponent(in: x.description)
  }

  /// A finite, non-negative double correctly rounded to `significantDigits`
  /// digits (trailing zeros dropped), and the decimal exponent of the first.
  static func roundedDigits(of x: Double, significantDigits: Int) -> (digits: String, exponent: Int)
  {
    // glibc's printf rounds the exact binary value, as Python 2's dtoa did;
    // "%.*e" gives the digits and the exponent after rounding (9.99… → 1e+01).
    digitsAndExponent(in: formatE(x, fractionDigits: significantDigits - 1))
  }

  /// The significant digits and decimal exponent of a number written as
  /// `ddd.ddd` or `d.ddde±xx` (no sign).
  static func digitsAndExponent(in text: String) -> (digits: String, exponent: Int) {
    var mantissa = Substring(text)
    var written = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<e]
      written = Int(text[text.index(after: e)...]) ?? 0
    }
    let point = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
    let integerPart = mantissa[..<point]
    let fraction = point < mantissa.endIndex ? mantissa[mantissa.index(after: point)...] : ""
    let all = Array(integerPart + fraction)
    guard let first = all.firstIndex(where: { $0 != "0" }) else { return ("0", 0) }
    let last = all.lastIndex(where: { $0 != "0" }) ?? first
    // The first significant digit sits `integerPart.count - 1 - first` places
    // left of the units digit, before the written exponent is applied.
    let exponent = written + integerPart.count - 1 - first
    return (String(all[first...last]), exponent)
  }

  /// `digits` × 10^(exponent − count + 1) without an exponent: "36.0", "0.0001".
  static func fixedNotation(digits: String, exponent: Int) -> String {
    if exponent < 0 {
      return "0." + String(repeating: "0", count: -exponent - 1) + digits
    }
    let integerCount = exponent + 1
    if digits.count <= integerCount {
      return digits + String(repeating: "0", count: integerCount - digits.count) + ".0"
    }
    let split = digits.index(digits.startIndex, offsetBy: integerCount)
    return digits[..<split] + "." + digits[split...]
  }

  /// Python's exponent layout: no `.0`, a signed exponent of two digits or
  /// more ("1e-05", "5.403406870691965e+16", "1.5e+300").
  static func exponentNotation(digits: String, exponent: Int) -> String {
    var out = String(digits.prefix(1))
    if digits.count > 1 { out += "." + digits.dropFirst() }
    let magnitude = String(exponent.magnitude)
    out += exponent < 0 ? "e-" : "e+"
    out += (magnitude.count < 2 ? "0" : "") + magnitude
    return out
  }

  /// C's `%.<fractionDigits>e` of a finite double, through the C library
  /// because its rounding is exact.
  static func formatE(_ x: Double, fractionDigits: Int) -> String {
    // 17 digits, a sign, a point, "e-308" and the terminator fit in 32 bytes.
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
      let written = withVaList([Int32(fractionDigits), x]) { args in
        vsnprintf(buffer.baseAddress, buffer.count, "%.*e", args)
      }
      guard written > 0, Int(written) < buffer.count else { return x.description }
      let bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(written))
      return String(decoding: bytes, as: UTF8.self)
    }
  }
}

/// Python's way of writing an integer, for Descent's `Int` values.
public enum PythonInt {
  /// `str(n)`: plain decimal, a leading `-` when negative, never `.0`.
  public static func str(_ n: Int) -> String { String(n) }
}
