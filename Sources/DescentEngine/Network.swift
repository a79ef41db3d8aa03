#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A multilayer perceptron of any depth: a chain of fully connected layers,
/// each with its own activation (sigmoid by default) and optional biases.
///
/// The network holds only its layers; `forwardPass` and `backpropagate`
/// follow the Udacity course one example at a time, and `NetworkTrainer`
/// runs full-batch epochs.
public struct Network: Hashable, Sendable {
  /// The layers, input side first.
  public var layers: [NetworkLayer]

  /// A network of the given layers; throws unless there is at least one
  /// layer and each layer takes as many inputs as the previous has units.
  public init(layers: [NetworkLayer]) throws {
    self.layers = layers
    try validate()
  }

  /// A network of layer sizes `[inputs, hidden…, outputs]` whose weights are
  /// drawn from `SeededRandom(seed: seed)`: normal with scale
  /// `n_in ** -0.5` for each layer, row by row, layer by layer. Biases start at 0.
  public init(sizes: [Int], activation: Activation = .sigmoid, biases: Bool = true, seed: UInt64) throws {
    guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 }) else {
      throw TrainingError.invalidNetwork("a network needs at least two positive layer sizes, got \(sizes)")
    }
    var random = SeededRandom(seed: seed)
    var layers: [NetworkLayer] = []
    for (inputs, units) in zip(sizes, sizes.dropFirst()) {
      let scale = pow(Double(inputs), -0.5)
      var values: [Double] = []
      values.reserveCapacity(inputs * units)
      for _ in 0..<(inputs * units) { values.append(random.nextNormal() * scale) }
      layers.append(
        try NetworkLayer(
          weights: Tensor(shape: [inputs, units], scalars: values),
          biases: biases ? Tensor.zeros([units]) : nil, activation: activation))
    }
    try self.init(layers: layers)
  }

  /// The number of inputs the network takes.
  public var inputCount: Int { layers.first?.inputCount ?? 0 }
  /// The number of outputs it gives.
  public var outputCount: Int { layers.last?.unitCount ?? 0 }

  /// Throws when the layers do not chain (their properties are settable).
  public func validate() throws {
    guard !layers.isEmpty else { throw TrainingError.invalidNetwork("a network needs at least one layer") }
    for (index, layer) in layers.enumerated() {
      try layer.validate()
      if index > 0, layer.inputCount != layers[index - 1].unitCount {
        throw TensorError.shapeMismatch(
          operation: "layer \(index) inputs", lhs: layers[index - 1].weights.shape, rhs: layer.weights.shape)
      }
    }
  }

  /// The network's output for one input vector (a vector), or for the rows
  /// of an input matrix (a matrix, one output row per input row).
  public func forward(_ input: Tensor) throws -> Tensor {
    try validate()
    var activations = input
    for layer in layers {
      var sums = try activations.matmul(layer.weights)
      if let biases = layer.biases { sums = try sums + biases }
      activations = sums.map(layer.activation.callAsFunction)
    }
    return activations
  }

  /// Every layer's weighted sums and outputs for one example (Udacity's
  /// `hidden_layer_in`, `hidden_layer_output`, `output_layer_in`, `output`).
  public func forwardPass(_ input: [Double]) throws -> ForwardPass {
    try validate()
    guard input.count == inputCount else {
      throw TensorError.shapeMismatch(operation: "forward", lhs: [input.count], rhs: layers[0].weights.shape)
    }
    var pass = ForwardPass(weightedSums: [], outputs: [])
    var activations = input
    for layer in layers {
      var sums = [Double](repeating: 0, count: layer.unitCount)
      let columns = layer.unitCount
      for unit in 0..<columns {
        var total = 0.0
        for index in activations.indices { total += activations[index] * layer.weights.scalars[index * columns + unit] }
        if let biases = layer.biases { total += biases.scalars[unit] }
        sums[unit] = total
      }
      activations = sums.map(layer.activation.callAsFunction)
      pass.weightedSums.append(sums)
      pass.outputs.append(activations)
    }
    return pass
  }
}

/// The intermediate values of one forward pass, layer by layer.
public struct ForwardPass: Hashable, Sendable {
  /// Each layer's weighted sums (`input · weights + biases`).
  public var weightedSums: [[Double]]
  /// Each layer's outputs (the activation of the sums); the last is the network's output.
  public var outputs: [[Double]]

  /// The network's output.
  public var output: [Double] { outputs.last ?? [] }
}
