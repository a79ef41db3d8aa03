/// A small dense vector or matrix of `Double`s, stored row-major.
///
/// Rank 1 (`shape == [n]`) is a vector, rank 2 (`shape == [rows, columns]`)
/// a matrix. It is a plain value: copies are independent (copy-on-write
/// through the underlying array). Operations follow numpy's conventions so
/// the course's listings translate one to one.
public struct Tensor: Hashable, Sendable {
  /// The dimensions: `[n]` for a vector, `[rows, columns]` for a matrix.
  public private(set) var shape: [Int]
  /// The elements in row-major order.
  public internal(set) var scalars: [Double]

  /// A vector holding `scalars`.
  public init(_ scalars: [Double]) {
    self.shape = [scalars.count]
    self.scalars = scalars
  }

  /// A matrix whose rows are `rows`; throws `TensorError.raggedRows` when
  /// the rows differ in length. An empty list gives a 0 × 0 matrix.
  public init(_ rows: [[Double]]) throws {
    let columns = rows.first?.count ?? 0
    var flat: [Double] = []
    flat.reserveCapacity(rows.count * columns)
    for (index, row) in rows.enumerated() {
      guard row.count == columns else {
        throw TensorError.raggedRows(row: index, expected: columns, found: row.count)
      }
      flat.append(contentsOf: row)
    }
    self.shape = [rows.count, columns]
    self.scalars = flat
  }

  /// A tensor of the given shape filled from `scalars` in row-major order.
  public init(shape: [Int], scalars: [Double]) throws {
    try Tensor.validate(shape)
    guard Tensor.elementCount(shape) == scalars.count else {
      throw TensorError.scalarCountMismatch(shape: shape, count: scalars.count)
    }
    self.shape = shape
    self.scalars = scalars
  }

  /// A tensor of the given shape with every element `value`.
  public init(shape: [Int], repeating value: Double) throws {
    try Tensor.validate(shape)
    self.shape = shape
    self.scalars = Array(repeating: value, count: Tensor.elementCount(shape))
  }

  /// Internal initialiser for shapes already known to be valid.
  init(validShape shape: [Int], scalars: [Double]) {
    assert(Tensor.elementCount(shape) == scalars.count)
    self.shape = shape
    self.scalars = scalars
  }

  /// Exchanges the elements with an array of the same count, without
  /// copying (trainers swap in preallocated buffers).
  mutating func exchangeScalars(with other: inout [Double]) {
    precondition(other.count == scalars.count, "exchangeScalars needs equal counts")
    swap(&scalars, &other)
  }

  /// Calls `body` with the elements' storage, to change them in place.
  ///
  /// Copy-on-write is respected: when another tensor shares the storage it
  /// is copied first, so only this tensor sees the changes. The pointer is
  /// valid only inside `body`, which must not change the shape.
  public mutating func withUnsafeMutableScalars<R>(
    _ body: (UnsafeMutableBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    try scalars.withUnsafeMutableBufferPointer { try body($0) }
  }

  /// Calls `body` with the elements' storage to read, without a copy.
  public func withUnsafeScalars<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
    try scalars.withUnsafeBufferPointer { try body($0) }
  }

  /// A tensor of zeros.
  public static func zeros(_ shape: [Int]) throws -> Tensor {
    try Tensor(shape: shape, repeating: 0)
  }

  /// A tensor of ones.
  public static func ones(_ shape: [Int]) throws -> Tensor {
    try Tensor(shape: shape, repeating: 1)
  }

  // MARK: - Shape

  /// 1 for a vector, 2 for a matrix.
  public var rank: Int { shape.count }
  /// The number of elements.
  public var count: Int { scalars.count }
  /// Whether this is a vector (rank 1).
  public var isVector: Bool { shape.count == 1 }
  /// Whether this is a matrix (rank 2).
  public var isMatrix: Bool { shape.count == 2 }
  /// The number of rows (a vector counts as one row).
  public var rowCount: Int { shape.count == 2 ? shape[0] : 1 }
  /// The number of columns (a vector's length).
  public var columnCount: Int { shape.count == 2 ? shape[1] : shape[0] }

  /// The matrix's rows as arrays (a vector gives one row).
  public var rows: [[Double]] {
    let columns = columnCount
    guard columns > 0 else { return Array(repeating: [], count: rowCount) }
    return (0..<rowCount).map { Array(scalars[($0 * columns)..<(($0 + 1) * columns)]) }
  }

  /// The element at `indices` (one index for a vector, two for a matrix).
  public func element(at indices: [Int]) throws -> Double {
    guard indices.count == shape.count,
      zip(indices, shape).allSatisfy({ $0 >= 0 && $0 < $1 })
    else { throw TensorError.indexOutOfRange(index: indices, shape: shape) }
    return shape.count == 1 ? scalars[indices[0]] : scalars[indices[0] * shape[1] + indices[1]]
  }

  /// Replaces the element at `indices`.
  public mutating func setElement(_ value: Double, at indices: [Int]) throws {
    guard indices.count == shape.count,
      zip(indices, shape).allSatisfy({ $0 >= 0 && $0 < $1 })
    else { throw TensorError.indexOutOfRange(index: indices, shape: shape) }
    scalars[shape.count == 1 ? indices[0] : indices[0] * shape[1] + indices[1]] = value
  }

  /// Row `index` of a matrix as a vector.
  public func row(_ index: Int) throws -> Tensor {
    guard isMatrix else { throw TensorError.rankMismatch(operation: "row", expected: 2, found: rank) }
    guard index >= 0 && index < shape[0] else {
      throw TensorError.indexOutOfRange(index: [index], shape: shape)
    }
    let columns = shape[1]
    return Tensor(Array(scalars[(index * columns)..<((index + 1) * columns)]))
  }

  /// The same elements under another shape with the same element count (numpy's `reshape`).
  public func reshaped(_ newShape: [Int]) throws -> Tensor {
    try Tensor(shape: newShape, scalars: scalars)
  }

  static func validate(_ shape: [Int]) throws {
    guard shape.count == 1 || shape.count == 2, shape.allSatisfy({ $0 >= 0 }) else {
      throw TensorError.invalidShape(shape)
    }
    // Guard against overflow in the element count of an absurd user shape.
    var total = 1
    for dimension in shape {
      let (product, overflow) = total.multipliedReportingOverflow(by: dimension)
      guard !overflow, product <= 1 << 40 else { throw TensorError.invalidShape(shape) }
      total = product
    }
  }

  static func elementCount(_ shape: [Int]) -> Int { shape.reduce(1, *) }
}
