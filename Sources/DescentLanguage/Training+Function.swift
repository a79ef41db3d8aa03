import DescentEngine

/// `on f` of a `train` statement: the function to descend, as evaluated
/// when the statement runs, and where it was written.
struct FunctionTarget {
  /// The function value (a `def`).
  var function: Value
  /// The expression after `on`, for diagnostics.
  var range: SourceRange
}

/// How a function's parameters lie in the flat vector the engine descends:
/// a number is one value, a vector (or matrix) variable is moved as a whole,
/// its elements in order.
struct ParameterLayout {
  /// The parameters' names, which are the variables they move.
  var names: [String]
  /// Per parameter: nil for a number, else the tensor's shape.
  var shapes: [[Int]?]
  /// Per parameter: whether it is a numpy array (it stays one, and f sees one).
  var arrays: [Bool] = []

  /// One name per flat value: `w1`, or `v[0]`, `v[1]`, `m[0][1]`, ...
  var flatNames: [String] {
    zip(names, shapes).flatMap { name, shape -> [String] in
      guard let shape else { return [name] }
      let count = shape.reduce(1, *)
      return (0..<count).map { i in
        shape.count == 2 ? "\(name)[\(i / shape[1])][\(i % shape[1])]" : "\(name)[\(i)]"
      }
    }
  }

  /// The arguments to call the function with at the flat point `point`.
  func arguments(_ point: [Double]) -> [Value] {
    var offset = 0
    return shapes.map { shape -> Value in
      guard let shape else {
        offset += 1
        return .float(point[offset - 1])
      }
      let count = shape.reduce(1, *)
      let scalars = Array(point[offset..<offset + count])
      let tensor = (try? Tensor(shape: shape, scalars: scalars)) ?? Tensor(scalars)
      let array = offset < point.count && arrays.count == shapes.count && arrays[arrayIndex(ofOffset: offset)]
      offset += count
      return array ? .ndarray(tensor, integral: false) : .tensor(tensor, integral: false)
    }
  }

  /// Which parameter starts at flat position `offset`.
  private func arrayIndex(ofOffset offset: Int) -> Int {
    var start = 0
    for (index, shape) in shapes.enumerated() {
      if start == offset { return index }
      start += shape?.reduce(1, *) ?? 1
    }
    return shapes.count - 1
  }

  /// Values (numbers or tensors) flattened in parameter order.
  static func flatten(_ values: [Value]) -> [Double] {
    values.flatMap { value -> [Double] in
      switch value {
      case .tensor(let t, _), .ndarray(let t, _): return t.scalars
      default: return [value.number ?? .nan]
      }
    }
  }
}

extension DomainRuntime {
  // MARK: - train ... on f

  /// `train ... on f`: descends `f` from the variables its parameters name,
  /// with the request's optimizer, through `FunctionTrainer` (the one
  /// training loop), and stores the variables, `error` and `history` back
  /// as every `train` does.
  func trainFunction(_ request: TrainRequest, at range: SourceRange) throws {
    guard let target = request.function else { return }
    if request.epochs {
      throw Diagnostic(
        "train on a function counts steps, not epochs", at: range,
        notes: ["as in: train 100 alpha 0.1 on \(Session.functionName(target.function))"])
    }
    if request.hotColdStep != nil {
      throw Diagnostic("hot and cold learning works on 'weight', not on a function", at: range)
    }
    let name = Session.functionName(target.function)
    let layout = try parameterLayout(of: target)
    let start = ParameterLayout.flatten(layout.names.map { session.value(of: $0) ?? .none })
    var trainer: FunctionTrainer
    do {
      trainer = try FunctionTrainer(parameters: start, optimizer: request.optimizer, alpha: request.alpha)
    } catch {
      throw Diagnostic("cannot train on \(name): \(error)", at: range)
    }
    let evaluate: ([Double]) throws -> (value: Double, gradient: [Double]) = { [unowned self] point in
      let (value, gradient) = try self.session.valueAndGradient(
        of: target.function, at: layout.arguments(point), range: target.range)
      return (value, ParameterLayout.flatten(gradient))
    }
    let flatNames = layout.flatNames
    let observe: ((FunctionStep) -> Void)? =
      request.verbose
      ? { [unowned self] step in
        let parameters = zip(flatNames, step.parameters).map { $0 + ":" + self.session.digits.format($1) }
        self.emitFromEngine("Error:" + self.session.digits.format(step.value) + " " + parameters.joined(separator: " ") + "\n")
      } : nil
    let result: TrainingResult<FunctionStep>
    do {
      result = try trainer.train(conditions(request), interrupt: session.interrupt, observer: observe, function: evaluate)
    } catch let error as TrainingError {
      throw trainingError(error, at: range)
    } catch {
      // The function failed part way: the steps already taken stand.
      store(trainer.parameters, layout)
      endLiveView(stop: nil, step: 0, error: nil)
      throw error
    }
    var final = trainer.parameters
    if case .diverged(_, _, let kept, _) = result.stop, !kept.isEmpty { final = kept }
    store(final, layout)
    let last = result.last.map {
      StepValues(prediction: .none, error: $0.value, delta: .none, weightDelta: .none)
    }
    let function = target.function
    let record = TrainingRecord(
      kind: .function(name: name), history: result.history, weightNames: flatNames,
      errorAt: { [unowned self] point in
        (try? self.session.call(function, layout.arguments(point), at: target.range, calleeRange: target.range))?.number ?? .nan
      }, finalWeights: final)
    try finish(record, last: last, stop: result.stop, stepsRun: result.stepsRun, request: request, at: range)
  }

