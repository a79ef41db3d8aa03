import DescentEngine

/// The methods of values a listing calls: a list's `append`, an array's
/// `sum()` and `dot()`, a string's `format()` and `upper()`.
enum Methods {
  /// Methods that change their receiver: they run on the variable's value
  /// in place.
  static let mutating: Set<String> = ["append", "extend", "insert", "pop", "reverse", "sort", "clear"]

  /// A method that does not change its receiver.
  static func call(_ receiver: Value, _ method: String, _ call: NativeArguments, at range: SourceRange) throws -> Value {
    var named = call
    switch receiver {
    case .traced:
      named = NativeArguments(positional: call.positional, keywords: call.keywords, context: call.context, name: method)
      if let result = try Autodiff.method(receiver, method, named, at: range) { return result }
      throw Autodiff.notCovered("the method '\(method)' of a value being differentiated", at: range)
    case .tensor, .ndarray:
      named = NativeArguments(positional: call.positional, keywords: call.keywords, context: call.context, name: method)
      return try arrayMethod(receiver, method, named, at: range)
    case .string(let text):
      named = NativeArguments(positional: call.positional, keywords: call.keywords, context: call.context, name: "str." + method)
      named.templateStart = call.templateStart
      return try stringMethod(text, method, named, at: range)
    case .list(let items), .tuple(let items):
      switch method {
      case "count":
        try named.check(positional: 1, keywords: [])
        let item = try named.required(0, "value")
        return .int(items.filter { Operators.equal($0, item) }.count)
      case "index":
        try named.check(positional: 1, keywords: [])
        let item = try named.required(0, "value")
        guard let i = items.firstIndex(where: { Operators.equal($0, item) }) else {
          throw Diagnostic("\(item.repr) is not in the list", at: range)
        }
        return .int(i)
      case "copy": return receiver
      default: break
      }
    default:
      break
    }
    if mutating.contains(method) {
      throw Diagnostic(
        "\(method)() changes its receiver; call it on a variable (weights.\(method)(...))", at: range)
    }
    throw noMethod(receiver, method, at: range)
  }

  static func noMethod(_ receiver: Value, _ method: String, at range: SourceRange) -> Diagnostic {
    let known: String
    switch receiver {
    case .tensor: known = "append, extend, insert, pop, reverse, sort, clear, copy, count, index, sum, mean, dot"
    case .ndarray: known = "sum, mean, dot, max, min, copy, tolist, item"
    case .string: known = "format, upper, lower, strip, split, join, replace, startswith, endswith"
    case .list, .tuple: known = "append, extend, insert, pop, count, index, copy"
    default: known = ""
    }
    return Diagnostic(
      "\(receiver.aKindName) has no method '\(method)'", at: range,
      notes: known.isEmpty ? [] : ["its methods in Descent: " + known])
  }

  // MARK: - Vectors and arrays

  static func arrayMethod(_ receiver: Value, _ method: String, _ call: NativeArguments, at range: SourceRange) throws -> Value {
    let (plain, wasArray) = receiver.withoutArray
    guard case .tensor(let t, let integral) = plain else { throw noMethod(receiver, method, at: range) }
    let array = Value.ndarray(t, integral: integral)
    switch method {
    case "sum":
      try call.check(positional: 1, keywords: ["axis"])
      return try Modules.reduced(array, axis: call.value(0, "axis"), "sum", call) { Modules.numpySum($0) }
    case "mean":
      try call.check(positional: 1, keywords: ["axis"])
      return try Modules.reduced(array, axis: call.value(0, "axis"), "mean", call) {
        $0.isEmpty ? .nan : Modules.numpySum($0) / Double($0.count)
      }
    case "dot":
      try call.check(positional: 1, keywords: [])
      let other = try Modules.asArray(try call.required(0, "b"), call, 0)
      let result = try Operators.binary(.matmul, array, other, at: call.context.range)
      return wasArray ? result : result.withoutArray.0
    case "max", "min":
      try call.check(positional: 0, keywords: [])
      guard let builtin = Builtins.table[method] else { break }
      return try builtin.call([plain], call.context)
    case "copy":
      return receiver
    case "tolist":
      return t.rank == 1 ? plain : .list(try Compiler.elements(of: plain, at: range))
    case "item":
      guard t.count == 1 else {
        throw Diagnostic("item() needs an array of one element, this has \(t.count)", at: range)
      }
      return Value.element(t.scalars[0], integral: integral)
    case "count", "index":
      return try Methods.call(.list(try Compiler.elements(of: plain, at: range)), method, call, at: range)
    default:
      break
    }
    throw noMethod(receiver, method, at: range)
  }

  // MARK: - Changing a list in place

