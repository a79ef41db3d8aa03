/// One fully connected layer: `output = activation(input · weights + biases)`.
///
/// `weights` is shaped (inputs of the layer) × (units of the layer), the
/// Udacity convention (`weights_input_hidden`), so a row of inputs times the
/// matrix gives the layer's weighted sums.
public struct NetworkLayer: Hashable, Sendable {
  /// The weights, inputs × units.
  public var weights: Tensor
  /// One bias per unit, or nil for a layer without biases.
  public var biases: Tensor?
  /// The activation applied to each weighted sum.
  public var activation: Activation

  /// A layer; throws unless `weights` is a matrix and `biases` a vector with one entry per unit.
  public init(weights: Tensor, biases: Tensor? = nil, activation: Activation = .sigmoid) throws {
    self.weights = weights
    self.biases = biases
    self.activation = activation
    try validate()
  }

  /// The number of inputs the layer takes.
  public var inputCount: Int { weights.rowCount }
  /// The number of units (outputs) of the layer.
  public var unitCount: Int { weights.columnCount }

  /// Throws when the weights or biases have the wrong shape (their properties are settable).
  public func validate() throws {
    guard weights.isMatrix else {
      throw TensorError.rankMismatch(operation: "layer weights", expected: 2, found: weights.rank)
    }
    if let biases, biases.shape != [unitCount] {
      throw TensorError.shapeMismatch(operation: "layer biases", lhs: weights.shape, rhs: biases.shape)
    }
  }

  /// The error term of a unit: the error times the activation's slope,
  /// written from the unit's output as the course writes it
  /// (`error * output * (1 - output)` for a sigmoid, evaluated left to right).
  @inline(__always)
  func errorTerm(error: Double, output: Double) -> Double {
    switch activation {
    case .sigmoid: return error * output * (1 - output)
    default: return error * activation.derivative(fromOutput: output)
    }
  }
}
