extension NetworkTrainer {
  /// The momentum coefficient μ (nil: any other update rule).
  public var momentum: Double? {
    get {
      if case .momentum(let mu) = optimizer { return mu }
      return nil
    }
    set { optimizer = newValue.map { .momentum($0) } ?? .sgd }
  }

  /// Every layer's weights then biases: the optimizer's parameters.
  var parameterCount: Int { network.layers.reduce(0) { $0 + $1.weights.count + ($1.biases?.count ?? 0) } }

  /// Makes `optimizerState` fit the optimizer and the network (keeping the
  /// carried state when it does); none for plain descent and momentum,
  /// whose steps are written out in `propose(layer:...)`.
  mutating func prepareOptimizerState() throws {
    switch optimizer {
    case .sgd, .momentum:
      optimizerState = nil
    default:
      if let state = optimizerState, state.kind == optimizer, state.parameterCount == parameterCount {
        optimizerState?.alpha = alpha
      } else {
        optimizerState = try Optimizer(optimizer, alpha: alpha, parameterCount: parameterCount)
      }
    }
  }
}

extension NetworkTrainer.EpochRule {
  /// An epoch under `optimizerState`: the loss at the weights, the mean
  /// gradient (for Nesterov, at the look-ahead weights), and each layer's
  /// weights then biases stepped as one segment of the optimizer's parameters.
  mutating func proposeWithOptimizer() -> (error: Double, updateIsFinite: Bool) {
    workspace.forward(trainer.network, inputs: batch.inputs)
    let loss = workspace.backward(trainer.network, inputs: batch.inputs, goals: batch.goals)
    guard var optimizer = trainer.optimizerState else { return (loss, false) }
    // Out of the trainer while it proposes, so its state arrays stay unique (no copy).
    trainer.optimizerState = nil
    defer { trainer.optimizerState = optimizer }
    let layers = trainer.network.layers
    if var ahead = lookAhead {
      lookAhead = nil  // `ahead` alone holds the look-ahead weights: filled in place
      var offset = 0
      for index in layers.indices {
        layers[index].weights.withUnsafeScalars { w in
          ahead.layers[index].weights.withUnsafeMutableScalars { optimizer.lookAhead(from: w, offset: offset, into: $0) }
        }
        offset += layers[index].weights.count
        if let biases = layers[index].biases {
          biases.withUnsafeScalars { b in
            ahead.layers[index].biases?.withUnsafeMutableScalars { optimizer.lookAhead(from: b, offset: offset, into: $0) }
          }
          offset += biases.count
        }
      }
      workspace.forward(ahead, inputs: batch.inputs)
      _ = workspace.backward(ahead, inputs: batch.inputs, goals: batch.goals)
      lookAhead = ahead
    }
    let n = Double(batch.rows)
    var finite = true
    var offset = 0
    for index in layers.indices {
      finite =
        layers[index].weights.withUnsafeScalars { w in
          workspace.weightGradientSums[index].withUnsafeBufferPointer { g in
            proposal.weights[index].withUnsafeMutableBufferPointer {
              optimizer.propose(from: w, gradient: g, dividedBy: n, offset: offset, into: $0)
            }
          }
        } && finite
      offset += layers[index].weights.count
      if let biases = layers[index].biases {
        finite =
          biases.withUnsafeScalars { b in
            workspace.biasGradientSums[index].withUnsafeBufferPointer { g in
              proposal.biases[index].withUnsafeMutableBufferPointer {
                optimizer.propose(from: b, gradient: g, dividedBy: n, offset: offset, into: $0)
              }
            }
          } && finite
        offset += biases.count
      }
    }
    return (loss, finite)
  }
}
