import DescentEngine

/// What a `train` statement hands to the engine, read from the statement
/// and the session's conventional variables.
struct TrainRequest {
  var steps: Int?
  var errorTarget: ErrorTarget?
  var maxSteps: Int?
  var alpha: Double
  /// The update rule (`momentum 0.9`, `adam`, ...; plain descent by default).
  var optimizer: OptimizerKind = .sgd
  var hotColdStep: Double?
  var epochs: Bool
  var verbose: Bool
  /// `quiet`: no live view, whatever the session's setting.
  var quiet = false
  /// `on f`: the function to descend (`Training+Function.swift`).
  var function: FunctionTarget?
}

/// The last training of a session: what `show history`, `plot error`,
/// `plot error vs weight` and `check gradient` read.
struct TrainingRecord {
  enum Kind {
    case oneWeight(input: Double, goal: Double)
    case hotCold(input: Double, goal: Double)
    case manyInputs(inputs: [Double], goal: Double)
    case oneInputManyOutputs(input: Double, goals: [Double])
    case manyToMany(inputs: [Double], goals: [Double])
    case network
    /// `train ... on f`: the function's own value is the error.
    case function(name: String)

    /// The trainer that ran.
    var choice: TrainerChoice {
      switch self {
      case .oneWeight: return .oneWeight
      case .hotCold: return .hotCold
      case .manyInputs: return .manyInputs
      case .oneInputManyOutputs: return .oneInputManyOutputs
      case .manyToMany: return .manyToMany
      case .network: return .network
      case .function: return .function
      }
    }
  }
  var kind: Kind
  var history: TrainingHistory
  /// Names of the weight columns: ["weight"], ["weights[0]", ...].
  var weightNames: [String]
  /// The error the trainer minimised, at any weights (flattened as in the
  /// history): the surface `plot error vs weight` draws.
  var errorAt: ([Double]) -> Double

  /// The weights after training, flattened.
  var finalWeights: [Double]
}

/// One step's values as the language shows them, whatever the trainer.
struct StepValues {
  var prediction: Value
  var error: Double
  var delta: Value
  var weightDelta: Value
}

extension DomainRuntime {
  // MARK: - The `train` statement

  /// Runs a `train` statement: picks the trainer from the session (a
  /// network with inputs/goals, `weights` with a vector `input`, or
  /// `weight` with `input`), runs it, and stores the results back.
  func train(_ request: TrainRequest, at range: SourceRange) throws {
    // A live view only where one is wanted: an observer (a REPL at a
    // terminal), the session's `live on`, and no `quiet` or `verbose` (whose
    // lines are the view).
    guard let observer = trainingObserver, session.monitor.liveViewEnabled, !request.quiet, !request.verbose else {
      return try runTrainer(request, at: range)
    }
    let progress = TrainingProgress(
      total: request.steps ?? request.maxSteps, target: request.errorTarget,
      countsEpochs: request.epochs || focusedNetwork() != nil)
    liveProgress = progress
    observer.trainingStarted(progress)
    defer { endLiveView(stop: nil, step: progress.snapshot().step, error: nil) }
    try runTrainer(request, at: range)
  }

  /// Ends the live view of the running `train`, if there is one, before
  /// anything about its end is printed.
  func endLiveView(stop: TrainingStop?, step: Int, error: Double?) {
    guard let progress = liveProgress else { return }
    liveProgress = nil
    progress.finish(step: step, error: error)
    trainingObserver?.trainingEnded(progress, stop: stop)
  }

  /// Picks the trainer (`TrainerChoice`, as the export does) and runs it.
  func runTrainer(_ request: TrainRequest, at range: SourceRange) throws {
    let input = session.value(of: "input")
    let choice = TrainerChoice.choose(
      function: request.function != nil,
      epochs: request.epochs, network: focusedNetwork() != nil, hotCold: request.hotColdStep != nil,
      input: TrainerChoice.Holding(input), weight: TrainerChoice.Holding(session.value(of: "weight")),
      weights: TrainerChoice.Holding(session.value(of: "weights")))
    switch choice {
    case .success(.function): try trainFunction(request, at: range)
    case .success(.network): try trainNetwork(request, at: range)
    case .success(.oneWeight), .success(.hotCold): try trainOneWeight(request, at: range)
    case .success(.oneInputManyOutputs): try trainOneInputManyOutputs(request, at: range)
    case .success(.manyInputs): try trainManyInputs(request, at: range)
    case .success(.manyToMany): try trainManyToMany(request, at: range)
    case .failure(let problem): throw trainerProblem(problem, input: input, at: range)
    }
  }

