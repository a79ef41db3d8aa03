// MARK: - Products and transposition

extension Tensor {
  /// The dot product of two vectors of equal length, summed left to right
  /// from 0 as the book's `w_sum` does.
  public func dot(_ other: Tensor) throws -> Double {
    guard isVector, other.isVector, shape == other.shape else {
      throw TensorError.shapeMismatch(operation: "dot", lhs: shape, rhs: other.shape)
    }
    var total = 0.0
    for index in scalars.indices { total += scalars[index] * other.scalars[index] }
    return total
  }

  /// The matrix product (numpy's `@`): matrix × matrix, vector × matrix
  /// (the vector is a row; gives a vector) and matrix × vector (the vector is
  /// a column; gives a vector). Use `dot` for vector · vector.
  public func matmul(_ other: Tensor) throws -> Tensor {
    let mismatch = TensorError.shapeMismatch(operation: "matmul", lhs: shape, rhs: other.shape)
    switch (rank, other.rank) {
    case (2, 2):
      guard shape[1] == other.shape[0] else { throw mismatch }
      let (m, k, n) = (shape[0], shape[1], other.shape[1])
      var result = [Double](repeating: 0, count: m * n)
      MatrixKernels.multiply(scalars, other.scalars, into: &result, m: m, k: k, n: n)
      return Tensor(validShape: [m, n], scalars: result)
    case (1, 2):
      guard shape[0] == other.shape[0] else { throw mismatch }
      let (k, n) = (other.shape[0], other.shape[1])
      var result = [Double](repeating: 0, count: n)
      MatrixKernels.multiply(scalars, other.scalars, into: &result, m: 1, k: k, n: n)
      return Tensor(validShape: [n], scalars: result)
    case (2, 1):
      guard shape[1] == other.shape[0] else { throw mismatch }
      let (m, k) = (shape[0], shape[1])
      var result = [Double](repeating: 0, count: m)
      MatrixKernels.multiply(scalars, other.scalars, into: &result, m: m, k: k, n: 1)
      return Tensor(validShape: [m], scalars: result)
    default:
      throw mismatch
    }
  }

  /// The outer product of two vectors: `result[i][j] = self[i] * other[j]`
  /// (the book's `outer_prod`).
  public func outer(_ other: Tensor) throws -> Tensor {
    guard isVector, other.isVector else {
      throw TensorError.shapeMismatch(operation: "outer", lhs: shape, rhs: other.shape)
    }
    var result: [Double] = []
    result.reserveCapacity(count * other.count)
    for a in scalars { for b in other.scalars { result.append(a * b) } }
    return Tensor(validShape: [count, other.count], scalars: result)
  }

  /// The transpose of a matrix; a vector is returned unchanged, as numpy's `.T` does.
  public func transposed() -> Tensor {
    guard isMatrix else { return self }
    let (rows, columns) = (shape[0], shape[1])
    var result = [Double](repeating: 0, count: count)
    for row in 0..<rows {
      for column in 0..<columns { result[column * rows + row] = scalars[row * columns + column] }
    }
    return Tensor(validShape: [columns, rows], scalars: result)
  }
}
