/// Where a name lives when the code runs: a session slot or a function slot.
enum NameSlot: Equatable {
  /// A session variable: the address of its slot (see `GlobalStore`).
  case global(UnsafeMutablePointer<Value?>)
  case local(Int)
}

/// The names of one function body and their local slots.
///
/// Scope is Python's: a function's parameters and every name it assigns
/// (including loop variables and nested `def`s) are local to it; a name it
/// only reads is looked up in the session. Blocks open no scope.
struct FunctionScope {
  var slots: [String: Int] = [:]

  init(parameters: [String], body: [Stmt]) {
    for name in parameters { declare(name) }
    for statement in body { collect(statement) }
  }

  var count: Int { slots.count }

  private mutating func declare(_ name: String) {
    if slots[name] == nil { slots[name] = slots.count }
  }

  private mutating func collect(_ statement: Stmt) {
    switch statement.kind {
    case .assign(let target, _, _):
      if case .name(let name) = target.kind { declare(name) }
    case .forLoop(let variable, _, _, _, _, let body):
      declare(variable)
      body.forEach { collect($0) }
    case .ifElse(_, let then, let otherwise):
      then.forEach { collect($0) }
      otherwise?.forEach { collect($0) }
    case .whileLoop(_, let body), .repeatLoop(_, let body):
      body.forEach { collect($0) }
    case .def(let name, _, _):
      declare(name)
    default:
      break
    }
  }
}

/// Static checks that need the tree, not the values: `break` and `continue`
/// outside a loop, `return` outside a function. Names are resolved to slots
/// by the interpreter as it compiles, with `FunctionScope`.
public enum Resolver {
  /// The static diagnostics of a parsed program (`break` outside a loop, ...).
  public static func check(_ statements: [Stmt]) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    walk(statements, inLoop: false, inFunction: false, into: &diagnostics)
    return diagnostics
  }

  private static func walk(
    _ statements: [Stmt], inLoop: Bool, inFunction: Bool, into diagnostics: inout [Diagnostic]
  ) {
    for statement in statements {
      switch statement.kind {
      case .breakLoop where !inLoop:
        diagnostics.append(Diagnostic("'break' outside a loop", at: statement.range, phase: .syntax))
      case .continueLoop where !inLoop:
        diagnostics.append(Diagnostic("'continue' outside a loop", at: statement.range, phase: .syntax))
      case .returnValue where !inFunction:
        diagnostics.append(
          Diagnostic(
            "'return' outside a function", at: statement.range, phase: .syntax,
            notes: ["to stop a loop early, use 'break'"]))
      case .ifElse(_, let then, let otherwise):
        walk(then, inLoop: inLoop, inFunction: inFunction, into: &diagnostics)
        walk(otherwise ?? [], inLoop: inLoop, inFunction: inFunction, into: &diagnostics)
      case .whileLoop(_, let body), .repeatLoop(_, let body), .forLoop(_, _, _, _, _, let body):
        walk(body, inLoop: true, inFunction: inFunction, into: &diagnostics)
      case .def(_, _, let body):
        walk(body, inLoop: false, inFunction: true, into: &diagnostics)
      case .domain(let domain):
        switch domain {
        case .explore(let spec):
          // A frame is a block run on its own: no break, continue or return out of it.
          diagnostics += nestedExplores(in: spec.body)
          walk(spec.body, inLoop: false, inFunction: false, into: &diagnostics)
        case .train, .plot, .show, .network, .load, .predict, .checkGradient, .seed, .live, .showDerivative, .compare:
          break  // no block inside
        }
      default:
        break
      }
    }
  }
}
