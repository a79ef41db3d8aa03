extension Parser {
  // expression = or
  mutating func parseExpression() throws -> Expr {
    let depth = nesting
    defer { nesting = depth }
    try deepen(at: peek)
    return try parseOr()
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
  mutating func parseComparison() throws -> Expr {
    let first = try parseTerm()
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

  // factor = unary ( ( "*" | "/" | "%" | "@" ) unary )*
  mutating func parseFactor() throws -> Expr {
    var left = try parseUnary()
    let depth = nesting
    defer { nesting = depth }
    while let token = match(.star, .slash, .percent, .at) {
      try deepen(at: token)
      let op: BinaryOperator =
        switch token.kind {
        case .star: .multiply
        case .slash: .divide
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

  // postfix = primary ( "(" arguments? ")" | "[" expression "]" | "." NAME )*
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
        let index = try parseExpression()
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

  // arguments = expression ( "," expression )*   (with the parentheses)
  mutating func parseArgumentList() throws -> [Expr] {
    let open = try expect(.leftParen, "'('")
    openers.append(open)
    var arguments: [Expr] = []
    if !check(.rightParen) {
      repeat {
        if check(.rightParen) { break }  // a trailing comma
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
      return Expr(.string(Parser.decodeString(token.text)), token.range)
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
        note(
          "unknown name '\(token.text)'", at: token.range,
          notes: ["Descent's booleans are lowercase: '\(token.text.lowercased())'"])
        return Expr(.bool(token.text == "True"), token.range)
      case "None":
        throw report("Descent has no 'None'", at: token, notes: ["use 0 or an empty vector [] instead"])
      default:
        return Expr(.name(token.text), token.range)
      }
    case .leftParen:
      advance()
      openers.append(token)
      let inner = try parseExpression()
      try expect(.rightParen, "')' to close '(' at \(place(token.range.start))")
      openers.removeLast()
      return Expr(inner.kind, token.range.union(previous.range))
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

  /// The value of a string literal token: quotes removed, escapes decoded.
  static func decodeString(_ literal: String) -> String {
    var scalars = Array(literal.unicodeScalars.dropFirst().dropLast())
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
