// API note: `try PythonStrFormat.format("{} {:.2f}", positional: [.int(1), .float(0.5)])`
// is Python's `"{} {:.2f}".format(1, 0.5)`. For `{0[1]}` and `{p.x}` the caller
// passes `resolve`, which gets the argument's index or keyword name and the
// accessors after it, and returns the value; this file does the numbering
// (automatic or manual, never both) and CPython's errors.

/// An argument a `str.format` field names, with the `[...]`/`.name` accessors after it.
public struct FormatFieldReference: Sendable, Equatable {
  /// A positional argument's index or a keyword argument's name.
  public enum Argument: Sendable, Equatable {
    case positional(Int)
    case keyword(String)
  }
  /// One `.name`, `[3]` or `[key]` after the argument.
  public enum Accessor: Sendable, Equatable {
    case attribute(String)
    case index(Int)
    case key(String)
  }
  /// The argument.
  public var argument: Argument
  /// The accessors in order.
  public var accessors: [Accessor]
}

/// Python's `str.format(*args, **kwargs)`.
public enum PythonStrFormat {
  /// `template.format(*positional, **keywords)` for values without accessors;
  /// an accessor gets Python's "not subscriptable" / "has no attribute" error.
  public static func format(
    _ template: String, positional: [PythonFormatValue], keywords: [String: PythonFormatValue] = [:]
  ) throws -> String {
    try format(template, positionalCount: positional.count, keywordNames: Set(keywords.keys)) {
      reference in
      let value: PythonFormatValue
      switch reference.argument {
      case .positional(let i): value = positional[i]
      case .keyword(let name): value = keywords[name] ?? .none
      }
      switch reference.accessors.first {
      case nil: return value
      case .attribute(let name)? where name == "real" || name == "imag":
        let real: PythonFormatValue
        switch value {
        case .int, .float: real = value
        case .bool(let b): real = .int(b ? 1 : 0)
        default:
          throw PythonFormatError(
            "AttributeError", "'\(value.typeName)' object has no attribute '\(name)'")
        }
        if name == "real" { return real }
        if case .float = real { return .float(0) } else { return .int(0) }
      case .attribute(let name)?:
        throw PythonFormatError(
          "AttributeError", "'\(value.typeName)' object has no attribute '\(name)'")
      case .index?, .key?:
        throw PythonFormatError.type("'\(value.typeName)' object is not subscriptable")
      }
    }
  }

  /// `template.format(...)` with the caller resolving each argument reference;
  /// positional indices are checked against `positionalCount` and keyword
  /// names against `keywordNames` before `resolve` is called.
  public static func format(
    _ template: String, positionalCount: Int, keywordNames: Set<String>,
    resolve: (FormatFieldReference) throws -> PythonFormatValue
  ) throws -> String {
    var numbering = Numbering()
    let scalars = Array(template.unicodeScalars)
    return try render(scalars, from: 0, to: scalars.count, depth: 2) { field in
      let (reference, pendingError) = try numbering.reference(
        field.expression, offset: field.expressionOffset)
      if case .positional(let i) = reference.argument, i >= positionalCount {
        throw PythonFormatError(
          "IndexError", "Replacement index \(i) out of range for positional args tuple",
          offset: field.expressionOffset)
      }
      if case .keyword(let name) = reference.argument, !keywordNames.contains(name) {
        throw PythonFormatError("KeyError", PythonRepr.string(name), offset: field.expressionOffset)
      }
      // CPython looks up the accessors before the bad one, so their errors come first.
      let value = try resolve(reference)
      if let pendingError { throw pendingError }
      return value
    }
  }

  /// Renders `s[from..<to]` piece by piece as CPython's build_string does:
  /// each field is looked up, converted and formatted (its spec expanded
  /// first, one level deeper) before the rest of the template is parsed.
  static func render(
    _ s: [Unicode.Scalar], from start: Int, to end: Int, depth: Int,
    value: (FormatField) throws -> PythonFormatValue
  ) throws -> String {
    var out = ""
    try FormatTemplate.walkFormat(s, from: start, to: end, depth: depth, expandSpecs: false) {
      piece in
      switch piece {
      case .literal(let text, _): out += text
      case .field(let field):
        let converted = try field.converted(try value(field))
        var spec = field.specText
        if spec.contains("{"), let specStart = field.specOffset {
          spec = try render(
            s, from: specStart, to: specStart + spec.unicodeScalars.count, depth: depth - 1,
            value: value)
        }
        out += try field.formatted(converted, spec: spec)
      }
    }
    return out
  }

  /// Automatic (`{}`) or manual (`{0}`) numbering: whichever comes first wins.
  struct Numbering {
    var automatic: Bool?
    var next = 0

    /// The argument and accessors a field names, with the error of a bad
    /// accessor kept for after the good ones are looked up.
    mutating func reference(_ name: String, offset: Int) throws -> (
      FormatFieldReference, PythonFormatError?
    ) {
      let s = Array(name.unicodeScalars)
      var pos = 0
      while pos < s.count && s[pos] != "." && s[pos] != "[" { pos += 1 }
      let first = FormatTemplate.text(s, 0, pos)
      let index = try integer(first)
      let argument: FormatFieldReference.Argument
      if first.isEmpty || index != nil {
        let isAutomatic = first.isEmpty
        if automatic == nil { automatic = isAutomatic }
        if automatic == true && !isAutomatic {
          throw PythonFormatError.value(
            "cannot switch from automatic field numbering to manual field specification",
            offset: offset)
        }
        if automatic == false && isAutomatic {
          throw PythonFormatError.value(
            "cannot switch from manual field specification to automatic field numbering",
            offset: offset)
        }
        if isAutomatic {
          argument = .positional(next)
          next += 1
        } else {
          argument = .positional(index ?? 0)
        }
      } else {
        argument = .keyword(first)
      }
      var accessors: [FormatFieldReference.Accessor] = []
      do {
        try readAccessors(s, from: pos, offset: offset, into: &accessors)
      } catch let error as PythonFormatError {
        return (FormatFieldReference(argument: argument, accessors: accessors), error)
      }
      return (FormatFieldReference(argument: argument, accessors: accessors), nil)
    }

    func integer(_ text: String) throws -> Int? {
      guard !text.isEmpty,
        text.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.numericType != nil })
      else {
        return nil
      }
      guard let n = Int(text) else {
        throw PythonFormatError.value("Too many decimal digits in format string")
      }
      return n
    }

    func readAccessors(
      _ s: [Unicode.Scalar], from start: Int, offset: Int,
      into result: inout [FormatFieldReference.Accessor]
    ) throws {
      var pos = start
      while pos < s.count {
        let c = s[pos]
        pos += 1
        let nameStart = pos
        if c == "." {
          while pos < s.count && s[pos] != "." && s[pos] != "[" { pos += 1 }
          let name = FormatTemplate.text(s, nameStart, pos)
          if name.isEmpty {
            throw PythonFormatError.value("Empty attribute in format string", offset: offset)
          }
          result.append(.attribute(name))
        } else if c == "[" {
          while pos < s.count && s[pos] != "]" { pos += 1 }
          if pos >= s.count {
            throw PythonFormatError.value("Missing ']' in format string", offset: offset)
          }
          let name = FormatTemplate.text(s, nameStart, pos)
          pos += 1
          if name.isEmpty {
            throw PythonFormatError.value("Empty attribute in format string", offset: offset)
          }
          result.append(try integer(name).map { .index($0) } ?? .key(name))
        } else {
          throw PythonFormatError.value(
            "Only '.' or '[' may follow ']' in format field specifier", offset: offset)
        }
      }
    }
  }
}