  /// Why `train` found nothing to run, as the learner reads it.
  func trainerProblem(_ problem: TrainerChoice.Problem, input: Value?, at range: SourceRange) -> Diagnostic {
    switch problem {
    case .noInput:
      return Diagnostic(
        "train needs the variable 'input'", at: range,
        notes: ["set the starting point first, as in: weight = 0.5; input = 0.5; goal = 0.8"])
    case .nothingToLearnForNumberInput:
      return Diagnostic(
        "train needs a number 'weight' (or a vector 'weights') to learn", at: range,
        notes: ["as in: weight = 0.5"])
    case .nothingToLearnForVectorInput:
      return Diagnostic(
        "with a vector 'input', train needs a vector or matrix 'weights'", at: range,
        notes: ["as in: weights = [0.1, 0.2, -0.1]"])
    case .hotColdNeedsOneWeight:
      return Diagnostic("hot and cold learning works on one 'weight', not on 'weights'", at: range)
    case .inputNotNumberOrVector, .cannotTell:
      return Diagnostic(
        "train needs 'input' to be a number or a vector, found \(input?.aKindName ?? "nothing")", at: range)
    }
  }

  /// `goal`, or the book's `goal_pred` / `goal_prediction`.
  func goalValue(at range: SourceRange) throws -> Value {
    for name in ["goal", "goal_pred", "goal_prediction"] {
      if let goal = session.value(of: name) { return goal }
    }
    throw Diagnostic(
      "train needs the variable 'goal' (or the book's 'goal_pred')", at: range,
      notes: ["as in: goal = 0.8"])
  }

  func number(_ name: String, at range: SourceRange) throws -> Double {
    let found = name == "goal" ? try goalValue(at: range) : session.value(of: name)
    guard let x = found?.number else {
      throw Diagnostic("train needs '\(name)' to be a number, found \(found?.aKindName ?? "nothing")", at: range)
    }
    return x
  }

  func vector(_ value: Value?, _ name: String, at range: SourceRange) throws -> [Double] {
    guard case .tensor(let t, _) = value ?? .none, t.rank == 1 else {
      throw Diagnostic("train needs '\(name)' to be a vector, found \(value?.aKindName ?? "nothing")", at: range)
    }
    return t.scalars
  }

  /// The stop conditions of a request, with the session's remaining budget.
  func conditions(_ request: TrainRequest) -> StopConditions {
    var budget = session.stepBudget.map { max(0, $0 - session.steps) }
    if let max = request.maxSteps { budget = min(budget ?? max, max) }
    return StopConditions(steps: request.steps, until: request.errorTarget, maxSteps: budget, progress: liveProgress)
  }

  // MARK: - Trainers

  func trainOneWeight(_ request: TrainRequest, at range: SourceRange) throws {
    let input = try number("input", at: range)
    let goal = try number("goal", at: range)
    let weight = try number("weight", at: range)
    let printer = verbosePrinter(request)
    let observe: ((OneWeightStep) -> Void)? = printer.map { p in { p(.float($0.prediction), $0.error) } }
    let result: TrainingResult<OneWeightStep>
    var finalWeight: Double
    do {
      if let step = request.hotColdStep {
        var trainer = HotColdTrainer(input: input, goal: goal, weight: weight, stepAmount: step)
        result = try trainer.train(conditions(request), interrupt: session.interrupt, observer: observe)
        finalWeight = trainer.weight
      } else {
        var trainer = OneWeightTrainer(input: input, goal: goal, weight: weight, alpha: request.alpha, optimizer: request.optimizer)
        result = try trainer.train(conditions(request), interrupt: session.interrupt, observer: observe)
        finalWeight = trainer.weight
      }
    } catch let error as TrainingError {
      throw trainingError(error, at: range)
    }
    if case .diverged(_, _, let weights, _) = result.stop, let w = weights.first { finalWeight = w }
    session.setValue(.float(finalWeight), for: "weight")
    let last = result.last.map {
      StepValues(prediction: .float($0.prediction), error: $0.error, delta: .float($0.delta), weightDelta: .float($0.weightDelta))
    }
    let kind: TrainingRecord.Kind =
      request.hotColdStep != nil ? .hotCold(input: input, goal: goal) : .oneWeight(input: input, goal: goal)
    let record = TrainingRecord(
      kind: kind, history: result.history, weightNames: ["weight"],
      errorAt: { w in let d = input * w[0] - goal; return d * d }, finalWeights: [finalWeight])
    try finish(record, last: last, stop: result.stop, stepsRun: result.stepsRun, request: request, at: range)
  }

