// API note: Python's repr of strings, lists and tuples, from the element reprs
// the caller already has (`PythonRepr.list(["0.5", "1.0"])` is `[0.5, 1.0]`).

/// Python 3's `repr` of strings and of containers built from element reprs.
public enum PythonRepr {
  /// `repr(s)`: single quotes unless the text holds `'` and no `"`, with
  /// backslash escapes for the quote, `\`, `\n`, `\r`, `\t` and unprintables.
  public static func string(_ s: String) -> String {
    let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if Character(scalar) == quote {
          out += "\\" + String(quote)
        } else if isPrintable(scalar) {
          out.unicodeScalars.append(scalar)
        } else {
          out += escape(scalar)
        }
      }
    }
    out.append(quote)
    return out
  }

  /// `[a, b, c]` from the elements' reprs.
  public static func list(_ elementReprs: [String]) -> String {
    "[" + elementReprs.joined(separator: ", ") + "]"
  }

  /// `(a, b)`, `(a,)` or `()` from the elements' reprs.
  public static func tuple(_ elementReprs: [String]) -> String {
    elementReprs.count == 1
      ? "(" + elementReprs[0] + ",)" : "(" + elementReprs.joined(separator: ", ") + ")"
  }

  /// `ascii()`'s treatment of a repr: every non-ASCII character escaped.
  public static func asciiEscaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x80 { out.unicodeScalars.append(scalar) } else { out += escape(scalar) }
    }
    return out
  }

  /// `\xNN`, `\uNNNN` or `\UNNNNNNNN`, as Python chooses by the code point's size.
  static func escape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16)
    let (prefix, width) =
      scalar.value < 0x100 ? ("\\x", 2) : scalar.value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
    return prefix + String(repeating: "0", count: width - hex.count) + hex
  }

  /// Python's `str.isprintable` for one character: not a control, format,
  /// surrogate, private-use, unassigned or separator character (space excepted).
  static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == " " { return true }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned,
      .spaceSeparator, .lineSeparator, .paragraphSeparator:
      return false
    default:
      return true
    }
  }
}
