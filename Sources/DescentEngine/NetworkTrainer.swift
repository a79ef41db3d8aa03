/// One epoch's values: its number (from 1) and the mean squared error of
/// the outputs before the epoch's update.
public struct EpochStep: Hashable, Sendable {
  /// The epoch number, from 1.
  public var epoch: Int
  /// The mean squared error over all outputs, before the update.
  public var loss: Double

  /// An epoch's values.
  public init(epoch: Int, loss: Double) {
    self.epoch = epoch
    self.loss = loss
  }
}

/// Full-batch gradient descent for a `Network`, exactly `w4_mlp_small.py`'s
/// arithmetic per epoch:
///
///     W -= alpha * (H.T @ d) / n_rows;   b -= alpha * d.mean(axis=0)
///
/// i.e. the mean over rows of the gradient of ½ Σ (pred − goal)² (the
/// Udacity convention; the constant 2 of the MSE is folded into alpha).
/// With `momentum` μ: `v = μ v − alpha g; w += v` with `g` that mean gradient.
/// Any other `optimizer` takes that mean gradient too
/// (`NetworkTrainer+Optimizer.swift`). Cycle detection does not apply to networks.
public struct NetworkTrainer: Hashable, Sendable {
  /// The network being trained.
  public var network: Network
  /// The learning rate.
  public var alpha: Double
  /// The update rule (plain gradient descent by default).
  public var optimizer: OptimizerKind
  /// The momentum velocities per layer, carried from one `train` call to the next.
  public var velocities: [LayerGradient]
  /// The state of an optimizer other than plain descent or momentum, over
  /// every layer's weights then biases, carried from one `train` call to the next.
  public var optimizerState: Optimizer?

  /// A trainer for `network`; `momentum` μ is `optimizer: .momentum(μ)`.
  public init(network: Network, alpha: Double, momentum: Double? = nil, optimizer: OptimizerKind = .sgd) {
    self.network = network
    self.alpha = alpha
    self.optimizer = momentum.map { .momentum($0) } ?? optimizer
    self.velocities = []
  }

  /// Runs epochs until a stop condition holds (the error target applies to
  /// the epoch's loss), leaving the trained weights in `network`.
  ///
  /// - Parameters:
  ///   - inputs: rows × inputs (a vector is one row).
  ///   - goals: rows × outputs (a vector: one goal per row for one output).
  public mutating func train(
    inputs: Tensor, goals: Tensor, _ conditions: StopConditions, interrupt: InterruptFlag? = nil,
    historyCapacity: Int = TrainingHistory.defaultCapacity,
    observer: ((EpochStep) -> Void)? = nil
  ) throws -> TrainingResult<EpochStep> {
    let loop = try TrainingLoop(conditions, interrupt: interrupt, historyCapacity: historyCapacity)
    let batch = try network.batch(inputs: inputs, goals: goals)
    try prepareOptimizerState()
    if momentum != nil && !velocitiesFit() {
      velocities = network.layers.map {
        LayerGradient(
          weights: Tensor(validShape: $0.weights.shape, scalars: [Double](repeating: 0, count: $0.weights.count)),
          biases: $0.biases.map { Tensor(validShape: $0.shape, scalars: [Double](repeating: 0, count: $0.count)) })
      }
    }
    var rule = EpochRule(trainer: self, batch: batch)
    defer { self = rule.trainer }
    return try loop.run(&rule, observer: observer)
  }

  /// One epoch of full-batch gradient descent, for the shared loop.
  struct EpochRule: TrainingRule {
    /// The trainer, whose network and velocities are the current state.
    var trainer: NetworkTrainer
    let batch: (rows: Int, inputs: [Double], goals: [Double])
    var workspace: BatchWorkspace
    // Proposed weights, biases and velocities, swapped in when an epoch is
    // accepted, so a diverged epoch leaves everything as it was.
    var proposal: Proposal
    /// Nesterov's look-ahead weights (nil for the other rules).
    var lookAhead: Network?

    init(trainer: NetworkTrainer, batch: (rows: Int, inputs: [Double], goals: [Double])) {
      self.trainer = trainer
      self.batch = batch
      let network = trainer.network
      workspace = BatchWorkspace(network: network, rows: batch.rows)
      proposal = Proposal(
        weights: network.layers.map(\.weights.scalars), biases: network.layers.map { $0.biases?.scalars ?? [] },
        weightVelocities: trainer.velocities.map(\.weights.scalars),
        biasVelocities: trainer.velocities.map { $0.biases?.scalars ?? [] })
      lookAhead = trainer.optimizerState?.kind.wantsLookAhead == true ? network : nil
    }

    /// The history keeps only each epoch's loss.
    var historyWeightCount: Int { 0 }
    var historyOutputCount: Int { 0 }

    /// Cycle detection does not apply to networks.
    static var canCycle: Bool { false }
    func withCycleState<Result>(_ body: (UnsafeBufferPointer<Double>) -> Result) -> Result {
      body(UnsafeBufferPointer(start: nil, count: 0))
    }

    mutating func propose(step number: Int) -> (error: Double, updateIsFinite: Bool) {
      if trainer.optimizerState != nil { return proposeWithOptimizer() }
      workspace.forward(trainer.network, inputs: batch.inputs)
      let loss = workspace.backward(trainer.network, inputs: batch.inputs, goals: batch.goals)
      var finite = true
      let n = Double(batch.rows)
      for index in trainer.network.layers.indices {
        trainer.propose(layer: index, workspace: workspace, n: n, into: &proposal, finite: &finite)
      }
      return (loss, finite)
    }

