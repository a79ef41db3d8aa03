extension SigmoidUnitTrainer.Rule {
  /// Replaces the delta rule's update by the optimizer's: the gradient of
  /// ½(y − output)² is `-error_term * x` (at the look-ahead weights for
  /// Nesterov), and `changes` become the steps the optimizer takes.
  mutating func proposeWithOptimizer() {
    guard var optimizer else { return }
    // Out of the rule while it proposes, so its state arrays stay unique (no copy).
    self.optimizer = nil
    defer { self.optimizer = optimizer }
    let inputs = trainer.inputs
    var errorTerm = proposal.errorTerm
    if optimizer.kind.wantsLookAhead {
      if lookAhead.count != inputs.count { lookAhead = trainer.weights }
      trainer.weights.withUnsafeBufferPointer { w in
        lookAhead.withUnsafeMutableBufferPointer { optimizer.lookAhead(from: w, into: $0) }
      }
      var h = 0.0
      for index in inputs.indices { h += inputs[index] * lookAhead[index] }
      errorTerm = (trainer.goal - Activation.sigmoid(h)) * Activation.sigmoid.derivative(h)
    }
    for index in inputs.indices { gradient[index] = -(errorTerm * inputs[index]) }
    trainer.weights.withUnsafeBufferPointer { w in
      gradient.withUnsafeBufferPointer { g in
        after.withUnsafeMutableBufferPointer { _ = optimizer.propose(from: w, gradient: g, into: $0) }
      }
    }
    for index in inputs.indices { changes[index] = after[index] - trainer.weights[index] }
  }
}
