// API note: one `%` conversion's flags and its rendering, for PythonPercentFormat.

/// The parsed flags, width, precision and type of one `%` conversion.
struct PercentSpec {
  var leftJustify = false
  var plusSign = false
  var blankSign = false
  var alternate = false
  var zeroPad = false
  var width: Int?
  var precision: Int?
  var type: Unicode.Scalar = "s"

  /// The converted value, padded as CPython's unicode_format_arg_output does.
  func render(_ value: PythonFormatValue, index: Int) throws -> String {
    try PythonFormatSpec.checkLimit(width, "width")
    try PythonFormatSpec.checkLimit(precision, "precision")
    var text: String
    var numeric = false
    switch type {
    case "s": text = value.pythonStr
    case "r": text = value.pythonRepr
    case "a": text = value.pythonASCII
    case "d", "i", "u", "o", "x", "X":
      text = try integerText(value)
      numeric = true
    case "e", "E", "f", "F", "g", "G":
      text = try floatText(value)
      numeric = true
    case "c": text = try character(value)
    default:
      let shown = type.value >= 31 && type.value <= 126 ? String(type) : "?"
      throw PythonFormatError.value(
        "unsupported format character '\(shown)' (0x\(String(type.value, radix: 16))) at index \(index)"
      )
    }
    var scalars = Array(text.unicodeScalars)
    if type == "s" || type == "r" || type == "a", let precision, scalars.count > precision {
      scalars = Array(scalars[..<precision])
    }
    var sign = ""
    if numeric {
      if let first = scalars.first, first == "-" || first == "+" {
        sign = String(first)
        scalars.removeFirst()
      } else if plusSign {
        sign = "+"
      } else if blankSign {
        sign = " "
      }
    }
    var prefix = ""
    if alternate && (type == "x" || type == "X" || type == "o") {
      prefix = String(String.UnicodeScalarView(scalars[..<2]))
      scalars.removeFirst(2)
    }
    let body = String(String.UnicodeScalarView(scalars))
    let padding = max(0, (width ?? 0) - sign.count - prefix.count - scalars.count)
    if leftJustify { return sign + prefix + body + String(repeating: " ", count: padding) }
    if numeric && zeroPad { return sign + prefix + String(repeating: "0", count: padding) + body }
    return String(repeating: " ", count: padding) + sign + prefix + body
  }

  /// `%d`, `%o`, `%x`: sign, `0o`/`0x` prefix when alternate, digits zero-padded to the precision.
  func integerText(_ value: PythonFormatValue) throws -> String {
    let n: Int
    switch value {
    case .int(let i): n = i
    case .bool(let b): n = b ? 1 : 0
    case .float(let x) where type != "o" && type != "x" && type != "X":
      if x.isNaN { throw PythonFormatError.value("cannot convert float NaN to integer") }
      if x.isInfinite {
        throw PythonFormatError("OverflowError", "cannot convert float infinity to integer")
      }
      guard let truncated = Int(exactly: x.rounded(.towardZero)) else {
        throw PythonFormatError(
          "OverflowError", "Python int too large to convert to Descent integer")
      }
      n = truncated
    default:
      let kind = type == "o" || type == "x" || type == "X" ? "an integer" : "a real number"
      throw PythonFormatError.type("%\(type) format: \(kind) is required, not \(value.typeName)")
    }
    let radix = type == "o" ? 8 : (type == "x" || type == "X") ? 16 : 10
    var digits = String(n.magnitude, radix: radix)
    if type == "X" { digits = digits.uppercased() }
    if let precision, digits.count < precision {
      digits = String(repeating: "0", count: precision - digits.count) + digits
    }
    let prefix = alternate && radix != 10 ? "0" + String(type) : ""
    return (n < 0 ? "-" : "") + prefix + digits
  }

  /// `%e`, `%f`, `%g` as PyOS_double_to_string (no `.0` added to `%g`).
  func floatText(_ value: PythonFormatValue) throws -> String {
    let x: Double
    switch value {
    case .float(let f): x = f
    case .int(let i): x = Double(i)
    case .bool(let b): x = b ? 1 : 0
    default: throw PythonFormatError.type("must be real number, not \(value.typeName)")
    }
    let lower = Unicode.Scalar(String(type).lowercased()) ?? "f"
    let p = precision ?? 6
    var text: String
    if x.isNaN {
      text = "nan"
    } else if x.isInfinite {
      text = "inf"
    } else if lower == "g" {
      text = PythonFormatSpec.generalFormat(
        x.magnitude, precision: p, addDotZero: false, alternate: alternate)
    } else {
      text = PythonFormatSpec.cFormat(
        x.magnitude, conversion: lower, precision: p, alternate: alternate)
    }
    if type == "E" || type == "F" || type == "G" { text = text.uppercased() }
    return (x.sign == .minus && !x.isNaN ? "-" : "") + text
  }

  /// `%c`: an int code point or a one-character string.
  func character(_ value: PythonFormatValue) throws -> String {
    switch value {
    case .string(let s) where s.unicodeScalars.count == 1: return s
    case .int, .bool:
      let code = if case .int(let n) = value { n } else { value == .bool(true) ? 1 : 0 }
      guard code >= 0 && code <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(code)) else {
        throw PythonFormatError("OverflowError", "%c arg not in range(0x110000)")
      }
      return String(scalar)
    default: throw PythonFormatError.type("%c requires int or char")
    }
  }
}
