import DescentEngine

/// The tensors a register loop works on, held in a buffer while it runs
/// (one per vector register): the variable's own tensor, taken out of the
/// variable when the loop writes it, so its storage is not shared.
///
/// A plain buffer, not an array of boxes: entering a loop allocates
/// nothing, and lending each tensor's storage needs no exclusivity check.
enum HeldVectors {
  /// Where an empty vector's register points (and every register before
  /// its storage is lent): never read at count 0, but a register needs an
  /// address.
  nonisolated(unsafe) static let emptyStorage = UnsafeMutablePointer<Double>.allocate(capacity: 1)

  /// Lends the storage of `tensors[0..<count]` to `vectors` (register `i`
  /// for `tensors[i]`; the `integral` flags already set), writable for the
  /// vectors the loop writes, and runs `body` while it is lent.
  /// `withUnsafeMutableScalars` copies a tensor's storage first only when
  /// another holder shares it (copy-on-write).
  static func lend<R>(
    _ tensors: UnsafeMutablePointer<Tensor>, count: Int, written: [Bool],
    to vectors: UnsafeMutablePointer<VectorRegister>, _ body: () -> R
  ) -> R {
    lend(from: 0, tensors, count, written, vectors, body)
  }

  private static func lend<R>(
    from i: Int, _ tensors: UnsafeMutablePointer<Tensor>, _ count: Int, _ written: [Bool],
    _ vectors: UnsafeMutablePointer<VectorRegister>, _ body: () -> R
  ) -> R {
    guard i < count else { return body() }
    if written[i] {
      return tensors[i].withUnsafeMutableScalars { buffer in
        vectors[i].elements = buffer.baseAddress ?? emptyStorage
        vectors[i].count = buffer.count
        return lend(from: i + 1, tensors, count, written, vectors, body)
      }
    }
    return tensors[i].withUnsafeScalars { buffer in
      // Read only: the loop's code stores only into the registers of the
      // vectors it writes (`RegisterLayout` says which).
      vectors[i].elements = buffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) } ?? emptyStorage
      vectors[i].count = buffer.count
      return lend(from: i + 1, tensors, count, written, vectors, body)
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

