import DescentLanguage

/// A statement the export could not translate faithfully: it is written
/// into the script as a marked comment and reported with its place.
public struct UntranslatedStatement: Sendable, Hashable {
  /// Why, in a sentence.
  public var message: String
  /// Where, in the source that was exported.
  public var range: SourceRange
}

/// Turns parsed Descent programs into the course's Python: plain statements
/// as the same Python, domain statements written out as numpy loops.
///
/// One function per statement kind, named after the grammar rule
/// (`exportPrint` for `printStmt`, `exportTrain` for `trainStmt`, ...).
/// Feed it the program (or a notebook's cells in order), then ask for the
/// finished script with `script(...)`.
public final class PythonExporter {
  var code = PythonCode()
  var kinds: VariableKinds
  /// Whether any `digits` statement or option is about: then every float
  /// prints through `_show`, which honours `_digits`.
  var digitsChanged: Bool
  /// Whether a value may be changed in place (an element assignment, or a
  /// network trained in place): then `b = a` copies arrays, as Descent's
  /// values are never shared.
  var copiesArrays: Bool
  /// Whether an expression typed alone prints its value (the REPL).
  let echo: Bool
  private(set) public var untranslated: [UntranslatedStatement] = []
  /// The name the book's goal goes by in this program.
  let programGoalName: String
  /// The names assigned by the code exported so far, at any depth.
  var assignedSoFar: Set<String> = []

  /// The goal `train` reads at this point: `goal`, or the book's `goal_pred`
  /// or `goal_prediction`, whichever is set (in that order, as Descent looks).
  var goalName: String {
    ["goal", "goal_pred", "goal_prediction"].first { assignedSoFar.contains($0) } ?? programGoalName
  }
  /// The step budget of the notebook cell being exported, when the cell
  /// expects its error (`budget=N expect-error`): loops then count steps.
  public var stepBudget: Int?
  /// Added to line numbers in comments and messages: a notebook cell's first line in its file.
  public var lineOffset = 0
  /// The bytes of the source being exported (a notebook cell's, while its
  /// statements are): what a statement's range points into.
  public var sourceBytes: [UInt8] = []
  /// Whether values print as Python spells them (`True`, `None`): Descent
  /// switches for good once a program uses Python's forms (`print(...)`).
  public var pythonSpelling = false
  /// Names figure files written for `plot` without `to`.
  public var figureStem = "descent"
  var figureCount = 0
  /// Whether a network expression appears (networks are partial for now).
  var networkUsed = false
  /// Names given a matrix literal somewhere.
  let matrixNames: Set<String>
  /// Every name the program uses: names the export adds avoid them.
  let mentioned: Set<String>
  /// `np` and `math` when the program imports them as the script does: not renamed.
  let sharedModules: Set<String>
  /// Kinds known from the straight-line code exported so far (the last
  /// top-level assignment of each name), sharper than the whole program's.
  var currentKinds: [String: ValueKinds] = [:]
  /// Names whose last top-level assignment was a matrix literal.
  var currentMatrices: Set<String> = []
  /// How deep in blocks the export is (0: straight-line top level).
  var blockDepth = 0
  /// Counts loops the export adds, so nested ones get distinct names.
  var loopDepth = 0
  /// The functions defined so far, and those whose derivatives the program
  /// asks for (PythonExporter+Derivatives.swift).
  var definitions: [String: FunctionDefinition] = [:]
  let derivativeUses: DerivativeUses
  /// The functions whose derivatives are written for numpy arrays
  /// (`tangent_f`, and `gradient_f` from it), not numbers only.
  var arrayDerivatives: Set<String> = []

  /// An exporter for a program made of `statements` (all of a notebook's
  /// cells, for a notebook): the whole program is read first, so the
  /// export knows which variables can hold vectors.
  public init(program statements: [Stmt], echo: Bool = false, digitsOption: Bool = false) {
    kinds = VariableKinds(statements)
    self.echo = echo
    var finder = ProgramFacts()
    finder.walk(statements)
    digitsChanged = digitsOption || finder.hasDigits
    copiesArrays = finder.hasElementAssignment || finder.hasNetwork
    programGoalName = ["goal", "goal_pred", "goal_prediction"].first { finder.assigned.contains($0) } ?? "goal"
    mentioned = finder.mentioned
    sharedModules = finder.sharedModules
    matrixNames = finder.matrixNames
    derivativeUses = DerivativeUses(statements)
  }

  /// Exports statements at the current place in the script.
  public func export(_ statements: [Stmt]) {
    for statement in statements { export(statement) }
  }

  /// Adds lines of comment (a notebook's prose, a cell marker).
  public func comment(_ text: String) { code.comment(text) }

  /// Adds a raw line (cell markers).
  public func line(_ text: String) { code.line(text) }

  /// Adds Python to run for a notebook cell's `digits=N` option.
  public func setDigits(_ digits: Int?) {
    code.need(.show)
    code.line("_digits = " + (digits.map(String.init) ?? "None"))
  }