    mutating func discard() {}

    var weights: [Double] { trainer.network.layers.flatMap(\.weights.scalars) }

    func record(step number: Int, error: Double, into history: inout TrainingHistory) {
      history.record(step: number, error: error)
    }

    func proposedStep(_ number: Int, error: Double) -> EpochStep { EpochStep(epoch: number, loss: error) }

    mutating func accept() {
      trainer.optimizerState?.accept()
      for index in trainer.network.layers.indices {
        trainer.network.layers[index].weights.exchangeScalars(with: &proposal.weights[index])
        trainer.network.layers[index].biases?.exchangeScalars(with: &proposal.biases[index])
        if trainer.momentum != nil {
          trainer.velocities[index].weights.exchangeScalars(with: &proposal.weightVelocities[index])
          trainer.velocities[index].biases?.exchangeScalars(with: &proposal.biasVelocities[index])
        }
      }
    }

    mutating func lastAppliedStep(_ number: Int, error: Double) -> EpochStep { EpochStep(epoch: number, loss: error) }
  }

  /// Whether the stored velocities have the network's shapes.
  private func velocitiesFit() -> Bool {
    velocities.count == network.layers.count
      && zip(velocities, network.layers).allSatisfy {
        $0.weights.shape == $1.weights.shape && $0.biases?.shape == $1.biases?.shape
      }
  }

  /// Buffers for an epoch's proposed values, per layer.
  struct Proposal {
    var weights: [[Double]]
    var biases: [[Double]]
    var weightVelocities: [[Double]]
    var biasVelocities: [[Double]]
  }

  /// Writes layer `layer`'s updated weights and biases (and velocities under
  /// momentum) into `proposal`, noting non-finite values.
  fileprivate func propose(
    layer: Int, workspace: BatchWorkspace, n: Double, into proposal: inout Proposal, finite: inout Bool
  ) {
    let current = network.layers[layer]
    let alpha = alpha
    if let mu = momentum {
      finite =
        Self.momentumStep(
          current.weights.scalars, velocities: velocities[layer].weights.scalars,
          gradientSums: workspace.weightGradientSums[layer], n: n, alpha: alpha, mu: mu,
          into: &proposal.weights[layer], velocitiesInto: &proposal.weightVelocities[layer]) && finite
      finite =
        Self.momentumStep(
          current.biases?.scalars ?? [], velocities: velocities[layer].biases?.scalars ?? [],
          gradientSums: workspace.biasGradientSums[layer], n: n, alpha: alpha, mu: mu,
          into: &proposal.biases[layer], velocitiesInto: &proposal.biasVelocities[layer]) && finite
      return
    }
    // numpy: `W -= alpha * G / n` is W - ((alpha * G) / n); `b -= alpha * d.mean(axis=0)`.
    let weightsFinite = Self.step(
      current.weights.scalars, gradientSums: workspace.weightGradientSums[layer], into: &proposal.weights[layer]
    ) { $0 - alpha * $1 / n }
    let biasesFinite = Self.step(
      current.biases?.scalars ?? [], gradientSums: workspace.biasGradientSums[layer], into: &proposal.biases[layer]
    ) { $0 - alpha * ($1 / n) }
    finite = finite && weightsFinite && biasesFinite
  }

  /// Writes `update(values[i], gradientSums[i])` into `target` for every
  /// entry of `values`; returns whether every result is finite.
  ///
  /// Finiteness is accumulated as a sum of `x * 0`, which is 0 for every
  /// finite x and NaN for an infinity or NaN: no branch in the loop, and
  /// no false alarm from large finite values (a plain sum could overflow).
  @inline(__always)
  private static func step(
    _ values: [Double], gradientSums: [Double], into target: inout [Double], _ update: (Double, Double) -> Double
  ) -> Bool {
    var check = 0.0
    values.withUnsafeBufferPointer { v in
      gradientSums.withUnsafeBufferPointer { g in
        target.withUnsafeMutableBufferPointer { t in
          for position in 0..<v.count {
            let updated = update(v[position], g[position])
            t[position] = updated
            check += updated * 0
          }
        }
      }
    }
    return check == 0
  }

  /// Classical momentum for one array: `v = mu v - alpha (g / n); w += v`.
  private static func momentumStep(
    _ weights: [Double], velocities: [Double], gradientSums: [Double], n: Double, alpha: Double, mu: Double,
    into target: inout [Double], velocitiesInto velocityTarget: inout [Double]
  ) -> Bool {
    var check = 0.0
    weights.withUnsafeBufferPointer { w in
      velocities.withUnsafeBufferPointer { v in
        gradientSums.withUnsafeBufferPointer { g in
          target.withUnsafeMutableBufferPointer { t in
            velocityTarget.withUnsafeMutableBufferPointer { vt in
              for position in 0..<w.count {
                let velocity = mu * v[position] - alpha * (g[position] / n)
                vt[position] = velocity
                let updated = w[position] + velocity
                t[position] = updated
                check += updated * 0
              }
            }
          }
        }
      }
    }
    return check == 0
  }
}
