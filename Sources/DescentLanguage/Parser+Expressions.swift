extension Parser {
  // expressionList = expression ( "," expression )* ","?     (a tuple when there is a comma)
  mutating func parseExpressionList() throws -> Expr {
    let first = try parseExpression()
    guard check(.comma) else { return first }
    var items = [first]
    while match(.comma) != nil {
      if atStatementEnd || check(.equal) || check(.rightParen) { break }
      items.append(try parseExpression())
    }
    usesPythonForms = true
    return Expr(.tuple(items), first.range.union(previous.range))
  }

  // expression = or ( "if" or "else" expression )?
  mutating func parseExpression() throws -> Expr {
    let depth = nesting
    defer { nesting = depth }
    try deepen(at: peek)
    let value = try parseOr()
    // `a if c else b`, Python's conditional expression; an `if` that has
    // no `else` on the line is left for the statement to report.
    guard check(.kwIf), hasElseLater() else { return value }
    advance()
    let condition = try parseOr()
    try expect(.kwElse, "'else' in 'a if condition else b'")
    let otherwise = try parseExpression()
    return Expr(.conditional(value, condition: condition, otherwise: otherwise), value.range.union(otherwise.range))
  }

  /// Whether an `else` follows on this line (a conditional expression).
  private func hasElseLater() -> Bool {
    var i = current + 1
    while i < tokens.count {
      switch tokens[i].kind {
      case .kwElse: return true
      case .newline, .eof, .semicolon, .colon, .leftBrace, .indent, .dedent: return false
      default: i += 1
      }
    }
    return false
  }

  // or = and ( "or" and )*
  mutating func parseOr() throws -> Expr {
    var left = try parseAnd()
    let depth = nesting
    defer { nesting = depth }
    while match(.kwOr) != nil {
      try deepen(at: previous)
      let right = try parseAnd()
      left = Expr(.or(left, right), left.range.union(right.range))
    }
    return left
  }

  // and = not ( "and" not )*
  mutating func parseAnd() throws -> Expr {
    var left = try parseNot()
    let depth = nesting
    defer { nesting = depth }
    while match(.kwAnd) != nil {
      try deepen(at: previous)
      let right = try parseNot()
      left = Expr(.and(left, right), left.range.union(right.range))
    }
    return left
  }

  // not = "not" not | comparison
  mutating func parseNot() throws -> Expr {
    if let keyword = match(.kwNot) {
      let depth = nesting
      defer { nesting = depth }
      try deepen(at: keyword)
      let operand = try parseNot()
      return Expr(.not(operand), keyword.range.union(operand.range))
    }
    return try parseComparison()
  }

  // comparison = term ( ( "==" | "!=" | "<" | ">" | "<=" | ">=" ) term )*
  //            | term ( "in" | "not" "in" | "is" | "is" "not" ) term
  mutating func parseComparison() throws -> Expr {
    let first = try parseTerm()
    if check(.kwIn) || (check(.kwNot) && peek(1).kind == .kwIn) {
      let negated = match(.kwNot) != nil
      advance()
      let container = try parseTerm()
      return Expr(.membership(first, container, negated: negated), first.range.union(container.range))
    }
    if checkWord("is") {
      advance()
      let negated = match(.kwNot) != nil
      let other = try parseTerm()
      return Expr(.identity(first, other, negated: negated), first.range.union(other.range))
    }
    var operators: [ComparisonOperator] = []
    var operands = [first]
    while let token = match(.equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual) {
      // The token's spelling is the operator's raw value.
      operators.append(ComparisonOperator(rawValue: token.text) ?? .equal)
      operands.append(try parseTerm())
    }
    if operators.isEmpty { return first }
    return Expr(.comparison(operators, operands), first.range.union(operands[operands.count - 1].range))
  }

  // term = factor ( ( "+" | "-" ) factor )*
  mutating func parseTerm() throws -> Expr {
    var left = try parseFactor()
    let depth = nesting
    defer { nesting = depth }
    while let token = match(.plus, .minus) {
      try deepen(at: token)
      let right = try parseFactor()
      left = Expr(.binary(token.kind == .plus ? .add : .subtract, left, right), left.range.union(right.range))
    }
    return left
  }

  // factor = unary ( ( "*" | "/" | "//" | "%" | "@" ) unary )*
  mutating func parseFactor() throws -> Expr {
    var left = try parseUnary()
    let depth = nesting
    defer { nesting = depth }
    while let token = match(.star, .slash, .slashSlash, .percent, .at) {
      try deepen(at: token)
      let op: BinaryOperator =
        switch token.kind {
        case .star: .multiply
        case .slash: .divide
        case .slashSlash: .floorDivide
        case .percent: .modulo
        default: .matmul
        }
      let right = try parseUnary()
      left = Expr(.binary(op, left, right), left.range.union(right.range))
    }
    return left
  }

  // unary = ( "-" | "+" ) unary | power
  mutating func parseUnary() throws -> Expr {
    if let token = match(.minus, .plus) {
      let depth = nesting
      defer { nesting = depth }
      try deepen(at: token)
      let operand = try parseUnary()
      // Fold a minus into a literal so `-0.5` is one constant.
      if token.kind == .minus {
        switch operand.kind {
        case .float(let x): return Expr(.float(-x), token.range.union(operand.range))
        case .integer(let n) where n != Int.min: return Expr(.integer(-n), token.range.union(operand.range))
        default: break
        }
      }
      return Expr(.unary(token.kind == .minus ? .negate : .plus, operand), token.range.union(operand.range))
    }
    return try parsePower()
  }

  // power = postfix ( "**" unary )?
  mutating func parsePower() throws -> Expr {
    let base = try parsePostfix()
    if let token = match(.starStar) {
      let depth = nesting
      defer { nesting = depth }
      try deepen(at: token)
      let exponent = try parseUnary()
      return Expr(.binary(.power, base, exponent), base.range.union(exponent.range))
    }
    return base
  }

  // postfix = primary ( "(" arguments? ")" | "[" subscripts "]" | "." NAME )*
  mutating func parsePostfix() throws -> Expr {
    var expr = try parsePrimary()
    let depth = nesting
    defer { nesting = depth }
    while true {
      try deepen(at: peek)
      if check(.leftParen) {
        let arguments = try parseArgumentList()
        expr = Expr(.call(expr, arguments), expr.range.union(previous.range))
      } else if let open = match(.leftBracket) {
        openers.append(open)
        let index = try parseSubscripts()
        try expect(.rightBracket, "']' to close '[' at \(place(open.range.start))")
        openers.removeLast()
        expr = Expr(.index(expr, index), expr.range.union(previous.range))
      } else if match(.dot) != nil {
        let field = try expect(.name, "a field name after '.'")
        expr = Expr(.member(expr, field.text), expr.range.union(field.range))
      } else {
        return expr
      }
    }
  }

  // subscripts = subscript ( "," subscript )* ","?
  // subscript  = expression | expression? ":" expression? ( ":" expression? )?
  mutating func parseSubscripts() throws -> Expr {
    let first = try parseSubscript()
    guard check(.comma) else { return first }
    var items = [first]
    while match(.comma) != nil {
      if check(.rightBracket) { break }
      items.append(try parseSubscript())
    }
    return Expr(.tuple(items), first.range.union(items[items.count - 1].range))
  }

  private mutating func parseSubscript() throws -> Expr {
    let start = peek
    let ends: Set<Token.Kind> = [.colon, .comma, .rightBracket]
    let lower = check(.colon) ? nil : try parseExpression()
    guard match(.colon) != nil else { return lower ?? Expr(.none, start.range) }
    usesPythonForms = true
    let upper = ends.contains(peek.kind) ? nil : try parseExpression()
    var step: Expr? = nil
    if match(.colon) != nil, !ends.contains(peek.kind) { step = try parseExpression() }
    return Expr(.slice(lower, upper, step), start.range.union(previous.range))
  }

  // arguments = argument ( "," argument )*   (with the parentheses)
  // argument  = expression | NAME "=" expression
  mutating func parseArgumentList() throws -> [Expr] {
    let open = try expect(.leftParen, "'('")
    openers.append(open)
    var arguments: [Expr] = []
    if !check(.rightParen) {
      repeat {
        if check(.rightParen) { break }  // a trailing comma
        if check(.name), peek(1).kind == .equal {
          let name = advance()
          advance()
          let value = try parseExpression()
          arguments.append(Expr(.keyword(name.text, value), name.range.union(value.range)))
          continue
        }
        if let named = arguments.last, case .keyword(let name, _) = named.kind {
          throw report("a positional argument cannot follow the keyword argument '\(name)'", at: peek)
        }
        arguments.append(try parseExpression())
      } while match(.comma) != nil
    }
    try expect(.rightParen, "')' to close '(' at \(place(open.range.start))")
    openers.removeLast()
    return arguments
  }

  // primary = NUMBER | STRING | "true" | "false" | NAME | "(" expression ")"
  //         | "[" ( expression ( "," expression )* ","? )? "]" | networkExpr | loadExpr
  mutating func parsePrimary() throws -> Expr {
    let token = peek
    switch token.kind {
    case .integer:
      advance()
      guard let value = Int(token.text) else {
        throw report("integer \(token.text) is too large; write it as a float (\(token.text).0)", at: token)
      }
      return Expr(.integer(value), token.range)
    case .float:
      advance()
      guard let value = Double(token.text) else {
        throw report("malformed number \(token.text)", at: token)
      }
      return Expr(.float(value), token.range)
    case .string:
      advance()
      var text = Parser.decodeString(token.text)
      var range = token.range
      // "a" "b": adjacent literals join, as in Python.
      while check(.string) {
        let next = advance()
        text += Parser.decodeString(next.text)
        range = range.union(next.range)
      }
      return Expr(.string(text), range)
    case .formatString:
      advance()
      usesPythonForms = true
      return try parseFormatString(token)
    case .kwTrue, .kwFalse:
      advance()
      return Expr(.bool(token.kind == .kwTrue), token.range)
    case .name:
      if token.text == "network", peek(1).kind == .integer { return try parseNetworkExpression() }
      if token.text == "load", peek(1).kind == .string {
        advance()
        let path = advance()
        return Expr(.load(path: Parser.decodeString(path.text)), token.range.union(path.range))
      }
      advance()
      switch token.text {
      case "True", "False":
        usesPythonForms = true
        return Expr(.bool(token.text == "True"), token.range)
      case "None":
        usesPythonForms = true
        return Expr(.none, token.range)
      default:
        return Expr(.name(token.text), token.range)
      }
    case .leftParen:
      advance()
      openers.append(token)
      // `()`, `(a,)`, `(a, b)`: tuples; `(a)` is a.
      var items: [Expr] = []
      var sawComma = false
      while !check(.rightParen) {
        items.append(try parseExpression())
        guard match(.comma) != nil else { break }
        sawComma = true
      }
      try expect(.rightParen, "')' to close '(' at \(place(token.range.start))")
      openers.removeLast()
      let range = token.range.union(previous.range)
      if items.count == 1 && !sawComma { return Expr(items[0].kind, range) }
      usesPythonForms = true
      return Expr(.tuple(items), range)
    case .leftBracket:
      advance()
      openers.append(token)
      var elements: [Expr] = []
      while !check(.rightBracket) {
        elements.append(try parseExpression())
        if match(.comma) == nil { break }
      }
      try expect(.rightBracket, "']' or ',' in the vector opened at \(place(token.range.start))")
      openers.removeLast()
      return Expr(.vector(elements), token.range.union(previous.range))
    default:
      var notes = pythonHabitNotes(for: token)
      let startsLine = current == 0 || previous.kind == .newline || previous.kind == .semicolon
      if token.kind == .colon, startsLine {
        notes = ["':' commands (:save, :load, :vars, ...) work at the interactive prompt, not in scripts"]
      }
      if token.text == "&" || token.text == "|" || token.text == "!" {
        notes.append("Descent writes logic as 'and', 'or', 'not'")
      }
      notes += incrementHabitNotes()
      throw report("expected an expression, found \(token.described)", at: token, notes: notes)
    }
  }

  /// C's `x++` and `x--` (read as `x + +` with nothing after): point at
  /// Descent's way of writing them.
  func incrementHabitNotes() -> [String] {
    guard current >= 3 else { return [] }
    let (target, first, second) = (tokens[current - 3], tokens[current - 2], tokens[current - 1])
    guard first.kind == second.kind, first.kind == .plus || first.kind == .minus,
      first.range.end.offset == second.range.start.offset,
      [.name, .rightBracket, .rightParen].contains(target.kind)
    else { return [] }
    let name = target.kind == .name ? target.text : "x"
    return ["Descent has no '\(first.text)\(second.text)'; write '\(name) \(first.text)= 1'"]
  }

  /// The value of a string literal token: prefix and quotes removed,
  /// escapes decoded (not in a raw string, `r"..."`).
  static func decodeString(_ literal: String) -> String {
    var body = Substring(literal)
    var raw = false
    while let first = body.first, first != "\"", first != "'" {
      if first == "r" || first == "R" { raw = true }
      body = body.dropFirst()
    }
    let quotes = body.hasPrefix("\"\"\"") || body.hasPrefix("'''") ? 3 : 1
    guard body.count >= 2 * quotes else { return "" }
    body = body.dropFirst(quotes).dropLast(quotes)
    if raw { return String(body) }
    var scalars = Array(body.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if c == "\\", i + 1 < scalars.count {
        i += 1
        switch scalars[i] {
        case "n": out.append("\n")
        case "t": out.append("\t")
        case "\\": out.append("\\")
        case "\"": out.append("\"")
        case "'": out.append("'")
        default:
          out.append("\\")
          out.append(scalars[i])
        }
      } else {
        out.append(c)
      }
      i += 1
    }
    scalars.removeAll()
    return String(out)
  }
}
