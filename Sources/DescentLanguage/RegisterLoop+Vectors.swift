import DescentEngine

/// A vector a register loop works on, held while the loop runs: the
/// variable's tensor, taken out of the variable when the loop writes it.
///
/// A class, so each vector's storage can be lent to the loop by its own
/// `withUnsafeMutableScalars` call while the others are lent too.
final class HeldVector {
  var tensor: Tensor
  let integral: Bool

  /// Holds the tensor in `value`, which the caller has checked is a vector.
  init(_ value: Value?) {
    guard case .tensor(let tensor, let integral)? = value else {
      preconditionFailure("a register loop holds only the vectors it checked")
    }
    self.tensor = tensor
    self.integral = integral
  }

  /// Where an empty vector's register points: never read (its count is 0),
  /// but a register needs an address.
  nonisolated(unsafe) private static let emptyStorage = UnsafeMutablePointer<Double>.allocate(capacity: 1)

  /// Lends every held vector's storage to `vectors` (register `i` for
  /// `held[i]`), writable for the vectors the loop writes, and runs `body`
  /// while the storage is lent.
  static func withRegisters<R>(
    _ held: [HeldVector], written: [Bool], in vectors: UnsafeMutablePointer<VectorRegister>, _ body: () -> R
  ) -> R {
    lend(from: 0, held, written, vectors, body)
  }

  private static func lend<R>(
    from i: Int, _ held: [HeldVector], _ written: [Bool], _ vectors: UnsafeMutablePointer<VectorRegister>,
    _ body: () -> R
  ) -> R {
    guard i < held.count else { return body() }
    let vector = held[i]
    if written[i] {
      return vector.tensor.withUnsafeMutableScalars { buffer in
        (vectors + i).initialize(
          to: VectorRegister(elements: buffer.baseAddress ?? emptyStorage, count: buffer.count, integral: vector.integral))
        return lend(from: i + 1, held, written, vectors, body)
      }
    }
    return vector.tensor.withUnsafeScalars { buffer in
      // Read only: the loop's code stores only into the registers of the
      // vectors it writes (`RegisterLayout` says which).
      let elements = buffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) } ?? emptyStorage
      (vectors + i).initialize(to: VectorRegister(elements: elements, count: buffer.count, integral: vector.integral))
      return lend(from: i + 1, held, written, vectors, body)
    }
  }
}

/// A vector register: the elements of a session vector, in the tensor's
/// own storage while the loop runs (see `HeldVector`).
struct VectorRegister {
  var elements: UnsafeMutablePointer<Double>
  var count: Int
  /// Written with integers only so far (see `Value.tensor`).
  var integral: Bool

  /// Where `index` points, read as Python reads it (negatives count from
  /// the end); the usual case inline, the rest by `Operators.position`.
  @inline(__always)
  func position(_ index: Number, _ r: Registers, site: Int) throws -> Int {
    if case .int(let n) = index, n >= 0, n < count { return n }
    return try slowPosition(index, at: r.ranges[site])
  }

  @inline(never)
  private func slowPosition(_ index: Number, at range: SourceRange) throws -> Int {
    try Operators.position(index.value, count: count, at: range, what: "vector of \(count)")
  }

  @inline(__always)
  func element(_ position: Int) -> Number {
    Number.element(elements[position], integral: integral)
  }

  /// Stores a number as `Operators.setIndex` does: a float makes the
  /// vector a float vector.
  @inline(__always)
  mutating func store(_ number: Number, at position: Int) {
    switch number {
    case .float(let x):
      elements[position] = x
      integral = false
    case .int(let n):
      elements[position] = Double(n)
    case .unset:
      break  // reads of unset registers throw before a store
    }
  }
}

