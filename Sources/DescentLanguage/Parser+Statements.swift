extension Parser {
  /// Domain words that start a statement when not used as a variable.
  static let domainWords: Set<String> = [
    "train", "plot", "show", "network", "load", "predict", "check", "seed", "live",
    "explore",
  ]

  // statement = printStmt | digitsStmt | ifStmt | whileStmt | forStmt
  //           | repeatStmt | defStmt | returnStmt | "break" | "continue"
  //           | domainStmt | assignOrExpr
  mutating func parseStatement() throws -> Stmt {
    let start = peek
    let depth = nesting
    defer { nesting = depth }
    try deepen(at: start)
    switch peek.kind {
    case .kwPrint: return try parsePrint()
    case .kwDigits: return try parseDigits()
    case .kwIf: return try parseIf()
    case .kwWhile: return try parseWhile()
    case .kwFor: return try parseFor()
    case .kwRepeat: return try parseRepeat()
    case .kwDef: return try parseDef()
    case .kwReturn:
      advance()
      if check(.newline) || check(.semicolon) || check(.rightBrace) || atEnd {
        return Stmt(.returnValue(nil), start.range)
      }
      let value = try parseExpression()
      return Stmt(.returnValue(value), start.range.union(value.range))
    case .kwBreak:
      advance()
      return Stmt(.breakLoop, start.range)
    case .kwContinue:
      advance()
      return Stmt(.continueLoop, start.range)
    case .kwElse:
      throw report("'else' must follow the '}' of an 'if' block on the same line", at: peek)
    case .name where peek.text == "elif":
      throw report(
        "Descent writes 'else if', not 'elif'", at: peek,
        notes: ["as in: if a { ... } else if b { ... }"])
    case .name where isDomainStatementStart():
      return try parseDomainStatement()
    default:
      return try parseAssignOrExpression()
    }
  }

  /// A domain word starts a statement when what follows cannot continue an
  /// expression or assignment with it as a name: `train 20`, `plot error`.
  func isDomainStatementStart() -> Bool {
    guard Parser.domainWords.contains(peek.text) else { return false }
    let next = peek(1)
    switch next.kind {
    case .name, .integer, .float, .string: return true
    case .leftBracket, .leftParen:
      // `plot [1, 2], [3, 4]`, `predict [1, 2]`: a vector or group follows.
      return peek.text == "plot" || peek.text == "predict"
    case .minus:
      // `train -3` (minus written against its number) is a train statement
      // to report; `train - 3` subtracts from a variable named train.
      return next.range.end.offset == peek(2).range.start.offset
    default: return false
    }
  }

  // printStmt = "print" ( expression ( "," expression )* )?
  mutating func parsePrint() throws -> Stmt {
    let keyword = advance()
    if check(.newline) || check(.semicolon) || check(.rightBrace) || atEnd {
      return Stmt(.print([]), keyword.range)
    }
    // `print(a, b)` reads as Python's call; `print (a + b) * 2` as an
    // expression. Try the call form first and fall back if more follows.
    if check(.leftParen) {
      let saved = (current, diagnostics.count, endedEarly, openers)
      if let values = try? parseArgumentList(),
        check(.newline) || check(.semicolon) || check(.rightBrace) || atEnd
      {
        return Stmt(.print(values), keyword.range.union(previous.range))
      }
      (current, endedEarly, openers) = (saved.0, saved.2, saved.3)
      diagnostics.removeSubrange(saved.1...)
    }
    var values = [try parseExpression()]
    while match(.comma) != nil {
      values.append(try parseExpression())
    }
    return Stmt(.print(values), keyword.range.union(values[values.count - 1].range))
  }

  // digitsStmt = "digits" ( NUMBER | "shortest" )
  mutating func parseDigits() throws -> Stmt {
    let keyword = advance()
    if let word = matchWord("shortest") {
      return Stmt(.digits(nil), keyword.range.union(word.range))
    }
    let number = try expect(.integer, "a number of significant digits (1 to 17) or 'shortest'")
    guard let n = Int(number.text), (1...17).contains(n) else {
      throw report("digits must be between 1 and 17, found \(number.text)", at: number)
    }
    return Stmt(.digits(n), keyword.range.union(number.range))
  }

  // ifStmt = "if" expression block ( "else" ( ifStmt | block ) )?
  mutating func parseIf() throws -> Stmt {
    let keyword = advance()
    let depth = nesting
    defer { nesting = depth }
    try deepen(at: keyword)
    let condition = try parseExpression()
    let then = try parseBlock(after: "the 'if' condition")
    var otherwise: [Stmt]? = nil
    if match(.kwElse) != nil {
      if check(.kwIf) {
        otherwise = [try parseIf()]
      } else {
        otherwise = try parseBlock(after: "'else'")
      }
    } else if check(.newline), peek(1).kind == .kwElse {
      // `}` newline `else`: accept it, as a learner typing a file would.
      advance()
      advance()
      otherwise = check(.kwIf) ? [try parseIf()] : try parseBlock(after: "'else'")
    }
    return Stmt(.ifElse(condition: condition, then: then, otherwise: otherwise), keyword.range.union(previous.range))
  }

  // whileStmt = "while" expression block
  mutating func parseWhile() throws -> Stmt {
    let keyword = advance()
    let condition = try parseExpression()
    let body = try parseBlock(after: "the 'while' condition")
    return Stmt(.whileLoop(condition: condition, body: body), keyword.range.union(previous.range))
  }

  // forStmt = "for" NAME "in" expression ( ( "..<" | "..." ) expression )? block
  mutating func parseFor() throws -> Stmt {
    let keyword = advance()
    let variable = try expect(.name, "a loop variable name after 'for'")
    try expect(.kwIn, "'in' after the loop variable")
    let start = try parseExpression()
    var upper: Expr? = nil
    var closed = false
    if let range = match(.halfOpenRange, .closedRange) {
      closed = range.kind == .closedRange
      upper = try parseExpression()
    }
    var notes: [String] = []
    if case .call(let callee, let args) = start.kind, case .name("range") = callee.kind,
      check(.colon)
    {
      let bound = args.count == 1 ? "n" : "a, b"
      notes = ["Descent writes Python's 'for i in range(\(bound)):' as 'for i in 0..<n {'"]
      throw report("expected '{' after the 'for' header, found ':'", at: peek, notes: notes)
    }
    let body = try parseBlock(after: "the 'for' header")
    return Stmt(
      .forLoop(
        variable: variable.text, variableRange: variable.range, start: start, upper: upper,
        closed: closed, body: body), keyword.range.union(previous.range))
  }

  // repeatStmt = "repeat" expression block
  mutating func parseRepeat() throws -> Stmt {
    let keyword = advance()
    let count = try parseExpression()
    let body = try parseBlock(after: "the 'repeat' count")
    return Stmt(.repeatLoop(count: count, body: body), keyword.range.union(previous.range))
  }

  // defStmt = "def" NAME "(" ( NAME ( "," NAME )* )? ")" ( block | "=" expression )
  mutating func parseDef() throws -> Stmt {
    let keyword = advance()
    let name = try expect(.name, "a function name after 'def'")
    let open = try expect(.leftParen, "'(' after the function name")
    openers.append(open)
    var parameters: [String] = []
    if !check(.rightParen) {
      repeat {
        let parameter = try expect(.name, "a parameter name")
        if parameters.contains(parameter.text) {
          note("duplicate parameter '\(parameter.text)'", at: parameter.range)
        }
        parameters.append(parameter.text)
      } while match(.comma) != nil
    }
    try expect(.rightParen, "')' to close the parameter list")
    openers.removeLast()
    if let equal = match(.equal) {
      let body = try parseExpression()
      return Stmt(
        .def(name: name.text, parameters: parameters, body: [Stmt(.returnValue(body), equal.range.union(body.range))]),
        keyword.range.union(body.range))
    }
    let body = try parseBlock(after: "the parameter list (or '=' and an expression)")
    return Stmt(.def(name: name.text, parameters: parameters, body: body), keyword.range.union(previous.range))
  }

  // assignOrExpr = expression ( ( "=" | "+=" | "-=" | "*=" | "/=" ) expression )?
  mutating func parseAssignOrExpression() throws -> Stmt {
    let target = try parseExpression()
    guard let op = match(.equal, .plusEqual, .minusEqual, .starEqual, .slashEqual) else {
      return Stmt(.expression(target), target.range)
    }
    switch target.kind {
    case .name, .index, .member: break
    default:
      throw report("cannot assign to this expression; assign to a name, an element or a field", at: op)
    }
    if case .name(let word) = target.kind, Token.reserved[word] != nil {
      throw report("'\(word)' is a reserved word and cannot be assigned", at: op)
    }
    let value = try parseExpression()
    let arithmetic: BinaryOperator? =
      switch op.kind {
      case .plusEqual: .add
      case .minusEqual: .subtract
      case .starEqual: .multiply
      case .slashEqual: .divide
      default: nil
      }
    return Stmt(.assign(target: target, op: arithmetic, value: value), target.range.union(value.range))
  }
}
