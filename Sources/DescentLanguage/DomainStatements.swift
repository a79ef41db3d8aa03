import DescentEngine
import Foundation

extension Compiler {
  /// A domain statement's code: one `compile…` function per case, and no
  /// `default`, so a new case of `DomainStmt` is an error here until it runs.
  func compileDomain(_ statement: DomainStmt, at range: SourceRange) -> StmtCode {
    switch statement {
    case .seed(let value): return compileSeed(value)
    case .load(let path, let target): return compileLoad(path, target: target, at: range)
    case .train(let spec): return compileTrain(spec, at: range)
    case .live(let on): return compileLive(on)
    case .plot(let spec): return compilePlot(spec, at: range)
    case .show(let what, let wide): return compileShow(what, wide: wide, at: range)
    case .predict(let input): return compilePredict(input)
    case .checkGradient: return compileCheckGradient(at: range)
    case .network(let spec): return compileNetworkStatement(spec, at: range)
    case .explore(let spec): return compileExplore(spec, at: range)
    case .showDerivative(let expression, let variable, let variableRange):
      return compileShowDerivative(of: expression, wrt: variable, variableRange: variableRange, at: range)
    case .compare(let spec): return compileCompare(spec, at: range)
    }
  }

  /// `seed n`.
  func compileSeed(_ value: Expr) -> StmtCode {
    unowned(unsafe) let session = self.session
    let code = compile(value)
    let valueRange = value.range
    return { frame in
      let n = try Compiler.wholeNumber(try code(frame), what: "the seed", at: valueRange)
      session.random = SeededRandom(seed: UInt64(bitPattern: Int64(n)))
      return .normal
    }
  }

  /// `load "file.csv"` into `data`, or with `target "y"` into `inputs` and `goals`.
  func compileLoad(_ path: String, target: String?, at range: SourceRange) -> StmtCode {
    unowned(unsafe) let session = self.session
    let store = storeCode(for: slot(for: "data"))
    return { frame in
      let table = try session.domain.loadTable(path, at: range)
      guard let target else {
        store(frame, table)
        return .normal
      }
      guard case .table(let data) = table else { return .normal }
      try session.domain.setInputsAndGoals(from: data, target: target, at: range)
      return .normal
    }
  }

  /// `live on` / `live off`.
  func compileLive(_ on: Bool) -> StmtCode {
    unowned(unsafe) let session = self.session
    return { _ in
      session.monitor.liveViewEnabled = on
      return .normal
    }
  }

  /// `show history [wide]` / `show weights`.
  func compileShow(_ what: ShowWhat, wide: Bool, at range: SourceRange) -> StmtCode {
    unowned(unsafe) let session = self.session
    return { _ in
      switch what {
      case .history:
        var table = try session.domain.historyTable(at: range)
        table.keepsFullWidth = wide
        try session.emit(table)
      case .weights: try session.emit(try session.domain.weightsTable(at: range))
      case .graph: try session.showGraph(at: range)
      }
      return .normal
    }
  }

  /// `predict x`.
  func compilePredict(_ input: Expr) -> StmtCode {
    unowned(unsafe) let session = self.session
    let code = compile(input)
    let inputRange = input.range
    return { frame in
      try session.emit(try session.domain.predict(try code(frame), at: inputRange).formatted(session.digits) + "\n")
      return .normal
    }
  }

  /// `check gradient`.
  func compileCheckGradient(at range: SourceRange) -> StmtCode {
    unowned(unsafe) let session = self.session
    return { _ in
      try session.emit(try session.domain.checkGradient(at: range))
      return .normal
    }
  }

  /// `network 2 -> 3 -> 1 ...` as a statement: the network goes into `net`.
  func compileNetworkStatement(_ spec: NetworkSpec, at range: SourceRange) -> StmtCode {
    let make = compileNetwork(spec, at: range)
    let store = storeCode(for: slot(for: "net"))
    return { frame in
      store(frame, try make(frame))
      return .normal
    }
  }
}

