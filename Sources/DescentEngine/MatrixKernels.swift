/// The dense matrix products behind `Tensor.matmul` and the network
/// trainer. They work on raw row-major buffers so trainers can reuse
/// preallocated storage epoch after epoch without allocating.
///
/// Each product goes to OpenBLAS (`BLAS`) when it is large enough to pay
/// for the call, and otherwise runs a plain loop that sums left to right
/// from 0, as the course's Python does (see `BLAS.smallProductLimit`).
enum MatrixKernels {
  /// `c = a (m×k) · b (k×n)`, overwriting `c`.
  static func multiply(
    _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
    into c: UnsafeMutableBufferPointer<Double>, m: Int, k: Int, n: Int
  ) {
    product(a, transposeA: false, b, transposeB: false, into: c, m: m, k: k, n: n)
  }

  /// `c = a (m×k) · bᵀ`, where `b` is stored n×k (used for `delta @ W.T`).
  static func multiplyTransposedB(
    _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
    into c: UnsafeMutableBufferPointer<Double>, m: Int, k: Int, n: Int
  ) {
    product(a, transposeA: false, b, transposeB: true, into: c, m: m, k: k, n: n)
  }

  /// `c = aᵀ · b`, where `a` is stored k×m and `b` k×n (used for `H.T @ delta`).
  static func multiplyTransposedA(
    _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
    into c: UnsafeMutableBufferPointer<Double>, m: Int, k: Int, n: Int
  ) {
    product(a, transposeA: true, b, transposeB: false, into: c, m: m, k: k, n: n)
  }

  /// Array convenience for `multiply`.
  static func multiply(_ a: [Double], _ b: [Double], into c: inout [Double], m: Int, k: Int, n: Int) {
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in multiply(a, b, into: c, m: m, k: k, n: n) }
      }
    }
  }

  /// Checks the buffers' sizes, handles empty products, and picks BLAS or the loops.
  private static func product(
    _ a: UnsafeBufferPointer<Double>, transposeA: Bool, _ b: UnsafeBufferPointer<Double>, transposeB: Bool,
    into c: UnsafeMutableBufferPointer<Double>, m: Int, k: Int, n: Int
  ) {
    precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n, "matrix product: buffers too small")
    // Empty operands have no base address; a product over k = 0 is all zeros.
    guard m > 0, n > 0, let cBase = c.baseAddress else { return }
    guard k > 0, let aBase = a.baseAddress, let bBase = b.baseAddress else {
      cBase.update(repeating: 0, count: m * n)
      return
    }
    if BLAS.shouldUse(m: m, k: k, n: n) {
      BLAS.multiply(aBase, transposeA: transposeA, bBase, transposeB: transposeB, into: cBase, m: m, k: k, n: n)
    } else {
      PlainProducts.multiply(
        aBase, transposeA: transposeA, bBase, transposeB: transposeB, into: cBase, m: m, k: k, n: n)
    }
  }
}

/// The loops for small products. Every entry is summed over `p` from 0 to
/// k − 1 in order, starting from 0, with separate multiplies and adds (no
/// fused multiply-add on the baseline x86-64 target): the same bits as the
/// course's `w_sum` and numpy's small products.
enum PlainProducts {
  /// `c = op(a) · op(b)`; sizes positive, buffers large enough.
  static func multiply(
    _ a: UnsafePointer<Double>, transposeA: Bool, _ b: UnsafePointer<Double>, transposeB: Bool,
    into c: UnsafeMutablePointer<Double>, m: Int, k: Int, n: Int
  ) {
    switch (transposeA, transposeB) {
    case (false, false):
      // i-p-j order streams rows of b into a row of c, which vectorises;
      // each c[i][j] still receives its terms in order of p.
      c.update(repeating: 0, count: m * n)
      for i in 0..<m {
        let cRow = c + i * n
        for p in 0..<k {
          let scale = a[i * k + p]
          let bRow = b + p * n
          for j in 0..<n { cRow[j] += scale * bRow[j] }
        }
      }
    case (false, true):
      // Each entry is a row of a dotted with a row of b.
      for i in 0..<m {
        let aRow = a + i * k
        for j in 0..<n {
          let bRow = b + j * k
          var total = 0.0
          for p in 0..<k { total += aRow[p] * bRow[p] }
          c[i * n + j] = total
        }
      }
    case (true, false):
      // a is k×m: row p of a scales row p of b into every row of c.
      c.update(repeating: 0, count: m * n)
      for p in 0..<k {
        let bRow = b + p * n
        for i in 0..<m {
          let scale = a[p * m + i]
          let cRow = c + i * n
          for j in 0..<n { cRow[j] += scale * bRow[j] }
        }
      }
    case (true, true):
      for i in 0..<m {
        for j in 0..<n {
          var total = 0.0
          for p in 0..<k { total += a[p * m + i] * b[j * k + p] }
          c[i * n + j] = total
        }
      }
    }
  }
}