  static func callMutating(_ value: inout Value, _ method: String, _ call: NativeArguments, at range: SourceRange) throws -> Value {
    let named = NativeArguments(positional: call.positional, keywords: call.keywords, context: call.context, name: method)
    var items: [Value]
    switch value {
    case .list(let values): items = values
    case .tensor(let t, _) where t.rank == 1 || t.count == 0: items = try Compiler.elements(of: value, at: range)
    case .tensor: items = try Compiler.elements(of: value, at: range)
    default:
      throw Diagnostic(
        "\(value.aKindName) has no method '\(method)'", at: range,
        notes: ["\(method)() changes a list; numpy arrays and tuples do not change in place"])
    }
    var result = Value.none
    switch method {
    case "append":
      try named.check(positional: 1, keywords: [])
      items.append(try named.required(0, "object"))
    case "extend":
      try named.check(positional: 1, keywords: [])
      items += try Compiler.elements(of: try named.required(0, "iterable"), at: call.context.argumentRange(0))
    case "insert":
      try named.check(positional: 2, keywords: [])
      let at = try Builtins.integer(try named.required(0, "index"), call.context, 0, "insert")
      let position = at < 0 ? max(0, items.count + at) : min(at, items.count)
      items.insert(try named.required(1, "object"), at: position)
    case "pop":
      try named.check(positional: 1, keywords: [])
      guard !items.isEmpty else { throw Diagnostic("pop from an empty list", at: range) }
      let index = try named.value(0, "index").map { try Operators.position($0, count: items.count, at: call.context.argumentRange(0), what: "list") } ?? items.count - 1
      result = items.remove(at: index)
    case "reverse":
      try named.check(positional: 0, keywords: [])
      items.reverse()
    case "clear":
      try named.check(positional: 0, keywords: [])
      items.removeAll()
    case "sort":
      try named.check(positional: 0, keywords: ["reverse"])
      var failure: Diagnostic? = nil
      items.sort { a, b in
        do { return try Operators.compare(.less, a, b, at: range) } catch {
          failure = error as? Diagnostic
          return false
        }
      }
      if let failure { throw failure }
      if named.value(0, "reverse")?.isTruthy == true { items.reverse() }
    default:
      throw noMethod(value, method, at: range)
    }
    value = try rebuilt(items, like: value, at: range, limit: call.context.session.maxTensorElements)
    return result
  }

  /// The items back as the kind of list they came from: numbers as a
  /// vector (rows of one length as a matrix), anything else as a list.
  static func rebuilt(_ items: [Value], like old: Value, at range: SourceRange, limit: Int) throws -> Value {
    if case .list = old, items.contains(where: { $0.number == nil }) { return .list(items) }
    // Traced numbers stay a list, each its own node, until a sum or a vector takes them.
    if items.contains(where: \.isTraced) { return .list(items) }
    if items.isEmpty { return .tensor(Tensor([Double]()), integral: false) }
    return try Operators.vector(items, at: range, limit: limit)
  }

  // MARK: - Strings

  static func stringMethod(_ text: String, _ method: String, _ call: NativeArguments, at range: SourceRange) throws -> Value {
    switch method {
    case "format":
      return .string(try call.context.session.formatMethod(text, call, at: range))
    case "upper":
      try call.check(positional: 0, keywords: [])
      return .string(text.uppercased())
    case "lower":
      try call.check(positional: 0, keywords: [])
      return .string(text.lowercased())
    case "strip":
      try call.check(positional: 0, keywords: [])
      return .string(text.trimmingCharacters(in: " \t\n\r"))
    case "split":
      try call.check(positional: 1, keywords: ["sep"])
      if case .string(let separator)? = call.value(0, "sep") {
        return .list(text.components(separatedBy: separator).map { .string($0) })
      }
      return .list(text.split(whereSeparator: { " \t\n\r".contains($0) }).map { .string(String($0)) })
    case "join":
      try call.check(positional: 1, keywords: [])
      let parts = try Compiler.elements(of: try call.required(0, "iterable"), at: call.context.argumentRange(0))
      let strings = try parts.map { part -> String in
        guard case .string(let s) = part else {
          throw Diagnostic("join() needs strings, found \(part.aKindName)", at: call.context.argumentRange(0))
        }
        return s
      }
      return .string(strings.joined(separator: text))
    case "replace":
      try call.check(positional: 2, keywords: [])
      guard case .string(let old) = try call.required(0, "old"), case .string(let new) = try call.required(1, "new") else {
        throw Diagnostic("replace() needs two strings", at: call.context.range)
      }
      return .string(text.components(separatedBy: old).joined(separator: new))
    case "startswith", "endswith":
      try call.check(positional: 1, keywords: [])
      guard case .string(let part) = try call.required(0, "prefix") else {
        throw Diagnostic("\(method)() needs a string", at: call.context.range)
      }
      return .bool(method == "startswith" ? text.hasPrefix(part) : text.hasSuffix(part))
    default:
      throw noMethod(.string(text), method, at: range)
    }
  }
}

extension String {
  /// The string without the given characters at either end.
  func trimmingCharacters(in set: String) -> String {
    String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
  }

  /// The parts between occurrences of `separator`.
  func components(separatedBy separator: String) -> [String] {
    guard !separator.isEmpty else { return [self] }
    let characters = Array(self)
    let pattern = Array(separator)
    var parts: [String] = []
    var start = 0
    var i = 0
    while i + pattern.count <= characters.count {
      if Array(characters[i..<i + pattern.count]) == pattern {
        parts.append(String(characters[start..<i]))
        i += pattern.count
        start = i
      } else {
        i += 1
      }
    }
    parts.append(String(characters[start...]))
    return parts
  }
}
