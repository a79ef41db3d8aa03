/// The syntax tree as text: one node a line, children indented two spaces
/// under their parent, each node with its source range (`line:col-line:col`,
/// end exclusive).
///
/// Parser tests compare this dump with expected text files, as swift-markdown
/// compares its trees' `debugDescription`; `descent parse --dump` prints it.
///
///     assign @1:1-1:6
///       target: name x @1:1-1:2
///       value: integer 1 @1:5-1:6
public enum ASTDump {
  /// The dump of a whole program (a parse's statements), ending in a newline
  /// unless there are no statements.
  public static func dump(_ statements: [Stmt]) -> String {
    var lines = Lines()
    for statement in statements { lines.add(statement, role: nil, depth: 0) }
    return lines.text
  }

  /// Accumulates the dump's lines.
  private struct Lines {
    var text = ""

    mutating func line(_ depth: Int, _ role: String?, _ head: String, _ range: SourceRange?) {
      text += String(repeating: "  ", count: depth)
      if let role { text += role + ": " }
      text += head
      if let range { text += " @" + range.description }
      text += "\n"
    }

    // MARK: - Statements

    mutating func add(_ statement: Stmt, role: String?, depth: Int) {
      let range = statement.range
      let child = depth + 1
      switch statement.kind {
      case .expression(let expr):
        line(depth, role, "expression", range)
        add(expr, role: nil, depth: child)
      case .assign(let target, let op, let value):
        line(depth, role, op.map { "assign \($0.rawValue)=" } ?? "assign", range)
        add(target, role: "target", depth: child)
        add(value, role: "value", depth: child)
      case .print(let items):
        line(depth, role, "print", range)
        for item in items { add(item, role: nil, depth: child) }
      case .digits(let count):
        line(depth, role, "digits " + (count.map(String.init) ?? "shortest"), range)
      case .ifElse(let condition, let then, let otherwise):
        line(depth, role, "if", range)
        add(condition, role: "condition", depth: child)
        block(then, role: "then", depth: child)
        if let otherwise { block(otherwise, role: "else", depth: child) }
      case .whileLoop(let condition, let body):
        line(depth, role, "while", range)
        add(condition, role: "condition", depth: child)
        block(body, role: "body", depth: child)
      case .forLoop(let variable, let variableRange, let start, let upper, let closed, let body):
        let form = upper == nil ? "over" : (closed ? "..." : "..<")
        line(depth, role, "for \(variable) \(form)", range)
        line(child, "variable", "name \(variable)", variableRange)
        add(start, role: upper == nil ? "sequence" : "start", depth: child)
        if let upper { add(upper, role: "upper", depth: child) }
        block(body, role: "body", depth: child)
      case .repeatLoop(let count, let body):
        line(depth, role, "repeat", range)
        add(count, role: "count", depth: child)
        block(body, role: "body", depth: child)
      case .def(let name, let parameters, let body):
        line(depth, role, "def \(name)(\(parameters.joined(separator: ", ")))", range)
        block(body, role: "body", depth: child)
      case .returnValue(let value):
        line(depth, role, "return", range)
        if let value { add(value, role: nil, depth: child) }
      case .breakLoop: line(depth, role, "break", range)
      case .continueLoop: line(depth, role, "continue", range)
      case .domain(let domain): add(domain, role: role, range: range, depth: depth)
      case .pass: line(depth, role, "pass", range)
      case .forUnpack(let targets, let iterable, let body):
        line(depth, role, "for (\(targets.count)) over", range)
        for target in targets { add(target, role: "target", depth: child) }
        add(iterable, role: "sequence", depth: child)
        block(body, role: "body", depth: child)
      case .assert(let condition, let message):
        line(depth, role, "assert", range)
        add(condition, role: "condition", depth: child)
        if let message { add(message, role: "message", depth: child) }
      case .importModule(let spec):
        let names = spec.names.map { " import " + $0.map { $0.name + ($0.alias.map { " as " + $0 } ?? "") }.joined(separator: ", ") } ?? ""
        line(depth, role, "import \(spec.module)\(spec.alias.map { " as " + $0 } ?? "")\(names)", range)
      case .printPython(let items, let separator, let terminator):
        line(depth, role, "print()", range)
        for item in items { add(item, role: nil, depth: child) }
        if let separator { add(separator, role: "sep", depth: child) }
        if let terminator { add(terminator, role: "end", depth: child) }
      }
    }

