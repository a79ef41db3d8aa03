/// `compare sgd, momentum 0.9, adam on f from [1, -1] alpha 0.1 steps 50`:
/// optimizers raced from one start on one function.
public struct CompareSpec: Sendable, Hashable {
  /// The optimizers, in the order written (each a path and a table row).
  public var optimizers: [OptimizerSpec]
  /// The function after `on`.
  public var function: Expr
  /// The start after `from`: a number, or a vector of one value per parameter.
  public var start: Expr
  /// `alpha A`; nil: the variable `alpha`.
  public var alpha: Expr?
  /// `steps N`; nil: `CompareSpec.defaultSteps`.
  public var steps: Expr?

  /// The steps each optimizer takes when the statement names none.
  public static let defaultSteps = 100
}

extension Parser {
  // compareStmt = "compare" optimizer ( "," optimizer )* "on" postfix "from" expression compareOption*
  // compareOption = "alpha" expression | "steps" expression
  mutating func parseCompare() throws -> Stmt {
    let keyword = advance()
    var optimizers: [OptimizerSpec] = []
    repeat {
      guard peek.kind == .name, OptimizerSpec.words.contains(peek.text) else {
        throw report(
          "expected an optimizer to compare, found \(peek.described)", at: peek,
          notes: ["optimizers: sgd, momentum M, nesterov M, adagrad, rmsprop [decay D], adam [beta1 B1] [beta2 B2]"])
      }
      if peek.text == "momentum" || peek.text == "nesterov", peek(1).kind == .name, peek(1).text == "on" {
        throw report("\(peek.text) needs its coefficient, as in: \(peek.text) 0.9", at: peek)
      }
      optimizers.append(try parseOptimizer())
    } while match(.comma) != nil
    _ = try expectWord("on", "'on' and the function to race them on (as in: compare sgd, adam on f from [1, 1])")
    let function = try parsePostfix()
    _ = try expectWord("from", "'from' and the start (as in: compare sgd, adam on f from [1, 1] alpha 0.1 steps 50)")
    var spec = CompareSpec(optimizers: optimizers, function: function, start: try parseExpression())
    var seen: Set<String> = []
    while peek.kind == .name {
      let option = peek
      if seen.contains(option.text) { throw report("'\(option.text)' is given twice", at: option) }
      switch option.text {
      case "alpha":
        advance()
        spec.alpha = try parseExpression()
      case "steps":
        advance()
        spec.steps = try parseExpression()
      default:
        throw report("unknown compare option \(option.described)", at: option, notes: ["options are: alpha A, steps N"])
      }
      seen.insert(option.text)
    }
    return Stmt(.domain(.compare(spec)), keyword.range.union(previous.range))
  }
}
