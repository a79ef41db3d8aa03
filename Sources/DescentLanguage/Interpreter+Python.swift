import DescentEngine

/// Running the Python forms: tuples and unpacking, loops that unpack,
/// `assert`, `import`, Python's `print`, `in`, `is`, slices and the
/// conditional expression.
extension Compiler {
  // MARK: - Statements

  func compilePython(_ statement: Stmt) -> StmtCode {
    unowned(unsafe) let session = self.session
    let range = statement.range
    switch statement.kind {
    case .pass:
      return { _ in .normal }

    case .assert(let condition, let message):
      let test = compileCondition(condition)
      let messageCode = message.map { compile($0) }
      let conditionRange = condition.range
      return { frame in
        if try test(frame) { return .normal }
        let text = try messageCode.map { session.text(of: try $0(frame)) }
        throw Diagnostic(
          "AssertionError" + (text.map { ": " + $0 } ?? ""), at: conditionRange,
          notes: ["the assertion '\(session.sourceText(conditionRange))' is false"])
      }

    case .printPython(let values, let separator, let terminator):
      let codes = values.map { compile($0) }
      let separatorCode = separator.map { compile($0) }
      let terminatorCode = terminator.map { compile($0) }
      let (separatorRange, terminatorRange) = (separator?.range ?? range, terminator?.range ?? range)
      return { frame in
        var sep = " "
        var end = "\n"
        if let code = separatorCode, let text = try Compiler.printKeyword(try code(frame), "sep", at: separatorRange) {
          sep = text
        }
        if let code = terminatorCode, let text = try Compiler.printKeyword(try code(frame), "end", at: terminatorRange) {
          end = text
        }
        var line = ""
        for (i, code) in codes.enumerated() {
          if i > 0 { line += sep }
          line += session.text(of: try code(frame))
        }
        try session.emit(line + end)
        return .normal
      }

    case .importModule(let spec):
      return compileImport(spec, at: range)

    case .forUnpack(let targets, let iterable, let body):
      let store = compileUnpack(targets, at: Compiler.span(targets))
      let iterableCode = compile(iterable)
      let iterableRange = iterable.range
      let bodyCode = compileBlock(body)
      return { frame in
        for item in try Compiler.elements(of: try iterableCode(frame), at: iterableRange) {
          try session.tick(range)
          try store(frame, item)
          switch try bodyCode(frame) {
          case .normal, .continueLoop: continue
          case .breakLoop: return .normal
          case .returned: return .returned
          }
        }
        return .normal
      }

    default:
      return { _ in throw Diagnostic("this statement cannot run here", at: range) }
    }
  }

  /// Where Python's lists and Descent's vectors disagree (`[0] * 3`,
  /// `[1, 2] + [3]`), Descent keeps the vector meaning; the first time
  /// Python-style code does it with a list written out, a warning says so.
  func noteListArithmetic(_ op: BinaryOperator, _ left: Expr, _ right: Expr, at range: SourceRange) {
    guard op == .add || op == .multiply, session.pythonSpelling, !session.listArithmeticNoted else { return }
    func isList(_ e: Expr) -> Bool { if case .vector = e.kind { true } else { false } }
    guard isList(left) || isList(right) else { return }
    session.listArithmeticNoted = true
    let python = op == .add ? "join the two lists" : "repeat the list"
    let descent = op == .add ? "adds the vectors element by element" : "multiplies every element"
    session.warnings.append(
      Diagnostic(
        "'\(op.rawValue)' on a list \(descent) in Descent (Python would \(python))", at: range,
        severity: .warning,
        notes: [
          op == .add
            ? "to join lists, append the items (v.append(x)) or build the list whole"
            : "for a list of n zeros, write zeros(n) or np.zeros(n)"
        ]))
  }

  /// `sep=` and `end=` must be strings (or None, for the default).
  static func printKeyword(_ value: Value, _ name: String, at range: SourceRange) throws -> String? {
    switch value {
    case .string(let s): return s
    case .none: return nil
    default: throw Diagnostic("\(name) must be a string, not \(value.aKindName)", at: range)
    }
  }

  /// The range from the first target to the last.
  static func span(_ exprs: [Expr]) -> SourceRange {
    exprs.dropFirst().reduce(exprs[0].range) { $0.union($1.range) }
  }

  /// Code that stores the items of a value into `targets` (names,
  /// elements, fields, nested tuples), checking the counts agree.
  func compileUnpack(_ targets: [Expr], at range: SourceRange) -> (Frame, Value) throws -> Void {
    let stores: [(Frame, Value) throws -> Void] = targets.map { target in
      if case .tuple(let inner) = target.kind { return compileUnpack(inner, at: target.range) }
      return compilePlaceStore(target)
    }
    let count = targets.count
    return { frame, value in
      let items = try Compiler.unpacked(value, count: count, at: range)
      for (store, item) in zip(stores, items) { try store(frame, item) }
    }
  }