    /// A domain statement; no `default`, so a new `DomainStmt` case must say how it dumps.
    mutating func add(_ statement: DomainStmt, role: String?, range: SourceRange, depth: Int) {
      let child = depth + 1
      switch statement {
      case .train(let spec): train(spec, role: role, range: range, depth: depth)
      case .plot(let spec): plot(spec, role: role, range: range, depth: depth)
      case .show(let what, let wide): line(depth, role, "show \(what.rawValue)\(wide ? " wide" : "")", range)
      case .network(let spec): network(spec, role: role, range: range, depth: depth)
      case .load(let path, let target):
        let targetText = target.map { " target \(quoted($0))" } ?? ""
        line(depth, role, "load \(quoted(path))\(targetText)", range)
      case .predict(let input):
        line(depth, role, "predict", range)
        add(input, role: nil, depth: child)
      case .checkGradient: line(depth, role, "check gradient", range)
      case .showDerivative(let expression, let variable, _):
        line(depth, role, "show derivative wrt \(variable)", range)
        add(expression, role: "of", depth: child)
      case .seed(let value):
        line(depth, role, "seed", range)
        add(value, role: nil, depth: child)
      case .live(let on): line(depth, role, on ? "live on" : "live off", range)
      case .compare(let spec):
        line(depth, role, "compare", range)
        for optimizer in spec.optimizers { self.optimizer(optimizer, depth: child) }
        add(spec.function, role: "on", depth: child)
        add(spec.start, role: "from", depth: child)
        if let alpha = spec.alpha { add(alpha, role: "alpha", depth: child) }
        if let steps = spec.steps { add(steps, role: "steps", depth: child) }
      case .explore(let spec):
        line(depth, role, "explore", range)
        for knob in spec.knobs {
          let last = knob.start ?? knob.step ?? knob.to
          line(child, "knob", "name \(knob.name)", knob.nameRange.union(last.range))
          add(knob.from, role: "from", depth: child + 1)
          add(knob.to, role: "to", depth: child + 1)
          if let step = knob.step { add(step, role: "step", depth: child + 1) }
          if let start = knob.start { add(start, role: "start", depth: child + 1) }
        }
        block(spec.body, role: "body", depth: child)
      }
    }

    /// A block's statements under a label line (`then:`, `body:`); an empty
    /// block says so, so `if x { }` and a missing block read differently.
    mutating func block(_ statements: [Stmt], role: String, depth: Int) {
      line(depth, role, statements.isEmpty ? "(empty)" : "block", nil)
      for statement in statements { add(statement, role: nil, depth: depth + 1) }
    }

    mutating func train(_ spec: TrainSpec, role: String?, range: SourceRange, depth: Int) {
      var flags: [String] = []
      if spec.hotCold { flags.append("hotcold") }
      if spec.verbose { flags.append("verbose") }
      if spec.quiet { flags.append("quiet") }
      line(depth, role, (["train"] + flags).joined(separator: " "), range)
      let child = depth + 1
      switch spec.count {
      case .steps(let steps): add(steps, role: "steps", depth: child)
      case .epochs(let epochs): add(epochs, role: "epochs", depth: child)
      case .untilError(let limit, let inclusive):
        add(limit, role: inclusive ? "until error <=" : "until error <", depth: child)
      }
      // The options in source order (they may come in any order).
      var options: [(start: SourceLocation, role: String?, expr: Expr?)] = []
      if let alpha = spec.alpha { options.append((alpha.range.start, "alpha", alpha)) }
      if let maxSteps = spec.maxSteps { options.append((maxSteps.range.start, "max", maxSteps)) }
      if let optimizer = spec.optimizer { options.append((optimizer.range.start, nil, nil)) }
      if let step = spec.hotColdStep { options.append((step.range.start, "step", step)) }
      if let function = spec.function { options.append((function.range.start, "on", function)) }
      for option in options.sorted(by: { $0.start < $1.start }) {
        if let expr = option.expr, let role = option.role {
          add(expr, role: role, depth: child)
        } else if let optimizer = spec.optimizer {
          self.optimizer(optimizer, depth: child)
        }
      }
    }

    /// `momentum M` and `nesterov M` as one line each (`momentum: float 0.9`);
    /// the other optimizers as their word, with their settings under it.
    mutating func optimizer(_ spec: OptimizerSpec, depth: Int) {
      switch spec.kind {
      case .momentum(let m), .nesterov(let m): add(m, role: spec.word, depth: depth)
      default:
        line(depth, nil, spec.word, spec.range)
        for setting in spec.settings { add(setting.value, role: setting.name, depth: depth + 1) }
      }
    }

    mutating func plot(_ spec: PlotSpec, role: String?, range: SourceRange, depth: Int) {
      var head = "plot"
      let child = depth + 1
      var operands: [(String, Expr)] = []
      switch spec.what {
      case .error: head += " error"
      case .errorVs(let name): head += " error vs \(name)"
      case .errorOver(let xs, let ys):
        head += " error over"
        operands = [("x", xs), ("y", ys)]
      case .predVsGoal: head += " pred vs goal"
      case .function(let name, let from, let to):
        head += " function \(name)"
        operands = [("from", from), ("to", to)]
      case .vectors(let xs, let ys):
        head += " vectors"
        operands = [("x", xs), ("y", ys)]
      }
      if spec.log { head += " log" }
      if let file = spec.file { head += " to \(quoted(file))" }
      line(depth, role, head, range)
      for (name, operand) in operands { add(operand, role: name, depth: child) }
    }

