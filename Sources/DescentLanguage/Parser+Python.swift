/// The Python forms of the grammar: colon blocks, tuple targets, imports,
/// `assert`, `pass`, and the reserved words a Python listing may use as
/// names.
extension Parser {
  // MARK: - Colon blocks

  // suite = NEWLINE INDENT separator* ( statement ( separator+ statement )* )? separator* DEDENT
  //       | statement ( ";" statement )* ";"?
  mutating func parseSuite(after keyword: Token) throws -> [Stmt] {
    advance()  // ':'
    usesPythonForms = true
    let expected =
      "expected an indented block after the '\(keyword.text)' at line \(keyword.range.start.line + lineOffset)"
    if atEnd {
      endedEarly = true
      note(expected, at: placeOf(peek))
      return []
    }
    guard match(.newline) != nil else {
      // One line: `if c: stmt`, `def f(x): return x * 2`.
      var statements: [Stmt] = []
      repeat {
        if atStatementEnd { break }
        statements.append(try parseStatement())
      } while match(.semicolon) != nil
      return statements
    }
    skipSeparators()
    guard match(.indent) != nil else {
      // Not thrown: the next line is a statement of its own, parsed next.
      if atEnd { endedEarly = true }
      note(
        expected, at: placeOf(peek),
        notes: ["indent the lines of the block (4 spaces), or write 'pass' for an empty one"])
      return []
    }
    var statements: [Stmt] = []
    parseIndentedStatements(into: &statements)
    return statements
  }

  /// The statements of an indented block, up to its DEDENT (consumed).
  private mutating func parseIndentedStatements(into statements: inout [Stmt]) {
    skipSeparators()
    while !check(.dedent) && !atEnd {
      if skipStrayIndentation() { continue }
      if check(.rightBrace) {
        // A '}' that no '{' in this block opened: reported, and skipped
        // (the statement loop would otherwise stop at it again and again).
        _ = report("unexpected '}' with no block open", at: peek)
        advance()
        skipSeparators()
        continue
      }
      parseStatementInto(&statements)
      skipSeparators()
    }
    _ = match(.dedent)
  }

  /// An INDENT where a statement should start is Python's "unexpected
  /// indent": its lines are parsed (for their own errors) and dropped. A
  /// DEDENT there (after an error) is skipped. True when one was found.
  mutating func skipStrayIndentation() -> Bool {
    if match(.dedent) != nil { return true }
    guard match(.indent) != nil else { return false }
    note(
      "unexpected indent", at: placeOf(peek),
      notes: ["only the lines of a block (after a line ending in ':') are indented"])
    var dropped: [Stmt] = []
    parseIndentedStatements(into: &dropped)
    return true
  }

  // MARK: - Statements

  /// Python's statement words, which Descent does not reserve: they start
  /// a statement only in statement position.
  func pythonStatementWord() -> String? {
    guard peek.kind == .name else { return nil }
    let next = peek(1).kind
    switch peek.text {
    case "pass": return atWordEnd(next) ? "pass" : nil
    case "import", "from": return next == .name ? peek.text : nil
    case "assert":
      return [.equal, .plusEqual, .minusEqual, .dot, .leftBracket, .comma].contains(next) || atWordEnd(next) ? nil : "assert"
    default: return nil
    }
  }

  private func atWordEnd(_ kind: Token.Kind) -> Bool {
    [.newline, .semicolon, .rightBrace, .dedent, .eof].contains(kind)
  }

