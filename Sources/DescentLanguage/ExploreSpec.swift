/// `explore alpha from 1 to 40 step 1 start 18 { ... }`: one or two knobs
/// and the block whose output is a frame per knob value.
public struct ExploreSpec: Sendable, Hashable {
  public var knobs: [ExploreKnob]
  public var body: [Stmt]
}

/// One knob of an `explore`: the variable it sets and its range.
public struct ExploreKnob: Sendable, Hashable {
  public var name: String
  public var nameRange: SourceRange
  public var from: Expr
  public var to: Expr
  /// nil: 1 for whole-number ends, else a twentieth of the range.
  public var step: Expr?
  /// nil: the `from` end.
  public var start: Expr?
}

extension Parser {
  // exploreStmt = "explore" knob ( "," knob )? block
  mutating func parseExplore() throws -> Stmt {
    let keyword = advance()
    var knobs = [try parseKnob()]
    if match(.comma) != nil {
      knobs.append(try parseKnob())
      if knobs[1].name == knobs[0].name {
        throw report("'\(knobs[1].name)' is explored twice", at: previous)
      }
      if check(.comma) {
        throw report(
          "explore takes at most two knobs", at: peek,
          notes: ["as in: explore alpha from 1 to 40, momentum from 0 to 0.9 { ... }"])
      }
    }
    let body = try parseBlock(after: "the explore range (as in: explore alpha from 1 to 40 { ... })", keyword: keyword)
    return Stmt(.domain(.explore(ExploreSpec(knobs: knobs, body: body))), keyword.range.union(previous.range))
  }

  // knob = NAME "from" expression "to" expression ( "step" expression )? ( "start" expression )?
  mutating func parseKnob() throws -> ExploreKnob {
    let name = try expect(.name, "a variable name to explore (as in: explore alpha from 1 to 40 { ... })")
    _ = try expectWord("from", "'from' and the start of the range (as in: explore \(name.text) from 1 to 40)")
    let from = try parseExpression()
    _ = try expectWord("to", "'to' and the end of the range (as in: explore \(name.text) from 1 to 40)")
    let to = try parseExpression()
    let step = matchWord("step") != nil ? try parseExpression() : nil
    let start = matchWord("start") != nil ? try parseExpression() : nil
    return ExploreKnob(name: name.text, nameRange: name.range, from: from, to: to, step: step, start: start)
  }
}

extension Resolver {
  /// An error at each `explore` written inside another's block.
  static func nestedExplores(in statements: [Stmt]) -> [Diagnostic] {
    statements.flatMap { statement -> [Diagnostic] in
      switch statement.kind {
      case .domain(let domain):
        switch domain {
        case .explore:
          return [
            Diagnostic(
              "explore inside another explore", at: statement.range, phase: .syntax,
              notes: ["one explore at a time: give the outer one a second knob instead (explore a from ..., b from ... { })"])
          ]
        case .train, .plot, .show, .network, .load, .predict, .checkGradient, .seed, .live, .showDerivative, .compare:
          return []  // no block inside
        }
      case .ifElse(_, let then, let otherwise): return nestedExplores(in: then + (otherwise ?? []))
      case .whileLoop(_, let body), .repeatLoop(_, let body), .forLoop(_, _, _, _, _, let body), .def(_, _, let body):
        return nestedExplores(in: body)
      default: return []
      }
    }
  }
}
