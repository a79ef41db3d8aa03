// API note: `try PythonFormatSpec.format(.float(0.5), spec: ".3f")` is Python's
// `format(0.5, ".3f")` ("0.500"); errors are `PythonFormatError` with CPython's
// exception type and wording. `PythonFormatSpec.parse` gives the fields of a
// spec for callers that want to check one early.

/// Python's format-spec mini-language,
/// `[[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]`,
/// parsed and applied exactly as CPython 3.11's `format(value, spec)`.
public struct PythonFormatSpec: Sendable, Equatable {
  /// The padding character (a space unless given, `0` with the `0` flag).
  public var fill: Unicode.Scalar = " "
  /// `<`, `>`, `^` or `=`; nil for the type's default.
  public var align: Unicode.Scalar?
  /// `+`, `-` or a space; nil when not given.
  public var sign: Unicode.Scalar?
  /// The `z` flag: negative zero after rounding prints as zero.
  public var coerceNegativeZero = false
  /// The `#` flag: alternate form.
  public var alternate = false
  /// The minimum width, nil when not given.
  public var width: Int?
  /// `,` or `_` when grouping was asked for.
  public var grouping: Unicode.Scalar?
  /// The precision, nil when not given.
  public var precision: Int?
  /// The presentation type letter, nil for none.
  public var type: Unicode.Scalar?
  /// Whether the fill character was written explicitly (before an align).
  var fillGiven = false

  /// Parses a spec as CPython's `parse_internal_render_format_spec` does;
  /// `defaultAlign` is `>` for numbers and `<` for strings, `typeName` goes into
  /// the "Invalid format specifier" error.
  public static func parse(_ spec: String, defaultAlign: Unicode.Scalar = ">", typeName: String)
    throws
    -> PythonFormatSpec
  {
    let s = Array(spec.unicodeScalars)
    var result = PythonFormatSpec()
    var pos = 0
    func isAlign(_ c: Unicode.Scalar) -> Bool { c == "<" || c == ">" || c == "^" || c == "=" }
    if s.count >= 2 && isAlign(s[1]) {
      result.fill = s[0]
      result.align = s[1]
      result.fillGiven = true
      pos = 2
    } else if s.count >= 1 && isAlign(s[0]) {
      result.align = s[0]
      pos = 1
    }
    if pos < s.count && (s[pos] == "+" || s[pos] == "-" || s[pos] == " ") {
      result.sign = s[pos]
      pos += 1
    }
    if pos < s.count && s[pos] == "z" {
      result.coerceNegativeZero = true
      pos += 1
    }
    if pos < s.count && s[pos] == "#" {
      result.alternate = true
      pos += 1
    }
    if !result.fillGiven && pos < s.count && s[pos] == "0" {
      result.fill = "0"
      if result.align == nil && defaultAlign == ">" { result.align = "=" }
      pos += 1
    }
    result.width = try readInteger(s, &pos)
    if pos < s.count && s[pos] == "," {
      result.grouping = ","
      pos += 1
    }
    if pos < s.count && s[pos] == "_" {
      if result.grouping != nil {
        throw PythonFormatError.value("Cannot specify both ',' and '_'.")
      }
      result.grouping = "_"
      pos += 1
    }
    if pos < s.count && s[pos] == "," && result.grouping == "_" {
      throw PythonFormatError.value("Cannot specify both ',' and '_'.")
    }
    if pos < s.count && s[pos] == "." {
      pos += 1
      guard let precision = try readInteger(s, &pos) else {
        throw PythonFormatError.value("Format specifier missing precision")
      }
      result.precision = precision
    }
    try checkLimit(result.width, "width")
    try checkLimit(result.precision, "precision")
    if s.count - pos > 1 {
      let rest = String(String.UnicodeScalarView(s[...]))
      throw PythonFormatError.value(
        "Invalid format specifier '\(rest)' for object of type '\(typeName)'")
    }
    if pos < s.count { result.type = s[pos] }
    if let grouping = result.grouping {
      // Strings check grouping against their default type, `s`.
      switch result.type ?? (defaultAlign == "<" ? "s" : nil) {
      case nil, "d", "e", "f", "g", "E", "G", "%", "F": break
      case let type?
      where grouping == "_" && (type == "b" || type == "o" || type == "x" || type == "X"): break
      case let type?:
        let shown =
          type.value > 32 && type.value < 128 ? String(type) : "\\x" + String(type.value, radix: 16)
        throw PythonFormatError.value("Cannot specify '\(grouping)' with '\(shown)'.")
      }
    }
    return result
  }

