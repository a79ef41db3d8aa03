/// A mistake in the shapes or contents handed to a `Tensor` operation.
///
/// Every case is something a user can cause from the language (a ragged
/// list, a wrong-sized matrix), so tensor code throws these instead of
/// trapping.
public enum TensorError: Error, Hashable, Sendable {
  /// Two operands whose shapes do not fit the operation.
  case shapeMismatch(operation: String, lhs: [Int], rhs: [Int])
  /// A nested list whose rows differ in length.
  case raggedRows(row: Int, expected: Int, found: Int)
  /// A shape that is not of rank 1 or 2, or has a negative dimension.
  case invalidShape([Int])
  /// A scalar count that does not fill the requested shape.
  case scalarCountMismatch(shape: [Int], count: Int)
  /// An operation that needs a tensor of another rank (for example `dot` on matrices).
  case rankMismatch(operation: String, expected: Int, found: Int)
  /// A reduction (`min`, `max`) of a tensor with no elements.
  case empty(operation: String)
  /// An index outside the tensor.
  case indexOutOfRange(index: [Int], shape: [Int])
  /// An axis other than 0 or 1 (or 0 for a vector).
  case invalidAxis(axis: Int, rank: Int)
}