  /// Sets each parameter's variable from the flat point.
  private func store(_ point: [Double], _ layout: ParameterLayout) {
    for (name, value) in zip(layout.names, layout.arguments(point)) { session.setValue(value, for: name) }
  }

  /// The variables `f`'s parameters name, with their shapes; a located
  /// error for a non-function, a built-in, a parameter naming no variable
  /// or naming one that holds no number or vector.
  func parameterLayout(of target: FunctionTarget) throws -> ParameterLayout {
    let function: Function
    switch target.function {
    case .function(let f): function = f
    case .native(let native):
      throw Diagnostic(
        "train on \(native.name) cannot tell which variables to move: a built-in's parameters name none", at: target.range,
        notes: ["wrap it in a def whose parameters are your variables: def f(w): return \(native.name)(w)"])
    default:
      throw Diagnostic(
        "'on' needs a function to descend, found \(target.function.aKindName)", at: target.range,
        notes: ["define one whose parameters name the variables to move: def loss(w1, w2): return w1 ** 2 + w2 ** 2"])
    }
    let names = function.parameterNames
    guard !names.isEmpty, names.count == function.parameterCount else {
      throw Diagnostic(
        "\(function.name)() has no parameters, so train on it has nothing to move", at: target.range,
        notes: ["its parameters name the variables train moves: def \(function.name)(w): return (w - 3) ** 2"])
    }
    var shapes: [[Int]?] = []
    var arrays: [Bool] = []
    for parameter in names {
      if case .ndarray? = session.storedValue(of: parameter) { arrays.append(true) } else { arrays.append(false) }
      switch session.value(of: parameter) {
      case .int, .float: shapes.append(nil)
      case .tensor(let t, _) where !t.scalars.isEmpty: shapes.append(t.shape)
      case .ndarray(let t, _) where !t.scalars.isEmpty: shapes.append(t.shape)
      case .list(let items) where !items.isEmpty && items.allSatisfy({ $0.number != nil }): shapes.append([items.count])
      case nil:
        throw Diagnostic(
          "\(function.name)()'s parameter '\(parameter)' names no variable; train on \(function.name) moves the variables its parameters name",
          at: target.range, notes: ["give it a starting value first, as in: \(parameter) = 0.5"])
      case let found?:
        throw Diagnostic(
          "'\(parameter)' holds \(found.aKindName); train on \(function.name) moves numbers and vectors", at: target.range,
          notes: ["as in: \(parameter) = 0.5, or \(parameter) = [0.5, -0.5]"])
      }
    }
    return ParameterLayout(names: names, shapes: shapes, arrays: arrays)
  }
}

extension TrainingRecord {
  /// What the steps are called on the charts: "steps".
  var pathName: String { "steps" }

  /// The index of a weight (or a function's parameter) by name: `weights`
  /// and a vector parameter `v` stand for their first element.
  func weightIndex(_ name: String, at range: SourceRange) throws -> Int {
    if let index = weightNames.firstIndex(of: name) ?? weightNames.firstIndex(of: name + "[0]") { return index }
    throw Diagnostic(
      "the last training has no weight '\(name)'", at: range,
      notes: ["its weights: " + weightNames.joined(separator: ", ")])
  }
}