extension Compiler {
  func compileTrain(_ spec: TrainSpec, at range: SourceRange) -> StmtCode {
    unowned(unsafe) let session = self.session
    let optional: (Expr?) -> Code? = { expr in expr.map { self.compile($0) } }
    let countCode: Code
    var untilInclusive = false
    var isUntil = false
    switch spec.count {
    case .steps(let e), .epochs(let e): countCode = compile(e)
    case .untilError(let e, let inclusive):
      countCode = compile(e)
      isUntil = true
      untilInclusive = inclusive
    }
    let countRange: SourceRange
    switch spec.count {
    case .steps(let e), .epochs(let e), .untilError(let e, _): countRange = e.range
    }
    let alphaCode = optional(spec.alpha)
    let maxCode = optional(spec.maxSteps)
    let optimizerCode = spec.optimizer.map { compileOptimizer($0) }
    let stepCode = optional(spec.hotColdStep)
    let functionCode = optional(spec.function)
    let isEpochs: Bool = if case .epochs = spec.count { true } else { false }
    let number: (Code, Frame, String, SourceRange) throws -> Double = { code, frame, what, where_ in
      let value = try code(frame)
      guard let x = value.number else {
        throw Diagnostic("\(what) must be a number, found \(value.aKindName)", at: where_)
      }
      return x
    }
    return { frame in
      let alpha: Double
      if let alphaCode {
        alpha = try number(alphaCode, frame, "alpha", spec.alpha?.range ?? range)
      } else {
        alpha = session.value(of: "alpha")?.number ?? 1
      }
      var request = TrainRequest(alpha: alpha, epochs: isEpochs, verbose: spec.verbose, quiet: spec.quiet)
      if isUntil {
        let target = try number(countCode, frame, "the error target", countRange)
        // `until error <= x` stops at the first error not above x.
        request.errorTarget = untilInclusive ? .below(target.nextUp) : (target == 0 ? .zero : .below(target))
      } else {
        let n = try Compiler.wholeNumber(try countCode(frame), what: "the number of steps", at: countRange)
        guard n >= 0 else {
          throw Diagnostic("cannot train \(n) steps; give a count of 0 or more", at: countRange)
        }
        request.steps = n
      }
      if let maxCode {
        request.maxSteps = try Compiler.wholeNumber(try maxCode(frame), what: "max", at: spec.maxSteps?.range ?? range)
      }
      if let optimizerCode { request.optimizer = try optimizerCode(frame) }
      if spec.hotCold {
        guard let stepCode else {
          throw Diagnostic("hot and cold learning needs a step size", at: range, notes: ["as in: train 1101 hotcold step 0.001"])
        }
        request.hotColdStep = try number(stepCode, frame, "step", spec.hotColdStep?.range ?? range)
      }
      if let functionCode, let function = spec.function {
        request.function = FunctionTarget(function: try functionCode(frame), range: function.range)
      }
      try session.domain.train(request, at: range)
      return .normal
    }
  }
}

extension DomainRuntime {
  /// Reads a CSV file relative to the running file's folder.
  func loadTable(_ path: String, at range: SourceRange) throws -> Value {
    let url =
      path.hasPrefix("/")
      ? URL(fileURLWithPath: path)
      : URL(fileURLWithPath: session.baseDirectory).appendingPathComponent(path)
    if let roots = session.readableRoots, !DomainRuntime.isInside(url, roots) {
      throw Diagnostic(
        "load reads only files in the notebook's folder; \"\(path)\" is outside it", at: range,
        notes: ["copy the file next to the notebook, or run with --allow-read FOLDER"])
    }
    do {
      return .table(try CSVLoader.load(contentsOf: url, name: path))
    } catch {
      var notes: [String] = []
      if let line = error.line { notes.append("in \(path), line \(line)\(error.column.map { ", field \($0)" } ?? "")") }
      throw Diagnostic(error.message, at: range, notes: notes)
    }
  }

  /// Whether `url`, with `..` and symlinks resolved, lies in one of `roots`.
  static func isInside(_ url: URL, _ roots: [String]) -> Bool {
    func components(_ url: URL) -> [String] {
      url.standardizedFileURL.resolvingSymlinksInPath().standardizedFileURL.pathComponents
    }
    let file = components(url)
    return roots.contains { root in
      let folder = components(URL(fileURLWithPath: root, isDirectory: true))
      return file.count >= folder.count && Array(file.prefix(folder.count)) == folder
    }
  }

  /// `load "f.csv" target "y"`: `inputs` are the other columns, `goals` the target.
  func setInputsAndGoals(from data: DataTable, target: String, at range: SourceRange) throws {
    guard let (inputs, goals) = data.inputsAndGoals(target: target) else {
      var notes = ["columns: " + data.columnNames.joined(separator: ", ")]
      if let guess = Suggestion.closest(to: target, among: data.columnNames) {
        notes.insert("did you mean '\(guess)'?", at: 0)
      }
      throw Diagnostic("no column named '\(target)'", at: range, notes: notes)
    }
    session.setValue(.table(data), for: "data")
    if inputs.isEmpty || inputs[0].isEmpty {
      session.setValue(.tensor(Tensor([Double]()), integral: false), for: "inputs")
    } else {
      session.setValue(.tensor(try Tensor(inputs), integral: false), for: "inputs")
    }
    session.setValue(.tensor(Tensor(goals), integral: false), for: "goals")
  }


}
