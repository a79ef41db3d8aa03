/// The values of one step of a `FunctionTrainer`, computed before its update.
public struct FunctionStep: Hashable, Sendable {
  /// The step number, from 1.
  public var step: Int
  /// The parameters the step started from.
  public var parameters: [Double]
  /// The function's value at `parameters` (the run's error).
  public var value: Double
  /// The gradient the step followed (for Nesterov, taken at the look-ahead point).
  public var gradient: [Double]
  /// The parameters after the update.
  public var parametersAfter: [Double]

  /// A step's values.
  public init(step: Int, parameters: [Double], value: Double, gradient: [Double], parametersAfter: [Double]) {
    self.step = step
    self.parameters = parameters
    self.value = value
    self.gradient = gradient
    self.parametersAfter = parametersAfter
  }
}

/// Gradient descent on any function of a parameter vector, given as a
/// closure returning its value and gradient at a point, with any
/// `Optimizer`, through the one `TrainingLoop` (step count, error target,
/// budget, Ctrl-C, divergence, history, cycles).
///
/// The function's value plays the error: history rows hold the parameters,
/// the value as the error and the gradient as the weight deltas (no
/// predictions). Nesterov calls the function twice a step: for the value
/// at the parameters, and for the gradient at the look-ahead point.
///
/// An error thrown by the function ends the run with the parameters of the
/// last applied step kept, and is rethrown by `train`.
public struct FunctionTrainer: Sendable {
  /// The parameters being learnt.
  public var parameters: [Double]
  /// The update rule and its state, carried from one `train` call to the next.
  public var optimizer: Optimizer

  /// A trainer from `parameters`; throws for an optimizer setting out of range.
  public init(parameters: [Double], optimizer kind: OptimizerKind = .sgd, alpha: Double) throws {
    self.parameters = parameters
    optimizer = try Optimizer(kind, alpha: alpha, parameterCount: parameters.count)
  }

  /// Descends `function` until a stop condition holds, leaving the final
  /// parameters in `parameters`; the error target applies to its value.
  /// See `OneWeightTrainer.train` for the other parameters.
  ///
  /// - Parameter function: the value and gradient at a point (the gradient
  ///   as long as the point); what it throws ends the run and is rethrown.
  public mutating func train(
    _ conditions: StopConditions, interrupt: InterruptFlag? = nil,
    historyCapacity: Int = TrainingHistory.defaultCapacity, observer: ((FunctionStep) -> Void)? = nil,
    function: ([Double]) throws -> (value: Double, gradient: [Double])
  ) throws -> TrainingResult<FunctionStep> {
    guard optimizer.parameterCount == parameters.count else {
      throw OptimizerError.sizeMismatch(expected: optimizer.parameterCount, found: parameters.count)
    }
    let loop = try TrainingLoop(conditions, interrupt: interrupt, historyCapacity: historyCapacity)
    let count = parameters.count
    let stateCount = optimizer.withState { $0.count }
    // Scratch, one allocation: three parameter buffers, two gradients, then
    // the cycle state (parameters and optimizer state).
    var scratch = [Double](repeating: 0, count: Swift.max(1, 6 * count + stateCount))
    return try withoutActuallyEscaping(function) { function in
      try scratch.withUnsafeMutableBufferPointer { buffer in
        // Never nil: the scratch holds at least one value.
        guard let base = buffer.baseAddress else { throw OptimizerError.sizeMismatch(expected: 1, found: 0) }
        var rule = FunctionRule(
          parameters: parameters, optimizer: optimizer, function: function, scratch: base,
          stateCount: stateCount)
        defer {
          parameters = rule.currentParameters
          optimizer = rule.optimizer
        }
        let result = try loop.run(&rule, observer: observer)
        if let failure = rule.failure { throw failure }
        return result
      }
    }
  }
}

/// The `TrainingRule` of `FunctionTrainer`: three parameter arrays rotated
/// (before the last applied step, current, proposed) and the gradient,
/// allocated once per run; the function's own arrays are its business.
struct FunctionRule: TrainingRule {
  typealias Function = ([Double]) throws -> (value: Double, gradient: [Double])
  var optimizer: Optimizer
  private let function: Function
  private let count: Int
  private var previous: UnsafeMutablePointer<Double>
  private var current: UnsafeMutablePointer<Double>
  private var proposal: UnsafeMutablePointer<Double>
  private var gradient: UnsafeMutablePointer<Double>
  private var lastGradient: UnsafeMutablePointer<Double>
  /// Parameters then optimizer state, for cycle detection.
  private let cycleState: UnsafeMutableBufferPointer<Double>
  /// The point handed to the function, refilled each call (no allocation
  /// while the function keeps no reference to it).
  private var argument: [Double]
  /// What the function threw; the step that called it reports itself non-finite.
  private(set) var failure: Error?

