/// Compares a trainer's analytic gradient with central finite differences
/// of the loss it minimises, parameter by parameter.
///
/// The book's one-weight loop subtracts `alpha * input * delta`, which is
/// half the derivative of its error `(pred - goal) ** 2`; the report says
/// which loss it differentiated and that factor, so a lesson can show both.
public enum GradientCheck {
  /// Checks the book's one-weight loop at the trainer's current weight.
  /// Prediction rounding is ignored (a rounded loss is a staircase with no
  /// useful derivative); the unrounded loss is checked.
  public static func oneWeight(_ trainer: OneWeightTrainer, step: Double = 1e-6) -> GradientCheckReport {
    let loss = { (weight: Double) -> Double in
      Loss.squaredError(prediction: trainer.input * weight, goal: trainer.goal)
    }
    let delta = trainer.input * trainer.weight - trainer.goal
    let update = trainer.input * delta
    let entry = GradientCheckEntry(
      parameter: .weight(index: 0), update: update, factor: 2,
      numeric: centralDifference(loss, at: trainer.weight, step: step))
    return GradientCheckReport(loss: .squaredError, factor: 2, entries: [entry])
  }

  /// Checks a many-inputs trainer at its current weights: the loss is
  /// `(pred - goal) ** 2`; the book's weight deltas are half its gradient,
  /// DataCamp's gradient is all of it.
  public static func manyInputs(_ trainer: ManyInputsTrainer, step: Double = 1e-6) -> GradientCheckReport {
    let factor: Double = trainer.convention == .dataCamp ? 1 : 2
    let delta = trainer.prediction - trainer.goal
    let entries = trainer.weights.indices.map { index -> GradientCheckEntry in
      let loss = { (weight: Double) -> Double in
        var probe = trainer
        probe.weights[index] = weight
        return Loss.squaredError(prediction: probe.prediction, goal: probe.goal)
      }
      let bookDelta = delta * trainer.inputs[index]
      return GradientCheckEntry(
        parameter: .weight(index: index), update: factor == 1 ? 2 * bookDelta : bookDelta, factor: factor,
        numeric: centralDifference(loss, at: trainer.weights[index], step: step))
    }
    return GradientCheckReport(loss: .squaredError, factor: factor, entries: entries)
  }

  /// Checks every weight and bias of a network against the loss its batch
  /// trainer descends, the mean over rows of ½ Σ_outputs (pred − goal)².
  public static func network(
    _ network: Network, inputs: Tensor, goals: Tensor, step: Double = 1e-6
  ) throws -> GradientCheckReport {
    let gradients = try network.gradients(inputs: inputs, goals: goals)
    let batch = try network.batch(inputs: inputs, goals: goals)
    var workspace = BatchWorkspace(network: network, rows: batch.rows)
    let outputs = Double(network.outputCount)
    func loss(_ probe: Network) -> Double {
      workspace.forward(probe, inputs: batch.inputs)
      // mean over all elements × outputs / 2 = mean over rows of ½ Σ_outputs.
      return workspace.backward(probe, inputs: batch.inputs, goals: batch.goals) * outputs / 2
    }
    var entries: [GradientCheckEntry] = []
    for (layerIndex, layer) in network.layers.enumerated() {
      let columns = layer.unitCount
      for position in layer.weights.scalars.indices {
        let numeric = centralDifference(
          { value in
            var probe = network
            probe.layers[layerIndex].weights.scalars[position] = value
            return loss(probe)
          }, at: layer.weights.scalars[position], step: step)
        entries.append(
          GradientCheckEntry(
            parameter: .layerWeight(layer: layerIndex, row: position / columns, column: position % columns),
            update: gradients[layerIndex].weights.scalars[position], factor: 1, numeric: numeric))
      }
      if let biases = layer.biases, let biasGradient = gradients[layerIndex].biases {
        for unit in biases.scalars.indices {
          let numeric = centralDifference(
            { value in
              var probe = network
              probe.layers[layerIndex].biases?.scalars[unit] = value
              return loss(probe)
            }, at: biases.scalars[unit], step: step)
          entries.append(
            GradientCheckEntry(
              parameter: .layerBias(layer: layerIndex, unit: unit), update: biasGradient.scalars[unit],
              factor: 1, numeric: numeric))
        }
      }
    }
    return GradientCheckReport(loss: .halfSquaredErrorMeanOverRows, factor: 1, entries: entries)
  }

  /// `(f(x + h) - f(x - h)) / 2h` with `h` scaled to the size of `x`.
  static func centralDifference(_ f: (Double) -> Double, at x: Double, step: Double) -> Double {
    let h = step * Swift.max(1, Swift.abs(x))
    return (f(x + h) - f(x - h)) / ((x + h) - (x - h))
  }
}
