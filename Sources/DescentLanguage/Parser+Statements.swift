extension Parser {
  /// Domain words that start a statement when not used as a variable.
  static let domainWords: Set<String> = [
    "train", "plot", "show", "network", "load", "predict", "check", "seed", "live",
    "explore", "compare",
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
      if atStatementEnd {
        return Stmt(.returnValue(nil), start.range)
      }
      let value = try parseExpressionList()
      return Stmt(.returnValue(value), start.range.union(value.range))
    case .kwBreak:
      advance()
      return Stmt(.breakLoop, start.range)
    case .kwContinue:
      advance()
      return Stmt(.continueLoop, start.range)
    case .kwElse:
      throw report(
        "'else' must follow the block of an 'if'", at: peek,
        notes: ["after a brace block: '} else {' on the same line; after a colon block: 'else:' at the 'if' line's indentation"])
    case .name where peek.text == "elif":
      throw report(
        "'elif' must follow the block of an 'if'", at: peek,
        notes: ["write it at the indentation of its 'if' line, after the 'if' block"])
    case .name where pythonStatementWord() != nil:
      return try parsePythonStatement(pythonStatementWord() ?? "")
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
  //           | "print" "(" arguments? ")"      (Python 3: sep= and end= keywords)
  mutating func parsePrint() throws -> Stmt {
    let keyword = advance()
    if atStatementEnd {
      return Stmt(.print([]), keyword.range)
    }
    // `print(a, b)` reads as Python's call; `print (a + b) * 2` as an
    // expression. Try the call form first and fall back if more follows.
    if check(.leftParen) {
      let saved = (current, diagnostics.count, endedEarly, openers)
      if let values = try? parseArgumentList(), atStatementEnd {
        return try printCall(values, keyword: keyword)
      }
      // A keyword inside means the call form was meant: keep its error.
      let last = tokens.count - 1
      if diagnostics.count > saved.1, tokens[min(saved.0 + 1, last)].kind == .name,
        tokens[min(saved.0 + 2, last)].kind == .equal
        || diagnostics[saved.1...].contains(where: { $0.message.hasPrefix("a positional argument") })
      {
        throw Unwind()
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

  /// `print(...)` with its arguments: Python's keywords `sep` and `end`
  /// make a `printPython`; `flush` is accepted and has no effect.
  private mutating func printCall(_ arguments: [Expr], keyword: Token) throws -> Stmt {
    var values: [Expr] = []
    var separator: Expr? = nil
    var terminator: Expr? = nil
    var hasKeywords = false
    for argument in arguments {
      guard case .keyword(let name, let value) = argument.kind else {
        values.append(argument)
        continue
      }
      hasKeywords = true
      switch name {
      case "sep": separator = value
      case "end": terminator = value
      case "flush": break
      default:
        note(
          "print() has no keyword '\(name)'", at: argument.range,
          notes: ["print takes sep= (between values) and end= (after the last)"])
      }
    }
    let range = keyword.range.union(previous.range)
    if hasKeywords {
      usesPythonForms = true
      return Stmt(.printPython(values, separator: separator, terminator: terminator), range)
    }
    return Stmt(.print(values), range)
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

  // ifStmt = "if" expression block ( ( "else" | "elif" ) ( ifStmt | block ) )?
  mutating func parseIf() throws -> Stmt {
    try parseIfRest(keyword: advance())
  }

  /// An `if` (or `elif`) after its keyword.
  private mutating func parseIfRest(keyword: Token) throws -> Stmt {
    let depth = nesting
    defer { nesting = depth }
    try deepen(at: keyword)
    let condition = try parseExpression()
    let then = try parseBlock(after: "the '\(keyword.text)' condition", keyword: keyword)
    // `}` newline `else`, or a one-line `if c: x` then `else: y`: accept
    // the break, as a learner typing a file would.
    if check(.newline), peek(1).kind == .kwElse || (peek(1).kind == .name && peek(1).text == "elif") {
      advance()
    }
    var otherwise: [Stmt]? = nil
    if let elseWord = match(.kwElse) {
      if check(.kwIf) {
        otherwise = [try parseIf()]
      } else {
        otherwise = try parseBlock(after: "'else'", keyword: elseWord)
      }
    } else if let elif = matchWord("elif") {
      usesPythonForms = true
      otherwise = [try parseIfRest(keyword: elif)]
    }
    return Stmt(.ifElse(condition: condition, then: then, otherwise: otherwise), keyword.range.union(previous.range))
  }

  // whileStmt = "while" expression block
  mutating func parseWhile() throws -> Stmt {
    let keyword = advance()
    let condition = try parseExpression()
    let body = try parseBlock(after: "the 'while' condition", keyword: keyword)
    return Stmt(.whileLoop(condition: condition, body: body), keyword.range.union(previous.range))
  }

  // forStmt = "for" targets "in" expression ( ( "..<" | "..." ) expression )? block
  /// `for i in range(a, b)` becomes the loop over `a..<b` (the fast loop);
  /// `for a, b in pairs` a loop that unpacks each item.
  mutating func parseFor() throws -> Stmt {
    let keyword = advance()
    let target = try parseForTargets()
    try expect(.kwIn, "'in' after the loop variable")
    var start = try parseExpression()
    var upper: Expr? = nil
    var closed = false
    if let range = match(.halfOpenRange, .closedRange) {
      closed = range.kind == .closedRange
      upper = try parseExpression()
    } else if case .call(let callee, let args) = start.kind, case .name("range") = callee.kind,
      (1...2).contains(args.count), args.allSatisfy({ if case .keyword = $0.kind { false } else { true } })
    {
      upper = args[args.count - 1]
      start = args.count == 2 ? args[0] : Expr(.integer(0), callee.range)
    }
    let body = try parseBlock(after: "the 'for' header", keyword: keyword)
    guard case .name(let variable) = target.kind else {
      let iterable =
        upper.map { Expr(.call(Expr(.name("range"), start.range), [start, $0]), start.range.union($0.range)) } ?? start
      guard case .tuple(let targets) = target.kind else { throw report("expected a loop variable", at: peek) }
      return Stmt(.forUnpack(targets: targets, iterable: iterable, body: body), keyword.range.union(previous.range))
    }
    return Stmt(
      .forLoop(
        variable: variable, variableRange: target.range, start: start, upper: upper,
        closed: closed, body: body), keyword.range.union(previous.range))
  }

  // repeatStmt = "repeat" expression block
  mutating func parseRepeat() throws -> Stmt {
    let keyword = advance()
    let count = try parseExpression()
    let body = try parseBlock(after: "the 'repeat' count", keyword: keyword)
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
      // `def f(x) = e`, Descent's one-line form.
      let body = try parseExpression()
      return Stmt(
        .def(name: name.text, parameters: parameters, body: [Stmt(.returnValue(body), equal.range.union(body.range))]),
        keyword.range.union(body.range))
    }
    if match(.arrow) != nil { _ = try parseExpression() }  // `-> float`: a hint, not checked
    let body = try parseBlock(after: "the parameter list (or '=' and an expression)", keyword: keyword)
    return Stmt(.def(name: name.text, parameters: parameters, body: body), keyword.range.union(previous.range))
  }

  // assignOrExpr = expressionList ( ( "=" | "+=" | "-=" | "*=" | "/=" | "//=" | "%=" | "**=" ) expressionList )?
  mutating func parseAssignOrExpression() throws -> Stmt {
    let target = try parseExpressionList()
    guard
      let op = match(
        .equal, .plusEqual, .minusEqual, .starEqual, .slashEqual, .slashSlashEqual, .percentEqual, .starStarEqual)
    else {
      return Stmt(.expression(target), target.range)
    }
    guard isAssignable(target) else {
      throw report("cannot assign to this expression; assign to a name, an element or a field", at: op)
    }
    if case .tuple = target.kind, op.kind != .equal {
      throw report("'\(op.text)' cannot update several names at once; write one line per name", at: op)
    }
    if case .name(let word) = target.kind, let kind = Token.reserved[word], !Parser.softWords.contains(kind) {
      throw report("'\(word)' is a reserved word and cannot be assigned", at: op)
    }
    let value = try parseExpressionList()
    let arithmetic: BinaryOperator? =
      switch op.kind {
      case .plusEqual: .add
      case .minusEqual: .subtract
      case .starEqual: .multiply
      case .slashEqual: .divide
      case .slashSlashEqual: .floorDivide
      case .percentEqual: .modulo
      case .starStarEqual: .power
      default: nil
      }
    return Stmt(.assign(target: target, op: arithmetic, value: value), target.range.union(value.range))
  }
}