  /// Python's `format(value, spec)`.
  public static func format(_ value: PythonFormatValue, spec: String) throws -> String {
    if spec.isEmpty { return value.pythonStr }
    switch value {
    case .int(let n): return try formatInt(n, spec: parse(spec, typeName: "int"), typeName: "int")
    case .bool(let b):
      return try formatInt(b ? 1 : 0, spec: parse(spec, typeName: "bool"), typeName: "bool")
    case .float(let x): return try formatFloat(x, spec: parse(spec, typeName: "float"))
    case .string(let s):
      return try formatString(s, spec: parse(spec, defaultAlign: "<", typeName: "str"))
    case .none, .other:
      throw PythonFormatError.type(
        "unsupported format string passed to \(value.typeName).__format__")
    }
  }

  /// Reads a run of decimal digits; nil when there is none.
  static func readInteger(_ s: [Unicode.Scalar], _ pos: inout Int) throws -> Int? {
    var value: Int?
    while pos < s.count, s[pos].isASCII, let digit = Int(String(s[pos])) {
      let (times, overflowA) = (value ?? 0).multipliedReportingOverflow(by: 10)
      let (sum, overflowB) = times.addingReportingOverflow(digit)
      if overflowA || overflowB || sum > Int(Int32.max) {
        throw PythonFormatError.value("Too many decimal digits in format string")
      }
      value = sum
      pos += 1
    }
    return value
  }

  /// Descent's guard, not CPython's: a width or precision that would build a
  /// string past the language's string limit is an error, not a hang.
  static func checkLimit(_ value: Int?, _ what: String) throws {
    if let value, value > Operators.maxStringLength {
      throw PythonFormatError.value(
        "format \(what) \(value) is over the limit of \(Operators.maxStringLength)")
    }
  }

  static func unknownCode(_ type: Unicode.Scalar, _ typeName: String) -> PythonFormatError {
    let shown =
      type.value > 32 && type.value < 128 ? "'\(type)'" : "'\\x\(String(type.value, radix: 16))'"
    return PythonFormatError.value("Unknown format code \(shown) for object of type '\(typeName)'")
  }

  // MARK: - Strings

  static func formatString(_ s: String, spec: PythonFormatSpec) throws -> String {
    if let type = spec.type, type != "s" { throw unknownCode(type, "str") }
    if let sign = spec.sign {
      throw PythonFormatError.value(
        "\(sign == " " ? "Space" : "Sign") not allowed in string format specifier")
    }
    if spec.coerceNegativeZero {
      throw PythonFormatError.value(
        "Negative zero coercion (z) not allowed in string format specifier")
    }
    if spec.alternate {
      throw PythonFormatError.value("Alternate form (#) not allowed in string format specifier")
    }
    if spec.align == "=" {
      throw PythonFormatError.value("'=' alignment not allowed in string format specifier")
    }
    var scalars = Array(s.unicodeScalars)
    if let precision = spec.precision, scalars.count > precision {
      scalars = Array(scalars[..<precision])
    }
    return spec.pad(String(String.UnicodeScalarView(scalars)), defaultAlign: "<")
  }

  /// Pads text without a sign to the width by the alignment.
  func pad(_ text: String, defaultAlign: Unicode.Scalar) -> String {
    let count = text.unicodeScalars.count
    guard let width, width > count else { return text }
    let padding = width - count
    let fillText = { (n: Int) in String(repeating: String(self.fill), count: n) }
    switch align ?? defaultAlign {
    case "<": return text + fillText(padding)
    case "^": return fillText(padding / 2) + text + fillText(padding - padding / 2)
    default: return fillText(padding) + text
    }
  }
}
