// MARK: - Reductions

extension Tensor {
  /// The sum of all elements, left to right (0 for an empty tensor).
  public func sum() -> Double {
    var total = 0.0
    for value in scalars { total += value }
    return total
  }

  /// The mean of all elements (NaN for an empty tensor, as numpy gives).
  public func mean() -> Double { sum() / Double(count) }

  /// The smallest element; throws for an empty tensor. NaN propagates.
  public func min() throws -> Double {
    guard var result = scalars.first else { throw TensorError.empty(operation: "min") }
    for value in scalars where value < result || value.isNaN { result = value }
    return result
  }

  /// The largest element; throws for an empty tensor. NaN propagates.
  public func max() throws -> Double {
    guard var result = scalars.first else { throw TensorError.empty(operation: "max") }
    for value in scalars where value > result || value.isNaN { result = value }
    return result
  }

  /// Sums along `axis` as numpy's `sum(axis=)`: for a matrix, axis 0 sums
  /// each column (giving a vector of column totals), axis 1 each row.
  public func sum(alongAxis axis: Int) throws -> Tensor {
    guard isMatrix, axis == 0 || axis == 1 else {
      if isVector && axis == 0 { return Tensor([sum()]) }
      throw TensorError.invalidAxis(axis: axis, rank: rank)
    }
    let (rows, columns) = (shape[0], shape[1])
    if axis == 0 {
      var totals = [Double](repeating: 0, count: columns)
      for row in 0..<rows {
        for column in 0..<columns { totals[column] += scalars[row * columns + column] }
      }
      return Tensor(totals)
    }
    var totals = [Double](repeating: 0, count: rows)
    for row in 0..<rows {
      for column in 0..<columns { totals[row] += scalars[row * columns + column] }
    }
    return Tensor(totals)
  }

  /// The mean along `axis` (numpy's `mean(axis=)`).
  public func mean(alongAxis axis: Int) throws -> Tensor {
    let totals = try sum(alongAxis: axis)
    let n = isMatrix ? shape[axis] : count
    return totals / Double(n)
  }
}
