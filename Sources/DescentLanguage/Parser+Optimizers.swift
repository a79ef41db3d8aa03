extension Parser {
  // optimizer = "sgd" | "momentum" expression | "nesterov" expression | "adagrad"
  //           | "rmsprop" ( "decay" expression )?
  //           | "adam" ( ( "beta1" | "beta2" ) expression )*
  /// Parses an optimizer option at an optimizer word (`OptimizerSpec.words`);
  /// the words are contextual, so `adam = 1` still names a variable elsewhere.
  mutating func parseOptimizer() throws -> OptimizerSpec {
    let word = advance()
    let kind: OptimizerSpec.Kind
    switch word.text {
    case "momentum": kind = .momentum(try parseExpression())
    case "nesterov": kind = .nesterov(try parseExpression())
    case "adagrad": kind = .adagrad
    case "rmsprop": kind = .rmsprop(decay: matchWord("decay") != nil ? try parseExpression() : nil)
    case "adam":
      var betas: [String: Expr] = [:]
      while peek.kind == .name, peek.text == "beta1" || peek.text == "beta2" {
        let setting = advance()
        if betas[setting.text] != nil { throw report("'\(setting.text)' is given twice", at: setting) }
        betas[setting.text] = try parseExpression()
      }
      kind = .adam(beta1: betas["beta1"], beta2: betas["beta2"])
    default: kind = .sgd
    }
    return OptimizerSpec(kind, word: word.text, word.range.union(previous.range))
  }
}