  /// A rule over `scratch`, which holds `6 * parameters.count + stateCount` values.
  init(
    parameters: [Double], optimizer: Optimizer, function: @escaping Function,
    scratch base: UnsafeMutablePointer<Double>, stateCount: Int
  ) {
    self.optimizer = optimizer
    self.function = function
    count = parameters.count
    previous = base
    current = base + count
    proposal = base + 2 * count
    gradient = base + 3 * count
    lastGradient = base + 4 * count
    cycleState = UnsafeMutableBufferPointer(start: base + 5 * count, count: count + stateCount)
    for index in 0..<count {
      current[index] = parameters[index]
      previous[index] = parameters[index]
    }
    argument = parameters
  }

  /// The current parameters, as an array.
  var currentParameters: [Double] { Array(UnsafeBufferPointer(start: current, count: count)) }

  var historyWeightCount: Int { count }
  var historyOutputCount: Int { 0 }

  func withCycleState<Result>(_ body: (UnsafeBufferPointer<Double>) -> Result) -> Result {
    for index in 0..<count { cycleState[index] = current[index] }
    optimizer.withState { state in
      for index in 0..<state.count { cycleState[count + index] = state[index] }
    }
    return body(UnsafeBufferPointer(cycleState))
  }

  mutating func propose(step number: Int) -> (error: Double, updateIsFinite: Bool) {
    let value: Double
    do {
      value = try call(at: current)
      if optimizer.kind.wantsLookAhead {
        // The look-ahead point goes through `proposal`, which the step overwrites next.
        optimizer.lookAhead(
          from: UnsafeBufferPointer(start: current, count: count), into: UnsafeMutableBufferPointer(start: proposal, count: count))
        _ = try call(at: proposal)
      }
    } catch {
      failure = error
      return (.nan, false)
    }
    let finite = optimizer.propose(
      from: UnsafeBufferPointer(start: current, count: count), gradient: UnsafeBufferPointer(start: gradient, count: count),
      into: UnsafeMutableBufferPointer(start: proposal, count: count))
    return (value, finite)
  }

  /// Calls the function at `point`, leaving its gradient in `gradient`; returns its value.
  private mutating func call(at point: UnsafeMutablePointer<Double>) throws -> Double {
    for index in 0..<count { argument[index] = point[index] }
    let (value, slope) = try function(argument)
    guard slope.count == count else { throw OptimizerError.sizeMismatch(expected: count, found: slope.count) }
    for index in 0..<count { gradient[index] = slope[index] }
    return value
  }

  mutating func discard() {}

  var weights: [Double] { currentParameters }

  func record(step number: Int, error: Double, into history: inout TrainingHistory) {
    history.record(
      step: number, weights: UnsafeBufferPointer(start: current, count: count),
      predictions: UnsafeBufferPointer(start: nil, count: 0), error: error,
      deltas: UnsafeBufferPointer(start: nil, count: 0), weightDeltas: UnsafeBufferPointer(start: gradient, count: count))
  }

  func proposedStep(_ number: Int, error: Double) -> FunctionStep {
    step(number, error: error, before: current, gradient: gradient, after: proposal)
  }

  mutating func accept() {
    optimizer.accept()
    (previous, current, proposal) = (current, proposal, previous)
    (gradient, lastGradient) = (lastGradient, gradient)
  }

  mutating func lastAppliedStep(_ number: Int, error: Double) -> FunctionStep {
    step(number, error: error, before: previous, gradient: lastGradient, after: current)
  }

  private func step(
    _ number: Int, error: Double, before: UnsafeMutablePointer<Double>, gradient: UnsafeMutablePointer<Double>,
    after: UnsafeMutablePointer<Double>
  ) -> FunctionStep {
    FunctionStep(
      step: number, parameters: Array(UnsafeBufferPointer(start: before, count: count)), value: error,
      gradient: Array(UnsafeBufferPointer(start: gradient, count: count)),
      parametersAfter: Array(UnsafeBufferPointer(start: after, count: count)))
  }
}