  /// The source text of `range`, as the learner wrote it (`momentum 0.9`).
  func sourceText(_ range: SourceRange) -> String {
    guard range.start.offset <= range.end.offset, range.end.offset <= sourceBytes.count else { return "" }
    return String(decoding: sourceBytes[range.start.offset..<range.end.offset], as: UTF8.self)
  }

  /// Records a statement that has no faithful translation and writes it as
  /// a marked comment.
  func untranslatable(_ why: String, at range: SourceRange) {
    untranslated.append(UntranslatedStatement(message: why, range: range))
    code.comment("NOT EXPORTED (line \(range.start.line + lineOffset)): \(why)")
  }

  /// The finished script: a header, the imports and helpers the code uses, then the code.
  public func script(header: String) -> String {
    var out = header.isEmpty ? "" : header + "\n"
    let prelude = PythonPrelude.text(for: code.needs)
    if !prelude.isEmpty { out += prelude + "\n\n" }
    out += code.text
    while out.hasSuffix("\n") { out.removeLast() }
    return out + "\n"
  }

  /// The prelude alone (imports and helpers), for a notebook's first code cell.
  public var prelude: String { PythonPrelude.text(for: code.needs) }

  /// Takes the code written so far (for one notebook cell), leaving the buffer empty.
  public func takeCode() -> String {
    let text = code.text
    let needs = code.needs
    code = PythonCode()
    code.need(needs)
    return text
  }
}

/// Facts about a whole program that decide how the export writes it.
struct ProgramFacts {
  var hasDigits = false
  var hasElementAssignment = false
  var hasNetwork = false
  var assigned: Set<String> = []
  /// Names given a matrix literal (`weights = [[0.1, 0.2], [0.3, 0.4]]`).
  var matrixNames: Set<String> = []
  /// Every name the program reads or assigns.
  var mentioned: Set<String> = []
  /// Names the program binds to the module the script's own code uses by
  /// that name (`import numpy as np`, `import math`): they keep their names.
  var sharedModules: Set<String> = []

  mutating func walk(_ expr: Expr) {
    switch expr.kind {
    case .name(let name): mentioned.insert(name)
    case .vector(let items): items.forEach { walk($0) }
    case .unary(_, let e), .not(let e), .member(let e, _): walk(e)
    case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b), .index(let a, let b):
      walk(a)
      walk(b)
    case .comparison(_, let operands): operands.forEach { walk($0) }
    case .call(let callee, let arguments):
      walk(callee)
      arguments.forEach { walk($0) }
    default: break
    }
  }

  mutating func walk(_ statements: [Stmt]) {
    for statement in statements {
      switch statement.kind {
      case .expression(let e): walk(e)
      case .print(let values): values.forEach { walk($0) }
      case .returnValue(let e): e.map { walk($0) }
      case .digits: hasDigits = true
      case .assign(let target, _, let value):
        walk(target)
        walk(value)
        if case .name(let name) = target.kind { assigned.insert(name) } else { hasElementAssignment = true }
        if case .name(let name) = target.kind, case .vector(let items) = value.kind,
          let first = items.first, case .vector = first.kind
        {
          matrixNames.insert(name)
        }
        if case .network = value.kind { hasNetwork = true }
      case .ifElse(let condition, let then, let otherwise):
        walk(condition)
        walk(then)
        walk(otherwise ?? [])
      case .whileLoop(let e, let body), .repeatLoop(let e, let body):
        walk(e)
        walk(body)
      case .def(let name, let parameters, let body):
        mentioned.insert(name)
        mentioned.formUnion(parameters)
        walk(body)
      case .forLoop(let variable, _, let start, let upper, _, let body):
        assigned.insert(variable)
        mentioned.insert(variable)
        walk(start)
        upper.map { walk($0) }
        walk(body)
      case .importModule(let spec) where spec.names == nil:
        let bound = spec.alias ?? String(spec.module.split(separator: ".").first ?? "")
        if (spec.module, bound) == ("numpy", "np") || (spec.module, bound) == ("math", "math") { sharedModules.insert(bound) }
      case .domain(let domain):
        switch domain {
        case .predict(let e), .seed(let e): walk(e)
        case .train(let spec):
          let settings = spec.optimizer?.settings.map(\.value) ?? []
          for e in [spec.alpha, spec.maxSteps, spec.hotColdStep].compactMap({ $0 }) + settings { walk(e) }
        case .network: hasNetwork = true
        case .showDerivative(let e, _, _): walk(e)
        case .explore(let spec):
          // Its knobs are set and its block runs (once, at the knobs' start).
          for knob in spec.knobs {
            assigned.insert(knob.name)
            mentioned.insert(knob.name)
          }
          walk(spec.body)
        case .plot, .show, .load, .checkGradient, .live, .compare: break  // nothing the facts count
        }
      default: break
      }
    }
  }
}
