/// An expression node: what it is and where it came from.
public struct Expr: Sendable, Hashable {
  public indirect enum Kind: Sendable, Hashable {
    case integer(Int)
    case float(Double)
    case string(String)
    case bool(Bool)
    case name(String)
    case vector([Expr])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case not(Expr)
    /// A chain `a < b <= c`: operators between consecutive operands.
    case comparison([ComparisonOperator], [Expr])
    case call(Expr, [Expr])
    case index(Expr, Expr)
    case member(Expr, String)
    case network(NetworkSpec)
    case load(path: String)
    // Python forms (see Grammar/descent.ebnf, "Python-style code")
    /// `None`.
    case none
    /// `(a, b)`, `a, b`: a tuple.
    case tuple([Expr])
    /// `lo:hi:step` inside `[ ]`; any part may be missing.
    case slice(Expr?, Expr?, Expr?)
    /// `name=value` in a call's arguments.
    case keyword(String, Expr)
    /// `a in b`, `a not in b`.
    case membership(Expr, Expr, negated: Bool)
    /// `a is b`, `a is not b`.
    case identity(Expr, Expr, negated: Bool)
    /// `f"text {expression:spec}"`.
    case formatted([FormatPiece])
    /// `a if condition else b`.
    case conditional(Expr, condition: Expr, otherwise: Expr)
  }

  public var kind: Kind
  public var range: SourceRange

  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

/// A piece of an f-string: text, or a field with its conversion (`!r`)
/// and format spec (`.4f`), which may hold nested fields (`{x:{w}}`).
public enum FormatPiece: Sendable, Hashable {
  case text(String)
  case field(Expr, conversion: Character?, spec: [FormatPiece], range: SourceRange)
}

/// `-x`, `+x`.
public enum UnaryOperator: String, Sendable, Hashable { case negate = "-", plus = "+" }

/// The arithmetic operators, by their spelling.
public enum BinaryOperator: String, Sendable, Hashable {
  case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
  case power = "**", matmul = "@", floorDivide = "//"
}

/// Comparison operators; they chain as in Python.
public enum ComparisonOperator: String, Sendable, Hashable {
  case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
  case greaterEqual = ">="
}

/// `network 3 -> 2 -> 1 sigmoid seed 7`.
public struct NetworkSpec: Sendable, Hashable {
  public var sizes: [Int]
  public var activation: String?
  public var activationRange: SourceRange?
  /// `nobias`: layers without biases, as in the Udacity examples.
  public var noBias = false
  public var seed: Expr?
}

/// A statement node.
public struct Stmt: Sendable, Hashable {
  public indirect enum Kind: Sendable, Hashable {
    case expression(Expr)
    /// `target = value` (`op` nil) or `target op= value`.
    case assign(target: Expr, op: BinaryOperator?, value: Expr)
    case print([Expr])
    case digits(Int?)  // nil: shortest
    case ifElse(condition: Expr, then: [Stmt], otherwise: [Stmt]?)
    case whileLoop(condition: Expr, body: [Stmt])
    /// `for v in a..<b`, `for v in a...b`, or `for v in vector` (upper nil).
    case forLoop(variable: String, variableRange: SourceRange, start: Expr, upper: Expr?,
      closed: Bool, body: [Stmt])
    case repeatLoop(count: Expr, body: [Stmt])
    case def(name: String, parameters: [String], body: [Stmt])
    case returnValue(Expr?)
    case breakLoop
    case continueLoop
    /// `train`, `plot`, `show`, ...: the statements that drive the engine
    /// (`DomainStmt`).
    case domain(DomainStmt)
    // Python forms
    /// `pass`.
    case pass
    /// `for a, b in pairs`: a loop whose target is a tuple of places
    /// (a loop over one name is `forLoop`).
    case forUnpack(targets: [Expr], iterable: Expr, body: [Stmt])
    /// `assert condition, message`.
    case assert(Expr, message: Expr?)
    /// `import numpy as np`, `from numpy import array`.
    case importModule(ImportSpec)
    /// `print(a, b, sep=", ", end="")`: Python's print with its keywords.
    case printPython([Expr], separator: Expr?, terminator: Expr?)
  }

  public var kind: Kind
  public var range: SourceRange

  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

/// The domain statements: those that drive the engine and the charts rather
/// than compute like Python (`train`, `plot`, `show`, `network`, ...).
///
/// A new domain statement goes here, as one case (with a payload struct
/// below, as `TrainSpec`, when it has options). Every switch over this enum
/// is exhaustive with no `default`, so the compiler then points at each
/// place still missing it: `Compiler.compileDomain` (DomainStatements.swift),
/// `ASTDump`, `Resolver`, the exporter (`PythonExporter.exportDomain`,
/// `ValueKinds`, `PythonAsItself`, `ProgramFacts`). See docs/ARCHITECTURE.md,
/// "Where new things go".
public enum DomainStmt: Sendable, Hashable {
  case train(TrainSpec)
  case plot(PlotSpec)
  /// `wide`: `show history wide`, every number in full at any width.
  case show(ShowWhat, wide: Bool)
  case network(NetworkSpec)
  case load(path: String, target: String?)
  case predict(Expr)
  case checkGradient
  /// `show derivative of EXPR wrt NAME` (Symbolic/ShowDerivative.swift).
  case showDerivative(of: Expr, wrt: String, variableRange: SourceRange)
  case seed(Expr)
  /// `live on` / `live off`: the live training view for the session.
  case live(Bool)
  /// `explore alpha from 1 to 40 { ... }`: a block run per knob value.
  case explore(ExploreSpec)
  /// `compare sgd, momentum 0.9 on f from [x0, y0] alpha A steps N`: optimizers raced.
  case compare(CompareSpec)
}

/// An import: `import numpy as np` (module "numpy", alias "np"), or
/// `from numpy import exp, dot as d` (names with their aliases).
public struct ImportSpec: Sendable, Hashable {
  public var module: String
  public var moduleRange: SourceRange
  public var alias: String?
  /// For `from M import a, b as c`: (name, alias, range); nil for `import M`.
  public var names: [ImportedName]?
}

/// One name of `from M import name as alias`.
public struct ImportedName: Sendable, Hashable {
  public var name: String
  public var alias: String?
  public var range: SourceRange
}

/// `train ...`: how many steps or until what, and the options.
public struct TrainSpec: Sendable, Hashable {
  public enum Count: Sendable, Hashable {
    case steps(Expr)
    case epochs(Expr)
    /// `until error < x` (`inclusive` for `<=`).
    case untilError(Expr, inclusive: Bool)
  }
  public var count: Count
  public var alpha: Expr?
  public var maxSteps: Expr?
  /// `momentum M`, `nesterov M`, `adagrad`, `rmsprop ...`, `adam ...` (nil: plain descent).
  public var optimizer: OptimizerSpec?
  public var hotColdStep: Expr?
  public var hotCold = false
  public var verbose = false
  /// `quiet`: no live view for this statement.
  public var quiet = false
  /// `on f`: descend this function; its parameters name the variables it moves.
  public var function: Expr?
}

/// `plot ...`: which chart, and where it goes.
public struct PlotSpec: Sendable, Hashable {
  public enum What: Sendable, Hashable {
    case error
    case errorVs(String)
    case errorOver(Expr, Expr)
    case predVsGoal
    case function(String, from: Expr, to: Expr)
    case vectors(Expr, Expr)
  }
  public var what: What
  public var log = false
  public var file: String?
}

/// `show history`, `show weights`.
public enum ShowWhat: String, Sendable, Hashable { case history, weights, graph }