  mutating func parsePythonStatement(_ word: String) throws -> Stmt {
    usesPythonForms = true
    let keyword = advance()
    switch word {
    case "pass":
      return Stmt(.pass, keyword.range)
    case "assert":
      // assertStmt = "assert" expression ( "," expression )?
      let condition = try parseExpression()
      var message: Expr? = nil
      if match(.comma) != nil { message = try parseExpression() }
      return Stmt(.assert(condition, message: message), keyword.range.union(previous.range))
    case "import":
      // importStmt = "import" dottedName ( "as" NAME )?
      let (module, moduleRange) = try parseDottedName()
      var alias: String? = nil
      if matchWord("as") != nil { alias = try expect(.name, "a name after 'as'").text }
      let spec = ImportSpec(module: module, moduleRange: moduleRange, alias: alias, names: nil)
      return Stmt(.importModule(spec), keyword.range.union(previous.range))
    default:
      // fromStmt = "from" dottedName "import" NAME ( "as" NAME )? ( "," NAME ( "as" NAME )? )*
      let (module, moduleRange) = try parseDottedName()
      _ = try expectWord("import", "'import' after the module name")
      var names: [ImportedName] = []
      let parenthesized = match(.leftParen) != nil
      repeat {
        if parenthesized && check(.rightParen) { break }
        let name = check(.star) ? advance() : try expect(.name, "a name to import")
        var alias: String? = nil
        if matchWord("as") != nil { alias = try expect(.name, "a name after 'as'").text }
        names.append(ImportedName(name: name.text, alias: alias, range: name.range))
      } while match(.comma) != nil
      if parenthesized { try expect(.rightParen, "')' after the imported names") }
      let spec = ImportSpec(module: module, moduleRange: moduleRange, alias: nil, names: names)
      return Stmt(.importModule(spec), keyword.range.union(previous.range))
    }
  }

  /// `numpy.random`: names joined by dots.
  private mutating func parseDottedName() throws -> (String, SourceRange) {
    let first = try expect(.name, "a module name")
    var name = first.text
    var range = first.range
    while check(.dot), peek(1).kind == .name {
      advance()
      let part = advance()
      name += "." + part.text
      range = range.union(part.range)
    }
    return (name, range)
  }

  // MARK: - Targets

  // targets = target ( "," target )* ","?
  // target  = NAME | "(" targets ")" | "[" targets "]"
  /// The names after `for`: one name, or a tuple of them.
  mutating func parseForTargets() throws -> Expr {
    var targets: [Expr] = []
    repeat {
      if check(.kwIn) { break }
      targets.append(try parseForTarget())
    } while match(.comma) != nil
    guard let first = targets.first else {
      throw report("expected a loop variable name after 'for', found \(peek.described)", at: peek)
    }
    if targets.count == 1 && previous.kind != .comma { return first }
    return Expr(.tuple(targets), first.range.union(targets[targets.count - 1].range))
  }

  private mutating func parseForTarget() throws -> Expr {
    if let open = match(.leftParen, .leftBracket) {
      let close: Token.Kind = open.kind == .leftParen ? .rightParen : .rightBracket
      var inner: [Expr] = []
      repeat {
        if check(close) { break }
        inner.append(try parseForTarget())
      } while match(.comma) != nil
      let end = try expect(close, "'\(close.rawValue)' to close the loop variables")
      return Expr(.tuple(inner), open.range.union(end.range))
    }
    let name = try expect(.name, "a loop variable name after 'for'")
    return Expr(.name(name.text), name.range)
  }

  /// Checks that an assignment target is a place: a name, an element, a
  /// field, or a tuple of places.
  func isAssignable(_ target: Expr) -> Bool {
    switch target.kind {
    case .name, .index, .member: return true
    case .tuple(let items): return !items.isEmpty && items.allSatisfy(isAssignable)
    default: return false
    }
  }

  // MARK: - Reserved words used as names

  /// Descent's reserved words that are plain names in Python (`true`,
  /// `false`, `repeat`, `digits`): when the source assigns one (`true =
  /// [1, 0]`), or the session already holds a variable of that name, it
  /// is a name everywhere in the source.
  /// Reserved words that are names in Python (see `wordsAsNames`).
  static let softWords: Set<Token.Kind> = [.kwTrue, .kwFalse, .kwRepeat, .kwDigits]

  public static func wordsAsNames(_ tokens: [Token], namesInUse: Set<String>) -> [Token] {
    let soft = softWords
    let assignments: Set<Token.Kind> = [
      .equal, .plusEqual, .minusEqual, .starEqual, .slashEqual, .slashSlashEqual, .percentEqual, .starStarEqual,
    ]
    var assigned = namesInUse
    for (i, token) in tokens.enumerated() where soft.contains(token.kind) {
      let next = i + 1 < tokens.count ? tokens[i + 1].kind : .eof
      let before = i > 0 ? tokens[i - 1].kind : .newline
      if assignments.contains(next) || before == .kwFor { assigned.insert(token.text) }
    }
    guard !assigned.isEmpty else { return tokens }
    return tokens.map { token in
      guard soft.contains(token.kind), assigned.contains(token.text) else { return token }
      return Token(.name, token.text, token.range)
    }
  }
}
