/// A `def` as written: its name, parameters and statements. Symbolic
/// derivatives inline it; the export differentiates it statement by statement.
public struct FunctionDefinition: Sendable, Hashable {
  public var name: String
  public var parameters: [String]
  public var body: [Stmt]
  /// Where the `def` is (in the source it was run from).
  public var range: SourceRange

  public init(name: String, parameters: [String], body: [Stmt], range: SourceRange) {
    self.name = name
    self.parameters = parameters
    self.body = body
    self.range = range
  }
}

/// The learner's functions a formula may call, looked up by name.
public struct FunctionLibrary {
  private let lookup: (String) -> FunctionDefinition?

  /// A library answering from `lookup` (a session's variables, an exported program's defs).
  public init(_ lookup: @escaping (String) -> FunctionDefinition?) { self.lookup = lookup }

  /// The library of these definitions; a later one of the same name wins, as a later `def` does.
  public init(_ definitions: [FunctionDefinition]) {
    var byName: [String: FunctionDefinition] = [:]
    for definition in definitions { byName[definition.name] = definition }
    lookup = { byName[$0] }
  }

  /// No functions but the built-ins.
  public static var none: FunctionLibrary { FunctionLibrary { _ in nil } }

  /// The `def` called `name`, if there is one.
  public func definition(named name: String) -> FunctionDefinition? { lookup(name) }
}

extension FunctionDefinition {
  /// What the function returns for these arguments, written as one
  /// expression: each assignment's value stands in for its name, the
  /// arguments for the parameters (`def f(x) { y = x * x; return y + 1 }`
  /// called as `f(a)` is `a * a + 1`).
  ///
  /// Only straight-line bodies have one expression: assignments, then
  /// `return`. Anything else (a loop, an `if`, a function that returns
  /// nothing) is a diagnostic at `callRange`, the call the learner wrote;
  /// the nodes taken from the body carry that range too, so any later error
  /// about them points at the call, not into a source that may be gone.
  func inlined(arguments: [Expr], at callRange: SourceRange) throws -> Expr {
    guard arguments.count == parameters.count else {
      throw Diagnostic(
        "\(name)() takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s"), given \(arguments.count)",
        at: callRange)
    }
    var values: [String: Expr] = [:]
    for (parameter, argument) in zip(parameters, arguments) { values[parameter] = argument }
    func substituted(_ expr: Expr) -> Expr {
      if case .name(let n) = expr.kind {
        return values[n] ?? Expr(expr.kind, callRange)
      }
      return Expr(expr.mappingChildren(substituted).kind, callRange)
    }
    for statement in body {
      switch statement.kind {
      case .assign(let target, let op, let value):
        guard case .name(let local) = target.kind else {
          throw notStraightLine("assigns to \(FormulaPrinter.python(target))", at: callRange)
        }
        let newValue = op.map { Expr(.binary($0, target, value), value.range) } ?? value
        values[local] = substituted(newValue)
      case .returnValue(let value):
        guard let value else {
          throw Diagnostic("\(name)() returns no value, so it has no derivative", at: callRange)
        }
        return substituted(value)
      case .expression, .print, .printPython, .pass, .assert:
        continue  // no effect on the value returned
      case .ifElse: throw notStraightLine("has an 'if'", at: callRange)
      case .whileLoop, .forLoop, .repeatLoop, .forUnpack: throw notStraightLine("has a loop", at: callRange)
      case .def: throw notStraightLine("defines a function inside it", at: callRange)
      default: throw notStraightLine("has a '\(Self.keyword(of: statement))' statement", at: callRange)
      }
    }
    throw Diagnostic("\(name)() returns no value, so it has no derivative", at: callRange)
  }

  private func notStraightLine(_ what: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "cannot differentiate \(name)() symbolically: its body \(what)", at: range,
      notes: [
        "a symbolic derivative follows straight-line code: assignments, then return",
        "derivative(\(name), x) differentiates any function, loops and ifs included",
      ])
  }

  /// The word a statement starts with, for a message.
  public static func keyword(of statement: Stmt) -> String {
    switch statement.kind {
    case .domain(let domain):
      switch domain {
      case .train: "train"
      case .plot: "plot"
      case .show: "show"
      case .network: "network"
      case .load: "load"
      case .predict: "predict"
      case .checkGradient: "check gradient"
      case .seed: "seed"
      case .live: "live"
      case .explore: "explore"
      case .showDerivative: "show derivative"
      case .compare: "compare"
      }
    case .digits: "digits"
    case .importModule: "import"
    case .breakLoop: "break"
    case .continueLoop: "continue"
    case .def: "def"
    default: "statement"
    }
  }
}