    mutating func network(_ spec: NetworkSpec, role: String?, range: SourceRange, depth: Int) {
      var head = "network " + spec.sizes.map(String.init).joined(separator: " -> ")
      if let activation = spec.activation { head += " \(activation)" }
      if spec.noBias { head += " nobias" }
      line(depth, role, head, range)
      if let activation = spec.activation, let activationRange = spec.activationRange {
        line(depth + 1, "activation", "name \(activation)", activationRange)
      }
      if let seed = spec.seed { add(seed, role: "seed", depth: depth + 1) }
    }

    // MARK: - Expressions

    mutating func add(_ expr: Expr, role: String?, depth: Int) {
      let range = expr.range
      let child = depth + 1
      switch expr.kind {
      case .integer(let value): line(depth, role, "integer \(value)", range)
      case .float(let value): line(depth, role, "float \(value)", range)
      case .string(let value): line(depth, role, "string \(quoted(value))", range)
      case .bool(let value): line(depth, role, "bool \(value)", range)
      case .name(let name): line(depth, role, "name \(name)", range)
      case .vector(let items):
        line(depth, role, "vector (\(items.count))", range)
        for item in items { add(item, role: nil, depth: child) }
      case .unary(let op, let operand):
        line(depth, role, "unary \(op.rawValue)", range)
        add(operand, role: nil, depth: child)
      case .binary(let op, let left, let right):
        line(depth, role, "binary \(op.rawValue)", range)
        add(left, role: nil, depth: child)
        add(right, role: nil, depth: child)
      case .and(let left, let right):
        line(depth, role, "and", range)
        add(left, role: nil, depth: child)
        add(right, role: nil, depth: child)
      case .or(let left, let right):
        line(depth, role, "or", range)
        add(left, role: nil, depth: child)
        add(right, role: nil, depth: child)
      case .not(let operand):
        line(depth, role, "not", range)
        add(operand, role: nil, depth: child)
      case .comparison(let operators, let operands):
        line(depth, role, "comparison " + operators.map(\.rawValue).joined(separator: " "), range)
        for operand in operands { add(operand, role: nil, depth: child) }
      case .call(let callee, let arguments):
        line(depth, role, "call (\(arguments.count))", range)
        add(callee, role: "callee", depth: child)
        for argument in arguments { add(argument, role: nil, depth: child) }
      case .index(let base, let index):
        line(depth, role, "index", range)
        add(base, role: "base", depth: child)
        add(index, role: "index", depth: child)
      case .member(let base, let name):
        line(depth, role, "member .\(name)", range)
        add(base, role: nil, depth: child)
      case .network(let spec): network(spec, role: role, range: range, depth: depth)
      case .load(let path): line(depth, role, "load \(quoted(path))", range)
      case .none: line(depth, role, "None", range)
      case .tuple(let items):
        line(depth, role, "tuple (\(items.count))", range)
        for item in items { add(item, role: nil, depth: child) }
      case .slice(let lower, let upper, let step):
        line(depth, role, "slice", range)
        if let lower { add(lower, role: "lower", depth: child) }
        if let upper { add(upper, role: "upper", depth: child) }
        if let step { add(step, role: "step", depth: child) }
      case .keyword(let name, let value):
        line(depth, role, "keyword \(name)", range)
        add(value, role: nil, depth: child)
      case .membership(let item, let container, let negated):
        line(depth, role, negated ? "not in" : "in", range)
        add(item, role: nil, depth: child)
        add(container, role: nil, depth: child)
      case .identity(let left, let right, let negated):
        line(depth, role, negated ? "is not" : "is", range)
        add(left, role: nil, depth: child)
        add(right, role: nil, depth: child)
      case .formatted(let pieces):
        line(depth, role, "f-string (\(pieces.count))", range)
        formatPieces(pieces, depth: child)
      case .conditional(let value, let condition, let otherwise):
        line(depth, role, "conditional", range)
        add(value, role: "value", depth: child)
        add(condition, role: "condition", depth: child)
        add(otherwise, role: "else", depth: child)
      }
    }

    mutating func formatPieces(_ pieces: [FormatPiece], depth: Int) {
      for piece in pieces {
        switch piece {
        case .text(let text): line(depth, nil, "text \(quoted(text))", nil)
        case .field(let expr, let conversion, let spec, let range):
          line(depth, nil, "field" + (conversion.map { " !\($0)" } ?? ""), range)
          add(expr, role: nil, depth: depth + 1)
          if !spec.isEmpty {
            line(depth + 1, "spec", "pieces (\(spec.count))", nil)
            formatPieces(spec, depth: depth + 2)
          }
        }
      }
    }

    /// A string as a double-quoted literal with control characters escaped,
    /// so a dump stays one node a line whatever the source held.
    func quoted(_ text: String) -> String {
      var out = "\""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
          // Control characters and bidirectional overrides would reorder
          // or break the dump's line; they are shown by code point.
          let value = scalar.value
          if value < 0x20 || value == 0x7F || (0x80..<0xA0).contains(value)
            || (0x200B...0x200F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
          {
            out += "\\u{" + String(value, radix: 16) + "}"
          } else {
            out.unicodeScalars.append(scalar)
          }
        }
      }
      return out + "\""
    }
  }
}
