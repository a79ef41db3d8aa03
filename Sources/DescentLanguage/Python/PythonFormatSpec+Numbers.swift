#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// API note: the numeric half of `PythonFormatSpec.format` (ints, bools, floats),
// following CPython's formatter_unicode.c and pystrtod.c.

extension PythonFormatSpec {
  // MARK: - Integers

  static func formatInt(_ n: Int, spec: PythonFormatSpec, typeName: String) throws -> String {
    let type = spec.type ?? "d"
    switch type {
    case "e", "E", "f", "F", "g", "G", "%": return try formatFloat(Double(n), spec: spec)
    case "b", "c", "d", "o", "x", "X", "n": break
    default: throw unknownCode(type, typeName)
    }
    if spec.precision != nil {
      throw PythonFormatError.value("Precision not allowed in integer format specifier")
    }
    if spec.coerceNegativeZero {
      throw PythonFormatError.value(
        "Negative zero coercion (z) not allowed in integer format specifier")
    }
    if type == "c" {
      if spec.sign != nil {
        throw PythonFormatError.value("Sign not allowed with integer format specifier 'c'")
      }
      if spec.alternate {
        throw PythonFormatError.value(
          "Alternate form (#) not allowed with integer format specifier 'c'")
      }
      guard n >= 0 && n <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(n)) else {
        throw PythonFormatError("OverflowError", "%c arg not in range(0x110000)")
      }
      return spec.layOut(
        signText: "", prefix: "", digits: String(scalar), remainder: "", groupSize: nil)
    }
    let radix = type == "b" ? 2 : type == "o" ? 8 : (type == "x" || type == "X") ? 16 : 10
    var digits = String(n.magnitude, radix: radix)
    if type == "X" { digits = digits.uppercased() }
    var prefix = ""
    if spec.alternate {
      switch type {
      case "b": prefix = "0b"
      case "o": prefix = "0o"
      case "x": prefix = "0x"
      case "X": prefix = "0X"
      default: break
      }
    }
    let groupSize: Int? = spec.grouping == nil ? nil : radix == 10 ? 3 : 4
    return spec.layOut(
      signText: spec.signText(negative: n < 0), prefix: prefix, digits: digits, remainder: "",
      groupSize: groupSize)
  }

  // MARK: - Floats

  static func formatFloat(_ value: Double, spec: PythonFormatSpec) throws -> String {
    // `r` is the internal name of the untyped form, never a spec's letter.
    var type = spec.type ?? "r"
    switch spec.type {
    case nil, "e", "E", "f", "F", "g", "G", "n", "%": break
    default: throw unknownCode(spec.type ?? type, "float")
    }
    let addDotZero = spec.type == nil
    if type == "n" { type = "g" }
    var x = value
    var percent = ""
    if type == "%" {
      type = "f"
      x *= 100
      percent = "%"
    }
    let precision = spec.precision ?? (type == "r" ? 0 : 6)
    if spec.precision != nil && type == "r" { type = "g" }
    var text: String
    if x.isNaN {
      text = "nan"
    } else if x.isInfinite {
      text = "inf"
    } else if type == "r" {
      text = PythonFloat.repr(x.magnitude)
    } else if type == "g" || type == "G" {
      text = generalFormat(
        x.magnitude, precision: precision, addDotZero: addDotZero, alternate: spec.alternate)
    } else {
      text = cFormat(
        x.magnitude, conversion: type == "F" ? "f" : type, precision: precision,
        alternate: spec.alternate)
    }
    if type == "E" || type == "F" || type == "G" { text = text.uppercased() }
    var negative = x.sign == .minus && !x.isNaN
    if negative && spec.coerceNegativeZero && x.isFinite {
      let mantissa = text.prefix { $0 != "e" && $0 != "E" }
      if !mantissa.contains(where: { $0 >= "1" && $0 <= "9" }) { negative = false }
    }
    text += percent
    // The integer digits are grouped; what follows the first non-digit is the remainder.
    let split = text.firstIndex { !($0 >= "0" && $0 <= "9") } ?? text.endIndex
    return spec.layOut(
      signText: spec.signText(negative: negative), prefix: "", digits: String(text[..<split]),
      remainder: String(text[split...]), groupSize: spec.grouping == nil ? nil : 3)
  }

  /// `g` of a finite non-negative double, as CPython's format_float_short: exponent
  /// form below 1e-4 and from 10^precision (from 10^(precision-1) for the
  /// untyped spec, which also keeps a `.0` on integral values).
  static func generalFormat(_ x: Double, precision: Int, addDotZero: Bool, alternate: Bool)
    -> String
  {
    let p = max(precision, 1)
    var (digits, exponent) = PythonFloat.digitsAndExponent(
      in: cFormat(x, conversion: "e", precision: p - 1, alternate: false))
    let decimalPoint = exponent + 1
    let useExponent = decimalPoint <= -4 || decimalPoint > (addDotZero ? p - 1 : p)
    if alternate && digits.count < p { digits += String(repeating: "0", count: p - digits.count) }
    if useExponent {
      var out = String(digits.prefix(1))
      if digits.count > 1 || alternate { out += "." + digits.dropFirst() }
      let magnitude = String(exponent.magnitude)
      return out + (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }
    if exponent < 0 {
      return "0." + String(repeating: "0", count: -exponent - 1) + digits
    }
    let integerCount = exponent + 1
    if digits.count <= integerCount {
      let integral = digits + String(repeating: "0", count: integerCount - digits.count)
      return integral + (addDotZero ? ".0" : alternate ? "." : "")
    }
    let cut = digits.index(digits.startIndex, offsetBy: integerCount)
    return digits[..<cut] + "." + digits[cut...]
  }

  /// C's `%.<precision>e` / `%.<precision>f` (with `#` when alternate): glibc
  /// rounds the exact binary value half-to-even, as CPython's dtoa does.
  static func cFormat(_ x: Double, conversion: Unicode.Scalar, precision: Int, alternate: Bool)
    -> String
  {
    let format = "%" + (alternate ? "#" : "") + ".*" + String(conversion)
    var capacity = 400 + precision
    while true {
      let result: String? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) {
        buffer in
        let written = withVaList([Int32(precision), x]) {
          vsnprintf(buffer.baseAddress, buffer.count, format, $0)
        }
        guard written >= 0, Int(written) < buffer.count else { return nil }
        return String(
          decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(written)),
          as: UTF8.self)
      }
      if let result { return result }
      capacity *= 2
    }
  }

  // MARK: - Layout

  /// The sign as the spec shows it: `-` when negative, else `+`, a space or nothing.
  func signText(negative: Bool) -> String {
    if negative { return "-" }
    if sign == "+" { return "+" }
    if sign == " " { return " " }
    return ""
  }

  /// Sign, prefix, grouped digits and remainder padded to the width, as
  /// CPython's calc_number_widths and fill_number do (zero padding with `=`
  /// alignment is grouped with the digits: `0,001,234`).
  func layOut(signText: String, prefix: String, digits: String, remainder: String, groupSize: Int?)
    -> String
  {
    let fixedCount = signText.count + prefix.count + remainder.unicodeScalars.count
    let zeroPadded = fill == "0" && align == "="
    let minDigits = zeroPadded ? (width ?? 0) - fixedCount : 0
    // No digits (inf, nan): CPython skips grouping and pads by alignment alone.
    let grouped =
      digits.isEmpty || (groupSize == nil && minDigits <= digits.count)
      ? digits
      : PythonFormatSpec.group(
        Array(digits), size: groupSize, separator: grouping.map(String.init) ?? "",
        minWidth: minDigits)
    let body = grouped + remainder
    let count = fixedCount - remainder.unicodeScalars.count + body.unicodeScalars.count
    guard let width, width > count else { return signText + prefix + body }
    let padding = width - count
    let fillText = { (n: Int) in String(repeating: String(self.fill), count: n) }
    switch align ?? ">" {
    case "<": return signText + prefix + body + fillText(padding)
    case "^":
      return fillText(padding / 2) + signText + prefix + body + fillText(padding - padding / 2)
    case "=": return signText + prefix + fillText(padding) + body
    default: return fillText(padding) + signText + prefix + body
    }
  }

  /// CPython's _PyUnicode_InsertThousandsGrouping: groups of `size` digits from
  /// the right, padded with zeros (and separators) up to `minWidth` characters.
  static func group(_ digits: [Character], size: Int?, separator: String, minWidth: Int) -> String {
    var chunks: [String] = []
    var remaining = digits.count
    var minWidth = minWidth
    var useSeparator = false
    func take(_ length: Int) {
      let zeros = max(0, length - remaining)
      let count = max(0, min(remaining, length))
      if useSeparator { chunks.append(separator) }
      chunks.append(
        String(repeating: "0", count: zeros) + String(digits[(remaining - count)..<remaining]))
      remaining -= count
    }
    if let size {
      while true {
        let length = min(size, max(remaining, minWidth, 1))
        take(length)
        useSeparator = true
        minWidth -= length
        if remaining <= 0 && minWidth <= 0 { return chunks.reversed().joined() }
        minWidth -= separator.count
      }
    }
    take(max(remaining, minWidth, 1))
    return chunks.reversed().joined()
  }
}