  func trainManyInputs(_ request: TrainRequest, at range: SourceRange) throws {
    let inputs = try vector(session.value(of: "input"), "input", at: range)
    let goal = try number("goal", at: range)
    let weights = try vector(session.value(of: "weights"), "weights", at: range)
    try runLinear(request, at: range, kind: .manyInputs(inputs: inputs, goal: goal), shape: [weights.count]) { observe in
      var trainer = try ManyInputsTrainer(
        inputs: inputs, goal: goal, weights: weights, alpha: request.alpha, optimizer: request.optimizer)
      let result = try trainer.train(self.conditions(request), interrupt: self.session.interrupt, observer: observe)
      return (result, trainer.weights)
    } errorAt: { w in
      var pred = 0.0
      for (x, wi) in zip(inputs, w) { pred += x * wi }
      return (pred - goal) * (pred - goal)
    }
  }

  func trainOneInputManyOutputs(_ request: TrainRequest, at range: SourceRange) throws {
    let input = try number("input", at: range)
    let goals = try vector(try goalValue(at: range), "goal", at: range)
    let weights = try vector(session.value(of: "weights"), "weights", at: range)
    try runLinear(request, at: range, kind: .oneInputManyOutputs(input: input, goals: goals), shape: [weights.count]) { observe in
      var trainer = try OneInputManyOutputsTrainer(
        input: input, goals: goals, weights: weights, alpha: request.alpha, optimizer: request.optimizer)
      let result = try trainer.train(self.conditions(request), interrupt: self.session.interrupt, observer: observe)
      return (result, trainer.weights)
    } errorAt: { w in
      zip(w, goals).reduce(0) { sum, pair in let d = input * pair.0 - pair.1; return sum + d * d }
    }
  }

  func trainManyToMany(_ request: TrainRequest, at range: SourceRange) throws {
    let inputs = try vector(session.value(of: "input"), "input", at: range)
    let goals = try vector(try goalValue(at: range), "goal", at: range)
    guard case .tensor(let matrix, _) = session.value(of: "weights") ?? .none, matrix.rank == 2 else {
      throw Diagnostic("train needs 'weights' to be a matrix", at: range)
    }
    let rows = matrix.rows
    try runLinear(request, at: range, kind: .manyToMany(inputs: inputs, goals: goals), shape: matrix.shape) { observe in
      var trainer = try ManyToManyTrainer(
        inputs: inputs, goals: goals, weights: rows, alpha: request.alpha, optimizer: request.optimizer)
      let result = try trainer.train(self.conditions(request), interrupt: self.session.interrupt, observer: observe)
      return (result, trainer.weights.flatMap { $0 })
    } errorAt: { w in
      var sum = 0.0
      for (o, goal) in goals.enumerated() {
        var pred = 0.0
        for (i, x) in inputs.enumerated() { pred += x * w[o * inputs.count + i] }
        sum += (pred - goal) * (pred - goal)
      }
      return sum
    }
  }

  /// The shared tail of the trainers with several weights.
  func runLinear(
    _ request: TrainRequest, at range: SourceRange, kind: TrainingRecord.Kind, shape: [Int],
    run: (((ManyWeightsStep) -> Void)?) throws -> (TrainingResult<ManyWeightsStep>, [Double]),
    errorAt: @escaping ([Double]) -> Double
  ) throws {
    let printer = verbosePrinter(request)
    let observe: ((ManyWeightsStep) -> Void)? = printer.map { p in
      { step in p(DomainRuntime.vectorValue(step.predictions), step.error) }
    }
    let (result, weightsAfter): (TrainingResult<ManyWeightsStep>, [Double])
    do {
      (result, weightsAfter) = try run(observe)
    } catch let error as TrainingError {
      throw trainingError(error, at: range)
    }
    var final = weightsAfter
    if case .diverged(_, _, let kept, _) = result.stop, !kept.isEmpty { final = kept }
    session.setValue(.tensor((try? Tensor(shape: shape, scalars: final)) ?? Tensor(final), integral: false), for: "weights")
    let last = result.last.map {
      StepValues(
        prediction: DomainRuntime.vectorValue($0.predictions), error: $0.error,
        delta: DomainRuntime.vectorValue($0.deltas),
        weightDelta: .tensor((try? Tensor(shape: shape, scalars: $0.weightDeltas)) ?? Tensor($0.weightDeltas), integral: false))
    }
    let names = (0..<final.count).map { i in
      shape.count == 2 ? "weights[\(i / shape[1])][\(i % shape[1])]" : "weights[\(i)]"
    }
    let record = TrainingRecord(kind: kind, history: result.history, weightNames: names, errorAt: errorAt, finalWeights: final)
    try finish(record, last: last, stop: result.stop, stepsRun: result.stepsRun, request: request, at: range)
  }

  /// A prediction list as the language shows it: one output is a number.
  static func vectorValue(_ values: [Double]) -> Value {
    values.count == 1 ? .float(values[0]) : .tensor(Tensor(values), integral: false)
  }

