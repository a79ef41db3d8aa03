/// The dense matrix-product loops behind `Tensor.matmul` and the network
/// trainer. They work on raw row-major buffers so trainers can reuse
/// preallocated storage epoch after epoch without allocating.
enum MatrixKernels {
  /// `c = a (m×k) · b (k×n)`, overwriting `c`. The i-k-j order streams rows
  /// of `b`, which the compiler vectorises.
  static func multiply(
    _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
    into c: UnsafeMutableBufferPointer<Double>, m: Int, k: Int, n: Int
  ) {
    for index in 0..<(m * n) { c[index] = 0 }
    // Empty operands have no base address; the product is then all zeros.
    guard let cBase = c.baseAddress, let bBase = b.baseAddress, k > 0 else { return }
    for i in 0..<m {
      let cRow = cBase + i * n
      for p in 0..<k {
        let scale = a[i * k + p]
        let bRow = bBase + p * n
        for j in 0..<n { cRow[j] += scale * bRow[j] }
      }
    }
  }

  /// `c = a (m×k) · bᵀ`, where `b` is stored n×k: each entry is a row of `a`
  /// dotted with a row of `b` (used for `delta @ W.T`).
  static func multiplyTransposedB(
    _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
    into c: UnsafeMutableBufferPointer<Double>, m: Int, k: Int, n: Int
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var total = 0.0
        for p in 0..<k { total += a[i * k + p] * b[j * k + p] }
        c[i * n + j] = total
      }
    }
  }

  /// `c = aᵀ · b`, where `a` is stored k×m and `b` k×n (used for `H.T @ delta`).
  static func multiplyTransposedA(
    _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
    into c: UnsafeMutableBufferPointer<Double>, m: Int, k: Int, n: Int
  ) {
    for index in 0..<(m * n) { c[index] = 0 }
    guard let cBase = c.baseAddress, let bBase = b.baseAddress, k > 0 else { return }
    for p in 0..<k {
      let bRow = bBase + p * n
      for i in 0..<m {
        let scale = a[p * m + i]
        let cRow = cBase + i * n
        for j in 0..<n { cRow[j] += scale * bRow[j] }
      }
    }
  }

  /// Array convenience for `multiply`.
  static func multiply(_ a: [Double], _ b: [Double], into c: inout [Double], m: Int, k: Int, n: Int) {
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in multiply(a, b, into: c, m: m, k: k, n: n) }
      }
    }
  }
}
