/// The values of one example's backpropagation, Udacity style.
public struct Backpropagation: Hashable, Sendable {
  /// The forward pass it started from.
  public var forward: ForwardPass
  /// `error = target - output` (Udacity's sign).
  public var error: [Double]
  /// Each layer's error terms, input side first; the last is
  /// `output_error_term = error * output * (1 - output)`, the others
  /// `hidden_error_term = (W_next · next_terms) * h * (1 - h)`.
  public var errorTerms: [[Double]]
  /// Each layer's weight steps `learnrate * error_term[unit] * layer_input[row]`,
  /// shaped like its weights; they are added to the weights.
  public var weightSteps: [Tensor]
  /// Each layer's bias steps `learnrate * error_term` (nil for a layer without biases).
  public var biasSteps: [Tensor?]
}

extension Network {
  /// Backpropagates one example as the Udacity course does, returning every
  /// intermediate value; `learningRate` scales the steps (pass 1 for the raw
  /// gradient of −½(target − output)²).
  public func backpropagate(input: [Double], target: [Double], learningRate: Double) throws -> Backpropagation {
    let forward = try forwardPass(input)
    guard target.count == outputCount else {
      throw TensorError.shapeMismatch(operation: "target", lhs: [target.count], rhs: [outputCount])
    }
    let output = forward.output
    let error = zip(target, output).map { $0 - $1 }
    var terms = [[Double]](repeating: [], count: layers.count)
    let lastIndex = layers.count - 1
    terms[lastIndex] = zip(error, output).map { layers[lastIndex].errorTerm(error: $0, output: $1) }
    for index in stride(from: lastIndex - 1, through: 0, by: -1) {
      let next = layers[index + 1]
      let columns = next.unitCount
      let outputs = forward.outputs[index]
      terms[index] = outputs.indices.map { unit in
        // hidden_error = np.dot(weights_hidden_output, output_error_term)
        var hiddenError = 0.0
        for k in 0..<columns { hiddenError += next.weights.scalars[unit * columns + k] * terms[index + 1][k] }
        return layers[index].errorTerm(error: hiddenError, output: outputs[unit])
      }
    }
    var weightSteps: [Tensor] = []
    var biasSteps: [Tensor?] = []
    for (index, layer) in layers.enumerated() {
      let layerInput = index == 0 ? input : forward.outputs[index - 1]
      var steps: [Double] = []
      steps.reserveCapacity(layer.weights.count)
      for row in layerInput.indices {
        for unit in 0..<layer.unitCount { steps.append(learningRate * terms[index][unit] * layerInput[row]) }
      }
      weightSteps.append(Tensor(validShape: layer.weights.shape, scalars: steps))
      biasSteps.append(layer.biases == nil ? nil : Tensor(terms[index].map { learningRate * $0 }))
    }
    return Backpropagation(
      forward: forward, error: error, errorTerms: terms, weightSteps: weightSteps, biasSteps: biasSteps)
  }

  /// Backpropagates one example and adds the steps to the weights (and
  /// biases): one step of per-example gradient descent.
  @discardableResult
  public mutating func trainExample(input: [Double], target: [Double], learningRate: Double) throws
    -> Backpropagation
  {
    let result = try backpropagate(input: input, target: target, learningRate: learningRate)
    for index in layers.indices {
      for position in layers[index].weights.scalars.indices {
        layers[index].weights.scalars[position] += result.weightSteps[index].scalars[position]
      }
      if let biasStep = result.biasSteps[index], var biases = layers[index].biases {
        for position in biases.scalars.indices { biases.scalars[position] += biasStep.scalars[position] }
        layers[index].biases = biases
      }
    }
    return result
  }
}
