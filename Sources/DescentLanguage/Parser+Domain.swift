extension Parser {
  // domainStmt = trainStmt | plotStmt | showStmt | networkStmt | loadStmt
  //            | predictStmt | checkStmt | seedStmt | liveStmt | exploreStmt | compareStmt
  mutating func parseDomainStatement() throws -> Stmt {
    switch peek.text {
    case "live":
      // liveStmt = "live" ( "on" | "off" )
      let keyword = advance()
      let word = try expect(.name, "'on' or 'off' after 'live'")
      guard word.text == "on" || word.text == "off" else {
        throw report("expected 'on' or 'off' after 'live', found \(word.described)", at: word)
      }
      return Stmt(.domain(.live(word.text == "on")), keyword.range.union(word.range))
    case "train": return try parseTrain()
    case "explore": return try parseExplore()
    case "compare": return try parseCompare()
    case "plot": return try parsePlot()
    case "show":
      // showStmt = "show" ( "history" "wide"? | "weights" | "graph" | derivativeShow )
      if peek(1).text == "derivative" { return try parseShowDerivative() }
      let keyword = advance()
      let what = try expect(.name, "'history', 'weights', 'graph' or 'derivative' after 'show'")
      guard let show = ShowWhat(rawValue: what.text) else {
        throw report("expected 'history', 'weights', 'graph' or 'derivative' after 'show', found \(what.described)", at: what)
      }
      let wide = show == .history ? matchWord("wide") : nil
      return Stmt(.domain(.show(show, wide: wide != nil)), keyword.range.union((wide ?? what).range))
    case "network":
      let network = try parseNetworkExpression()
      guard case .network(let spec) = network.kind else { throw Unwind() }
      return Stmt(.domain(.network(spec)), network.range)
    case "load":
      // loadStmt = loadExpr ( "target" STRING )?
      let keyword = advance()
      let path = try expect(.string, "a file name in quotes after 'load'")
      var target: String? = nil
      if matchWord("target") != nil {
        target = Parser.decodeString(try expect(.string, "a column name in quotes after 'target'").text)
      }
      return Stmt(.domain(.load(path: Parser.decodeString(path.text), target: target)), keyword.range.union(previous.range))
    case "predict":
      let keyword = advance()
      let input = try parseExpression()
      return Stmt(.domain(.predict(input)), keyword.range.union(input.range))
    case "check":
      let keyword = advance()
      let what = try expectWord("gradient", "'gradient' after 'check'")
      return Stmt(.domain(.checkGradient), keyword.range.union(what.range))
    default:  // "seed"
      let keyword = advance()
      let value = try parseExpression()
      return Stmt(.domain(.seed(value)), keyword.range.union(value.range))
    }
  }

  // trainStmt = "train" ( "until" "error" ( "<" | "<=" ) expression | expression "epochs"? ) trainOption*
  // trainOption = "alpha" expression | "max" expression | optimizer
  //             | "hotcold" | "step" expression | "verbose" | "quiet" | "on" postfix
  mutating func parseTrain() throws -> Stmt {
    let keyword = advance()
    var count: TrainSpec.Count
    if matchWord("until") != nil {
      _ = try expectWord("error", "'error' after 'until' (as in: train until error < 1e-6)")
      guard let op = match(.less, .lessEqual) else {
        throw report("expected '<' or '<=' after 'until error', found \(peek.described)", at: peek)
      }
      count = .untilError(try parseExpression(), inclusive: op.kind == .lessEqual)
    } else {
      let steps = try parseExpression()
      count = matchWord("epochs") != nil ? .epochs(steps) : .steps(steps)
    }
    var spec = TrainSpec(count: count)
    var seen: Set<String> = []
    while peek.kind == .name {
      let option = peek
      if seen.contains(option.text) {
        throw report("'\(option.text)' is given twice", at: option)
      }
      switch option.text {
      case "alpha":
        advance()
        spec.alpha = try parseExpression()
      case "max":
        advance()
        spec.maxSteps = try parseExpression()
      case _ where OptimizerSpec.words.contains(option.text):
        if let first = spec.optimizer {
          throw report(
            "only one optimizer per train: '\(first.word)' is already given", at: option,
            notes: ["as in: train 100 alpha 0.01 adam"])
        }
        spec.optimizer = try parseOptimizer()
      case "hotcold":
        advance()
        spec.hotCold = true
      case "step":
        advance()
        spec.hotColdStep = try parseExpression()
      case "verbose":
        advance()
        spec.verbose = true
      case "quiet":
        advance()
        spec.quiet = true
      case "on":
        advance()
        spec.function = try parsePostfix()
      default:
        throw report(
          "unknown train option \(option.described)", at: option,
          notes: [
            "options are: alpha A, max N, hotcold, step S, verbose, quiet, on f, and one optimizer:"
              + " momentum M, nesterov M, adagrad, rmsprop [decay D], adam [beta1 B1] [beta2 B2]"
          ])
      }
      seen.insert(option.text)
    }
    if spec.hotColdStep != nil && !spec.hotCold {
      spec.hotCold = true  // `step S` only means something for hot and cold.
    }
    if spec.hotCold, let optimizer = spec.optimizer {
      note(
        "hot and cold learning takes no optimizer: '\(optimizer.word)' follows a gradient it does not use",
        at: optimizer.range, notes: ["drop '\(optimizer.word)', or train by gradient descent without 'hotcold'"])
    }
    if case .untilError = count, spec.maxSteps == nil {
      note(
        "'train until' needs a limit: add 'max N'", at: keyword.range.union(previous.range),
        notes: ["as in: train until error < 1e-10 alpha 0.1 max 10000"])
    }
    return Stmt(.domain(.train(spec)), keyword.range.union(previous.range))
  }

  // plotStmt = "plot" ( "error" ( "vs" NAME | "over" postfix "," postfix )?
  //                   | "pred" "vs" "goal"
  //                   | NAME "from" expression "to" expression
  //                   | expression "," expression ) "log"? ( "to" STRING )?
  mutating func parsePlot() throws -> Stmt {
    let keyword = advance()
    let what: PlotSpec.What
    let endsPlotHead: (Token) -> Bool = { token in
      switch token.kind {
      case .newline, .semicolon, .eof, .rightBrace: return true
      case .name: return ["vs", "over", "log", "to"].contains(token.text)
      default: return false
      }
    }
    if checkWord("error"), endsPlotHead(peek(1)) {
      advance()
      if matchWord("vs") != nil {
        let name = try expect(.name, "a weight name after 'vs' (as in: plot error vs weight)")
        what = .errorVs(name.text)
      } else if matchWord("over") != nil {
        let first = try parsePostfix()
        try expect(.comma, "',' between the two weights (as in: plot error over weights[0], weights[1])")
        what = .errorOver(first, try parsePostfix())
      } else {
        what = .error
      }
    } else if checkWord("pred"), peek(1).kind == .name, peek(1).text == "vs" {
      advance()
      advance()
      _ = try expectWord("goal", "'goal' after 'plot pred vs'")
      what = .predVsGoal
    } else if peek.kind == .name, peek(1).kind == .name, peek(1).text == "from" {
      let function = advance()
      advance()
      let from = try parseExpression()
      _ = try expectWord("to", "'to' and the end of the range (as in: plot sigmoid from -6 to 6)")
      what = .function(function.text, from: from, to: try parseExpression())
    } else {
      let xs = try parseExpression()
      try expect(.comma, "',' and a second vector (as in: plot xs, ys), or one of: error, pred vs goal, f from a to b")
      what = .vectors(xs, try parseExpression())
    }
    var spec = PlotSpec(what: what)
    if matchWord("log") != nil { spec.log = true }
    if matchWord("to") != nil {
      spec.file = Parser.decodeString(try expect(.string, "a file name in quotes after 'to'").text)
    }
    return Stmt(.domain(.plot(spec)), keyword.range.union(previous.range))
  }

  // networkExpr = "network" NUMBER ( "->" NUMBER )+ NAME? "nobias"? ( "seed" expression )?
  mutating func parseNetworkExpression() throws -> Expr {
    let keyword = advance()
    var sizes: [Int] = []
    repeat {
      let size = try expect(.integer, "a layer size (a whole number)")
      guard let n = Int(size.text), n >= 1, n <= 1_000_000 else {
        throw report("a layer needs between 1 and 1000000 units, found \(size.text)", at: size)
      }
      sizes.append(n)
    } while match(.arrow) != nil
    if sizes.count < 2 {
      throw report(
        "a network needs at least two layer sizes, found \(sizes.count)", at: previous,
        notes: ["as in: network 3 -> 2 -> 1 sigmoid"])
    }
    var spec = NetworkSpec(sizes: sizes, activation: nil, activationRange: nil, seed: nil)
    if peek.kind == .name, peek.text != "seed", peek.text != "nobias" {
      let activation = advance()
      spec.activation = activation.text
      spec.activationRange = activation.range
    }
    if matchWord("nobias") != nil { spec.noBias = true }
    if matchWord("seed") != nil {
      spec.seed = try parseExpression()
    }
    return Expr(.network(spec), keyword.range.union(previous.range))
  }
}