  /// A store of a given value into one target.
  private func compilePlaceStore(_ target: Expr) -> (Frame, Value) throws -> Void {
    switch target.kind {
    case .name(let name):
      let store = storeCode(for: slot(for: name))
      return { frame, value in store(frame, value) }
    case .index(let base, let index):
      let update = compileUpdate(of: base)
      let indexCode = compile(index)
      let (indexRange, targetRange) = (index.range, target.range)
      return { frame, value in
        let i = try indexCode(frame)
        try update(frame) { container in
          try Operators.setIndex(in: &container, i, to: value, at: targetRange, indexRange: indexRange)
        }
      }
    case .member(let base, let field):
      let baseCode = compile(base)
      unowned(unsafe) let session = self.session
      let targetRange = target.range
      return { frame, value in
        try session.domain.setMember(try baseCode(frame), field, to: value, at: targetRange)
      }
    default:
      let targetRange = target.range
      return { _, _ in throw Diagnostic("cannot assign to this expression", at: targetRange) }
    }
  }

  /// The items of a value being unpacked into `count` targets.
  static func unpacked(_ value: Value, count: Int, at range: SourceRange) throws -> [Value] {
    let items: [Value]
    switch value {
    case .tuple(let values), .list(let values): items = values
    case .tensor, .ndarray, .string: items = try elements(of: value, at: range)
    default:
      throw Diagnostic(
        "cannot unpack \(value.aKindName) into \(count) names", at: range,
        notes: ["the right side must hold \(count) values: a tuple (a, b), a list or a vector"])
    }
    guard items.count == count else {
      let what = items.count < count ? "not enough values to unpack" : "too many values to unpack"
      throw Diagnostic(
        "\(what): \(count) name\(count == 1 ? "" : "s") on the left, \(items.count) value\(items.count == 1 ? "" : "s") on the right",
        at: range)
    }
    return items
  }

  // MARK: - Expressions

  func compilePythonExpression(_ expr: Expr) -> Code {
    let range = expr.range
    switch expr.kind {
    case .none:
      return { _ in .none }
    case .tuple(let items):
      let codes = items.map { compile($0) }
      return { frame in .tuple(try codes.map { try $0(frame) }) }
    case .slice(let lower, let upper, let step):
      let parts = [lower, upper, step].map { part in part.map { (compile($0), $0.range) } }
      return { frame in
        var bounds: [Int?] = []
        for part in parts {
          guard let (code, partRange) = part else {
            bounds.append(nil)
            continue
          }
          switch try code(frame) {
          case .none: bounds.append(nil)
          case .int(let n): bounds.append(n)
          case .bool(let b): bounds.append(b ? 1 : 0)
          case let other:
            throw Diagnostic("slice bounds must be integers or None, found \(other.aKindName)", at: partRange)
          }
        }
        return .slice(SliceBounds(lower: bounds[0], upper: bounds[1], step: bounds[2]))
      }
    case .keyword(let name, _):
      return { _ in throw Diagnostic("'\(name)=' names an argument; it belongs inside a call's parentheses", at: range) }
    case .membership(let item, let container, let negated):
      let (itemCode, containerCode) = (compile(item), compile(container))
      return { frame in
        let found = try Operators.contains(try containerCode(frame), try itemCode(frame), at: range)
        return .bool(found != negated)
      }
    case .identity(let left, let right, let negated):
      let (l, r) = (compile(left), compile(right))
      return { frame in
        let same = Operators.identical(try l(frame), try r(frame))
        return .bool(same != negated)
      }
    case .conditional(let value, let condition, let otherwise):
      let (valueCode, test, otherCode) = (compile(value), compileCondition(condition), compile(otherwise))
      return { frame in try test(frame) ? try valueCode(frame) : try otherCode(frame) }
    case .formatted(let pieces):
      return compileFormatted(pieces, at: range)
    default:
      return { _ in throw Diagnostic("this expression cannot run here", at: range) }
    }
  }
}

extension Operators {
  /// Python's `item in container`.
  static func contains(_ container: Value, _ item: Value, at range: SourceRange) throws -> Bool {
    switch container {
    case .string(let s):
      guard case .string(let part) = item else {
        throw Diagnostic("'in <string>' needs a string on the left, found \(item.aKindName)", at: range)
      }
      return part.isEmpty || s.contains(part)
    case .list(let items), .tuple(let items):
      return items.contains { equal($0, item) }
    case .tensor, .ndarray:
      return try Compiler.elements(of: container, at: range).contains { equal($0, item) }
    case .table(let table):
      guard case .string(let name) = item else { return false }
      return table.columnNames.contains(name)
    default:
      throw Diagnostic("cannot look for an item in \(container.aKindName)", at: range)
    }
  }

  /// Python's `a is b`, for the values where identity can be told: None,
  /// booleans, functions, networks and modules; numbers and strings by
  /// value (CPython interns the small ones a listing compares).
  static func identical(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.none, .none): return true
    case (.none, _), (_, .none): return false
    case (.bool(let x), .bool(let y)): return x == y
    case (.list, _), (.tensor, _), (.ndarray, _), (.tuple, _): return false
    default: return equal(a, b)
    }
  }
}

extension Session {
  /// What `print` writes for a value, in the session's digits and spelling.
  func text(of value: Value) -> String {
    value.formatted(digits, python: pythonSpelling)
  }

  /// The text of a range of the running source, for messages.
  func sourceText(_ range: SourceRange) -> String {
    let bytes = runningSourceBytes
    guard range.start.offset <= range.end.offset, range.end.offset <= bytes.count else { return "" }
    return String(decoding: bytes[range.start.offset..<range.end.offset], as: UTF8.self)
  }
}
