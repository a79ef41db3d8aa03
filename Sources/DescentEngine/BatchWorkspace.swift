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
  ///
  /// Per layer: one product `A_prev @ W` (BLAS when large), then one pass
  /// that adds the biases and applies the activation while the row is in
  /// cache. The bias is added after the product, as numpy's `X @ W1 + b1`
  /// does, rather than preloaded into the product's output, which would
  /// change the summation order.
  mutating func forward(_ network: Network, inputs: [Double]) {
    for (index, layer) in network.layers.enumerated() {
      let units = layer.unitCount
      let previous = index == 0 ? inputs : activations[index - 1]
      let rows = rows
      previous.withUnsafeBufferPointer { a in
        layer.weights.scalars.withUnsafeBufferPointer { w in
          activations[index].withUnsafeMutableBufferPointer { z in
            MatrixKernels.multiply(a, w, into: z, m: rows, k: layer.inputCount, n: units)
            if let biases = layer.biases {
              biases.scalars.withUnsafeBufferPointer { b in
                ElementwiseKernels.activate(z, biases: b, layer.activation, rows: rows, units: units)
              }
            } else {
              ElementwiseKernels.activate(z, biases: nil, layer.activation, rows: rows, units: units)
            }
          }
        }
      }
    }
  }

  /// After `forward`, computes every layer's error terms and gradient sums
  /// for `goals` (rows × outputs); returns the mean squared error over all
  /// elements (numpy's `np.mean(error ** 2)`).
  ///
  /// The elementwise work is fused: one pass over the outputs gives the
  /// error, its square and the error term and adds the term into the bias
  /// sums; one pass per hidden layer turns the back-propagated product into
  /// error terms and bias sums. The products (`d @ W.T`, `A_prev.T @ d`)
  /// go to BLAS when large, with the transposes expressed as BLAS flags.
  mutating func backward(_ network: Network, inputs: [Double], goals: [Double]) -> Double {
    let last = network.layers.count - 1
    let rows = rows
    let outputLayer = network.layers[last]
    let outputUnits = outputLayer.unitCount
    let outputs = activations[last]
    let squares = outputs.withUnsafeBufferPointer { output in
      goals.withUnsafeBufferPointer { goal in
        errorTerms[last].withUnsafeMutableBufferPointer { d in
          biasGradientSums[last].withUnsafeMutableBufferPointer { b in
            ElementwiseKernels.outputTerms(
              output: output, goals: goal, into: d, biasSums: b, outputLayer.activation, rows: rows,
              units: outputUnits)
          }
        }
      }
    }
    for index in stride(from: last - 1, through: 0, by: -1) {
      let layer = network.layers[index]
      let next = network.layers[index + 1]
      // A second reference (no copy) so reading the next layer's terms does
      // not overlap the write access to this layer's.
      let nextTerms = errorTerms[index + 1]
      let hidden = activations[index]
      nextTerms.withUnsafeBufferPointer { dNext in
        next.weights.scalars.withUnsafeBufferPointer { w in
          hidden.withUnsafeBufferPointer { h in
            errorTerms[index].withUnsafeMutableBufferPointer { d in
              MatrixKernels.multiplyTransposedB(dNext, w, into: d, m: rows, k: next.unitCount, n: layer.unitCount)
              biasGradientSums[index].withUnsafeMutableBufferPointer { b in
                ElementwiseKernels.hiddenTerms(
                  d, outputs: h, biasSums: b, layer.activation, rows: rows, units: layer.unitCount)
              }
            }
          }
        }
      }
    }
    for (index, layer) in network.layers.enumerated() {
      let previous = index == 0 ? inputs : activations[index - 1]
      let terms = errorTerms[index]
      previous.withUnsafeBufferPointer { a in
        terms.withUnsafeBufferPointer { d in
          weightGradientSums[index].withUnsafeMutableBufferPointer { g in
            MatrixKernels.multiplyTransposedA(a, d, into: g, m: layer.inputCount, k: rows, n: layer.unitCount)
          }
        }
      }
    }
    return squares / Double(rows * outputUnits)
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
