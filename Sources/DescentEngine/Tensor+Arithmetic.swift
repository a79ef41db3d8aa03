// MARK: - Elementwise arithmetic with numpy broadcasting

extension Tensor {
  /// Combines two tensors element by element, broadcasting as numpy does:
  /// shapes are aligned from the right (a vector acts as one row), and each
  /// dimension must be equal or 1. Throws `TensorError.shapeMismatch` otherwise.
  public func combined(
    with other: Tensor, operation: String, _ combine: (Double, Double) -> Double
  ) throws -> Tensor {
    if shape == other.shape {
      var result = scalars
      result.withUnsafeMutableBufferPointer { out in
        other.scalars.withUnsafeBufferPointer { rhs in
          for index in out.indices { out[index] = combine(out[index], rhs[index]) }
        }
      }
      return Tensor(validShape: shape, scalars: result)
    }
    let left = Tensor.asMatrixShape(shape)
    let right = Tensor.asMatrixShape(other.shape)
    var resultShape2 = [0, 0]
    for axis in 0..<2 {
      let (a, b) = (left[axis], right[axis])
      guard a == b || a == 1 || b == 1 else {
        throw TensorError.shapeMismatch(operation: operation, lhs: shape, rhs: other.shape)
      }
      resultShape2[axis] = a == 1 ? b : a
    }
    let (rows, columns) = (resultShape2[0], resultShape2[1])
    var result = [Double](repeating: 0, count: rows * columns)
    // A broadcast dimension of size 1 advances by 0.
    let leftRowStep = left[0] == 1 ? 0 : left[1]
    let leftColumnStep = left[1] == 1 ? 0 : 1
    let rightRowStep = right[0] == 1 ? 0 : right[1]
    let rightColumnStep = right[1] == 1 ? 0 : 1
    scalars.withUnsafeBufferPointer { lhs in
      other.scalars.withUnsafeBufferPointer { rhs in
        result.withUnsafeMutableBufferPointer { out in
          for row in 0..<rows {
            for column in 0..<columns {
              out[row * columns + column] = combine(
                lhs[row * leftRowStep + column * leftColumnStep],
                rhs[row * rightRowStep + column * rightColumnStep])
            }
          }
        }
      }
    }
    let resultShape = Swift.max(shape.count, other.shape.count) == 1 ? [columns] : [rows, columns]
    return Tensor(validShape: resultShape, scalars: result)
  }

  /// The tensor with `transform` applied to every element.
  public func map(_ transform: (Double) throws -> Double) rethrows -> Tensor {
    Tensor(validShape: shape, scalars: try scalars.map(transform))
  }

  /// A vector shape as a one-row matrix shape, for broadcasting.
  static func asMatrixShape(_ shape: [Int]) -> [Int] {
    shape.count == 1 ? [1, shape[0]] : shape
  }

  /// Elementwise sum with broadcasting.
  public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    try lhs.combined(with: rhs, operation: "+", +)
  }
  /// Elementwise difference with broadcasting.
  public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    try lhs.combined(with: rhs, operation: "-", -)
  }
  /// Elementwise product with broadcasting (numpy's `*`, not a matrix product).
  public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    try lhs.combined(with: rhs, operation: "*", *)
  }
  /// Elementwise quotient with broadcasting (IEEE: division by zero gives ±inf or NaN).
  public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    try lhs.combined(with: rhs, operation: "/", /)
  }

  /// Adds a scalar to every element.
  public static func + (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 + rhs } }
  /// Adds every element to a scalar.
  public static func + (lhs: Double, rhs: Tensor) -> Tensor { rhs.map { lhs + $0 } }
  /// Subtracts a scalar from every element.
  public static func - (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 - rhs } }
  /// Subtracts every element from a scalar.
  public static func - (lhs: Double, rhs: Tensor) -> Tensor { rhs.map { lhs - $0 } }
  /// Multiplies every element by a scalar.
  public static func * (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 * rhs } }
  /// Multiplies a scalar by every element.
  public static func * (lhs: Double, rhs: Tensor) -> Tensor { rhs.map { lhs * $0 } }
  /// Divides every element by a scalar.
  public static func / (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 / rhs } }
  /// Divides a scalar by every element.
  public static func / (lhs: Double, rhs: Tensor) -> Tensor { rhs.map { lhs / $0 } }
  /// Negates every element.
  public static prefix func - (operand: Tensor) -> Tensor { operand.map { -$0 } }
}
