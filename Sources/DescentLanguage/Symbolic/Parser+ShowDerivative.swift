extension Parser {
  // showStmt       = "show" derivativeShow
  // derivativeShow = "derivative" "of" expression "wrt" NAME
  mutating func parseShowDerivative() throws -> Stmt {
    let keyword = advance()
    advance()  // "derivative"
    let example = "as in: show derivative of (input * weight - goal_pred) ** 2 wrt weight"
    guard matchWord("of") != nil else {
      throw report("expected 'of' after 'show derivative', found \(peek.described)", at: peek, notes: [example])
    }
    if checkWord("wrt") {
      throw report("expected the expression to differentiate after 'of', found 'wrt'", at: peek, notes: [example])
    }
    let expression = try parseExpression()
    guard matchWord("wrt") != nil else {
      throw report(
        "expected 'wrt' and the variable to differentiate by after the expression, found \(peek.described)", at: peek,
        notes: [example])
    }
    let variable = try expect(.name, "the variable's name after 'wrt'", notes: [example])
    return Stmt(
      .domain(.showDerivative(of: expression, wrt: variable.text, variableRange: variable.range)), keyword.range.union(variable.range))
  }
}