  /// The `verbose` line printer: the book's `Error:<e> Prediction:<p>`.
  func verbosePrinter(_ request: TrainRequest) -> ((Value, Double) -> Void)? {
    guard request.verbose else { return nil }
    return { [unowned self] prediction, error in
      self.emitFromEngine("Error:" + self.session.digits.format(error) + " Prediction:" + prediction.formatted(self.session.digits) + "\n")
    }
  }

  /// Writes a line from inside an engine run; an error stops the run (see
  /// `pendingError`).
  func emitFromEngine(_ text: String) {
    do {
      try session.emit(text)
    } catch let error as Diagnostic {
      pendingError = error
      session.interrupt.raise()
    } catch {
      // `emit` throws only diagnostics today; anything else still stops the run, reported.
      pendingError = Diagnostic("internal error: \(error)", at: session.currentRange)
      session.interrupt.raise()
    }
  }

  func trainingError(_ error: TrainingError, at range: SourceRange) -> Diagnostic {
    switch error {
    case .invalidStepCount(let n): return Diagnostic("cannot train \(n) steps; give a count of 0 or more", at: range)
    case .sizeMismatch(let what, let expected, let found):
      return Diagnostic("\(what): expected \(expected), found \(found)", at: range)
    default: return Diagnostic("cannot train: \(error)", at: range)
    }
  }

  /// Stores the results, records the training and reports how it stopped.
  func finish(
    _ record: TrainingRecord, last: StepValues?, stop: TrainingStop, stepsRun: Int,
    request: TrainRequest, at range: SourceRange
  ) throws {
    session.steps += stepsRun
    endLiveView(stop: stop, step: stepsRun, error: last?.error)
    if let pending = pendingError {
      pendingError = nil
      session.interrupt.reset()
      throw pending
    }
    if case .network = record.kind {} else { focus = .weights }
    lastTraining = record
    // The names `TrainerChoice.writes` lists, in its order; the learned
    // weights are already set (each trainer sets them as it ends).
    var written: [String: Value] = ["history": .table(record.history.table(weightNames: record.weightNames))]
    if let last {
      written["pred"] = last.prediction
      written["error"] = .float(last.error)
      written["delta"] = last.delta
      written["weight_delta"] = last.weightDelta
    }
    for write in record.kind.choice.writes {
      if let value = written[write.name] { session.setValue(value, for: write.name) }
    }
    let line = range.start.line + session.lineOffset
    switch stop {
    case .completed:
      break
    case .reachedTarget(let step, let error):
      try session.emit(StopMessage.reachedTarget(error: session.digits.format(error), step: "\(step)") + "\n")
    case .diverged(let step, let error, _, _):
      try session.emit(StopMessage.diverged(step: "\(step)", error: session.digits.format(error)) + "\n")
    case .cycled(let step, let period):
      if period == 1 {
        try session.emit(StopMessage.settled(step: "\(step)", error: session.digits.format(last?.error ?? 0)) + "\n")
      } else {
        try session.emit(StopMessage.cycled(step: "\(step)", period: "\(period)") + "\n")
      }
    case .interrupted(let step, let reason):
      switch reason {
      case .flag:
        throw Diagnostic(StopMessage.interrupted(line: "\(line)", steps: "\(step)"), at: range, phase: .interrupt)
      case .stepBudget:
        if let max = request.maxSteps, step >= max {
          try session.emit(StopMessage.maxStepsSpent(max: "\(max)", error: session.digits.format(last?.error ?? .nan)) + "\n")
        } else {
          throw session.budgetSpent(at: range)
        }
      }
    }
  }
}

extension TrainingHistory {
  /// The kept steps as a table: step, the weights, pred, error, delta, weight_delta.
  func table(weightNames: [String]) -> DataTable {
    var names = ["step"]
    var columns: [[Double]] = [stepNumbers.map(Double.init)]
    for (i, name) in weightNames.enumerated() where i < weightCount {
      names.append(name)
      columns.append((0..<count).map { weights[$0 * weightCount + i] })
    }
    let single = outputCount == 1
    for o in 0..<outputCount {
      names.append(single ? "pred" : "pred[\(o)]")
      columns.append((0..<count).map { predictions[$0 * outputCount + o] })
    }
    names.append("error")
    columns.append(errors)
    for o in 0..<outputCount {
      names.append(single ? "delta" : "delta[\(o)]")
      columns.append((0..<count).map { deltas[$0 * outputCount + o] })
    }
    for (i, name) in weightNames.enumerated() where i < weightCount {
      // `weights[0]` gives `weight_delta[[0]]`; a function's `w1`, `weight_delta[w1]`.
      let label = name.hasPrefix("weights") ? String(name.dropFirst("weights".count)) : name
      names.append(weightNames.count == 1 ? "weight_delta" : "weight_delta[\(label)]")
      columns.append((0..<count).map { weightDeltas[$0 * weightCount + i] })
    }
    return DataTable(columnNames: names, columns: columns)
  }
}
