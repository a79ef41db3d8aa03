// API note: `try PythonPercentFormat.format("%.3f", .single(.float(w)))` is
// Python's `"%.3f" % w`; a tuple on the right is `.tuple([...])`, a dict is
// `.mapping(itself, lookup)` for `%(name)s`. Errors are CPython's, word for word.

/// What stands right of `%` in `template % arguments`.
public enum PercentArguments {
  /// One value that is not a tuple (it fills exactly one `%` field).
  case single(PythonFormatValue)
  /// A tuple: one value per field.
  case tuple([PythonFormatValue])
  /// A mapping: `%(key)s` looks `key` up (nil when absent); the mapping itself
  /// is what a plain `%s` prints.
  case mapping(PythonFormatValue, lookup: (String) throws -> PythonFormatValue?)
}

/// Python's printf-style `str % args`, after CPython's PyUnicode_Format.
public enum PythonPercentFormat {
  /// `template % arguments`.
  public static func format(_ template: String, _ arguments: PercentArguments) throws -> String {
    var state = State(arguments: arguments)
    let s = Array(template.unicodeScalars)
    var out = ""
    var pos = 0
    while pos < s.count {
      if s[pos] != "%" {
        out.unicodeScalars.append(s[pos])
        pos += 1
        continue
      }
      pos += 1
      if pos < s.count && s[pos] == "%" {
        out += "%"
        pos += 1
        continue
      }
      out += try state.field(s, &pos)
      if state.isMapping && state.index < state.count {
        throw PythonFormatError.type("not all arguments converted during string formatting")
      }
    }
    if state.index < state.count && !state.isMapping {
      throw PythonFormatError.type("not all arguments converted during string formatting")
    }
    return out
  }

  /// CPython's argument cursor: a lone value counts as -1 arguments starting at -2.
  struct State {
    var values: [PythonFormatValue]
    var count: Int
    var index: Int
    let isMapping: Bool
    let lookup: ((String) throws -> PythonFormatValue?)?

    init(arguments: PercentArguments) {
      switch arguments {
      case .single(.other(let str, let repr, let typeName)) where typeName == "list":
        // A list passes CPython's PyMapping_Check, so it is taken as a mapping
        // (extra text is no error) whose string keys fail.
        (values, count, index, isMapping) = (
          [.other(str: str, repr: repr, typeName: typeName)], -1, -2, true
        )
        lookup = { _ in
          throw PythonFormatError.type("list indices must be integers or slices, not str")
        }
      case .single(let v): (values, count, index, isMapping, lookup) = ([v], -1, -2, false, nil)
      case .tuple(let vs): (values, count, index, isMapping, lookup) = (vs, vs.count, 0, false, nil)
      case .mapping(let v, let f):
        (values, count, index, isMapping, lookup) = ([v], -1, -2, true, f)
      }
    }

    /// An int argument for `*` (a bool is an int to Python).
    static func intValue(_ value: PythonFormatValue) -> Int? {
      switch value {
      case .int(let n): n
      case .bool(let b): b ? 1 : 0
      default: nil
      }
    }

    mutating func next() throws -> PythonFormatValue {
      guard index < count else {
        throw PythonFormatError.type("not enough arguments for format string")
      }
      index += 1
      return count < 0 ? values[0] : values[index - 1]
    }

    /// One conversion after its `%`: `(key)`, flags, width, precision, length, type.
    mutating func field(_ s: [Unicode.Scalar], _ pos: inout Int) throws -> String {
      var spec = PercentSpec()
      if pos < s.count && s[pos] == "(" {
        guard let lookup else { throw PythonFormatError.type("format requires a mapping") }
        var depth = 1
        let keyStart = pos + 1
        pos += 1
        while depth > 0 && pos < s.count {
          if s[pos] == ")" { depth -= 1 } else if s[pos] == "(" { depth += 1 }
          pos += 1
        }
        if depth > 0 || pos >= s.count { throw PythonFormatError.value("incomplete format key") }
        let key = FormatTemplate.text(s, keyStart, pos - 1)
        guard let value = try lookup(key) else {
          throw PythonFormatError("KeyError", PythonRepr.string(key))
        }
        (values, count, index) = ([value], -1, -2)
      }
      func read() -> Unicode.Scalar? {
        guard pos < s.count else { return nil }
        pos += 1
        return s[pos - 1]
      }
      var c = read()
      flags: while let ch = c {
        switch ch {
        case "-": spec.leftJustify = true
        case "+": spec.plusSign = true
        case " ": spec.blankSign = true
        case "#": spec.alternate = true
        case "0": spec.zeroPad = true
        default: break flags
        }
        c = read()
      }
      if c == "*" {
        guard let w = Self.intValue(try next()) else { throw PythonFormatError.type("* wants int") }
        spec.width = w.magnitude > Int.max ? Int.max : abs(w)
        if w < 0 { spec.leftJustify = true }
        c = read()
      } else if let ch = c, ch.isASCII && ch.properties.numericType != nil {
        var width = 0
        while let d = c, d.isASCII, let digit = Int(String(d)) {
          guard width <= (Int.max - digit) / 10 else {
            throw PythonFormatError.value("width too big")
          }
          width = width * 10 + digit
          c = read()
        }
        spec.width = width
      }
      if c == "." {
        spec.precision = 0
        c = read()
        if c == "*" {
          guard let p = Self.intValue(try next()) else {
            throw PythonFormatError.type("* wants int")
          }
          spec.precision = max(0, min(p, Int(Int32.max)))
          c = read()
        } else {
          var precision = 0
          while let d = c, d.isASCII, let digit = Int(String(d)) {
            guard precision <= (Int(Int32.max) - digit) / 10 else {
              throw PythonFormatError.value("precision too big")
            }
            precision = precision * 10 + digit
            c = read()
          }
          spec.precision = precision
        }
      }
      if c == "h" || c == "l" || c == "L" { c = read() }
      guard let type = c else { throw PythonFormatError.value("incomplete format") }
      spec.type = type
      let value = try next()
      return try spec.render(value, index: pos - 1)
    }
  }
}
