/// Buffers for full-batch forward and backward passes through a network,
/// allocated once per training run so an epoch allocates nothing.
///
/// The arithmetic is `w4_mlp_small.py`'s: `error = output - y`,
/// `d_output = error * output * (1 - output)`, `d_hidden = (d_output @ W.T)
/// * hidden * (1 - hidden)`, gradients `H.T @ d` and `d` summed over rows.
struct BatchWorkspace {
  let rows: Int
  /// Each layer's outputs, rows × units.
  var activations: [[Double]]
  /// Each layer's error terms `d`, rows × units.
  var errorTerms: [[Double]]
  /// Each layer's `A_prev.T @ d`, inputs × units (summed over rows, not yet divided).
  var weightGradientSums: [[Double]]
  /// Each layer's `d` summed over rows.
  var biasGradientSums: [[Double]]

  init(network: Network, rows: Int) {
    self.rows = rows
    activations = network.layers.map { [Double](repeating: 0, count: rows * $0.unitCount) }
    errorTerms = activations
    weightGradientSums = network.layers.map { [Double](repeating: 0, count: $0.weights.count) }
    biasGradientSums = network.layers.map { [Double](repeating: 0, count: $0.unitCount) }
  }

  /// Runs the forward pass of `inputs` (rows × inputs, row-major).
  mutating func forward(_ network: Network, inputs: [Double]) {
    for (index, layer) in network.layers.enumerated() {
      let units = layer.unitCount
      let previous = index == 0 ? inputs : activations[index - 1]
      previous.withUnsafeBufferPointer { a in
        layer.weights.scalars.withUnsafeBufferPointer { w in
          activations[index].withUnsafeMutableBufferPointer { z in
            MatrixKernels.multiply(a, w, into: z, m: rows, k: layer.inputCount, n: units)
            if let biases = layer.biases {
              for row in 0..<rows {
                for unit in 0..<units { z[row * units + unit] += biases.scalars[unit] }
              }
            }
            let activation = layer.activation
            for position in z.indices { z[position] = activation(z[position]) }
          }
        }
      }
    }
  }

  /// After `forward`, computes every layer's error terms and gradient sums
  /// for `goals` (rows × outputs); returns the mean squared error over all
  /// elements (numpy's `np.mean(error ** 2)`).
  mutating func backward(_ network: Network, inputs: [Double], goals: [Double]) -> Double {
    let last = network.layers.count - 1
    var squares = 0.0
    let outputLayer = network.layers[last]
    for position in 0..<(rows * outputLayer.unitCount) {
      let output = activations[last][position]
      let error = output - goals[position]
      squares += error * error
      errorTerms[last][position] = outputLayer.errorTerm(error: error, output: output)
    }
    for index in stride(from: last - 1, through: 0, by: -1) {
      let layer = network.layers[index]
      let next = network.layers[index + 1]
      // A second reference (no copy) so reading the next layer's terms does
      // not overlap the write access to this layer's.
      let nextTerms = errorTerms[index + 1]
      nextTerms.withUnsafeBufferPointer { d in
        next.weights.scalars.withUnsafeBufferPointer { w in
          errorTerms[index].withUnsafeMutableBufferPointer { out in
            MatrixKernels.multiplyTransposedB(d, w, into: out, m: rows, k: next.unitCount, n: layer.unitCount)
          }
        }
      }
      for position in errorTerms[index].indices {
        errorTerms[index][position] = layer.errorTerm(
          error: errorTerms[index][position], output: activations[index][position])
      }
    }
    for (index, layer) in network.layers.enumerated() {
      let units = layer.unitCount
      let previous = index == 0 ? inputs : activations[index - 1]
      previous.withUnsafeBufferPointer { a in
        errorTerms[index].withUnsafeBufferPointer { d in
          weightGradientSums[index].withUnsafeMutableBufferPointer { g in
            MatrixKernels.multiplyTransposedA(a, d, into: g, m: layer.inputCount, k: rows, n: units)
          }
          biasGradientSums[index].withUnsafeMutableBufferPointer { b in
            for unit in 0..<units { b[unit] = 0 }
            for row in 0..<rows {
              for unit in 0..<units { b[unit] += d[row * units + unit] }
            }
          }
        }
      }
    }
    return squares / Double(rows * outputLayer.unitCount)
  }
}

extension Network {
  /// Checks and flattens a batch: `inputs` rows × inputs (a vector is one
  /// row), `goals` rows × outputs (a vector is one goal per row for a
  /// single-output network, or one row).
  func batch(inputs: Tensor, goals: Tensor) throws -> (rows: Int, inputs: [Double], goals: [Double]) {
    try validate()
    let inputMatrix = inputs.isVector ? try inputs.reshaped([1, inputs.count]) : inputs
    guard inputMatrix.columnCount == inputCount, inputMatrix.rowCount > 0 else {
      throw TensorError.shapeMismatch(operation: "network inputs", lhs: inputs.shape, rhs: layers[0].weights.shape)
    }
    let rows = inputMatrix.rowCount
    guard goals.count == rows * outputCount, goals.isVector || goals.shape == [rows, outputCount] else {
      throw TensorError.shapeMismatch(operation: "network goals", lhs: inputs.shape, rhs: goals.shape)
    }
    return (rows, inputMatrix.scalars, goals.scalars)
  }

  /// The mean squared error of the network's outputs against `goals`, over
  /// all elements (the loss `w4_mlp_small.py` reports).
  public func meanSquaredError(inputs: Tensor, goals: Tensor) throws -> Double {
    let batch = try batch(inputs: inputs, goals: goals)
    var workspace = BatchWorkspace(network: self, rows: batch.rows)
    workspace.forward(self, inputs: batch.inputs)
    return workspace.backward(self, inputs: batch.inputs, goals: batch.goals)
  }

  /// The gradient the batch trainer descends: of the mean over rows of
  /// ½ Σ_outputs (pred − goal)², per layer (weights shaped like the layer's).
  public func gradients(inputs: Tensor, goals: Tensor) throws -> [LayerGradient] {
    let batch = try batch(inputs: inputs, goals: goals)
    var workspace = BatchWorkspace(network: self, rows: batch.rows)
    workspace.forward(self, inputs: batch.inputs)
    _ = workspace.backward(self, inputs: batch.inputs, goals: batch.goals)
    let n = Double(batch.rows)
    return layers.indices.map { index in
      LayerGradient(
        weights: Tensor(validShape: layers[index].weights.shape, scalars: workspace.weightGradientSums[index].map { $0 / n }),
        biases: layers[index].biases == nil ? nil : Tensor(workspace.biasGradientSums[index].map { $0 / n }))
    }
  }
}

/// One layer's gradient (or velocity): weights shaped like the layer's, and biases if it has them.
public struct LayerGradient: Hashable, Sendable {
  /// The weight part, inputs × units.
  public var weights: Tensor
  /// The bias part, one per unit (nil for a layer without biases).
  public var biases: Tensor?

  /// A layer gradient.
  public init(weights: Tensor, biases: Tensor?) {
    self.weights = weights
    self.biases = biases
  }
}
