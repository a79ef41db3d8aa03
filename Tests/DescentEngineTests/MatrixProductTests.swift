import Testing

@testable import DescentEngine

/// The matrix products: OpenBLAS for large ones (every transpose flag and
/// the matrix-vector shortcuts), the plain loops for small ones, both
/// against an independent triple loop.
@Suite struct MatrixProductTests {
  /// Seeded values in [-1, 1).
  private func values(_ count: Int, seed: UInt64) -> [Double] {
    var random = SeededRandom(seed: seed)
    return (0..<count).map { _ in random.nextUniform() * 2 - 1 }
  }

  /// `op(a) · op(b)` summed left to right, with `a` stored m×k (k×m when
  /// transposed) and `b` k×n (n×k when transposed); also Σ|a||b| per entry,
  /// the scale a rounding error is measured against.
  private func reference(
    _ a: [Double], transposeA: Bool, _ b: [Double], transposeB: Bool, m: Int, k: Int, n: Int
  ) -> (product: [Double], scale: [Double]) {
    var product = [Double](repeating: 0, count: m * n)
    var scale = product
    for i in 0..<m {
      for j in 0..<n {
        for p in 0..<k {
          let x = transposeA ? a[p * m + i] : a[i * k + p]
          let y = transposeB ? b[j * k + p] : b[p * n + j]
          product[i * n + j] += x * y
          scale[i * n + j] += Swift.abs(x * y)
        }
      }
    }
    return (product, scale)
  }

  private func multiply(
    _ a: [Double], transposeA: Bool, _ b: [Double], transposeB: Bool, m: Int, k: Int, n: Int
  ) -> [Double] {
    var c = [Double](repeating: .nan, count: m * n)
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          switch (transposeA, transposeB) {
          case (false, false): MatrixKernels.multiply(a, b, into: c, m: m, k: k, n: n)
          case (false, true): MatrixKernels.multiplyTransposedB(a, b, into: c, m: m, k: k, n: n)
          case (true, false): MatrixKernels.multiplyTransposedA(a, b, into: c, m: m, k: k, n: n)
          case (true, true): Issue.record("no kernel takes both operands transposed")
          }
        }
      }
    }
    return c
  }

  @Test(arguments: [
    // (m, k, n): BLAS-sized matrices, then the one-row and one-column
    // products that go to dgemv, then an outer product (k = 1).
    (37, 41, 29), (1000, 20, 13), (1, 300, 40), (300, 40, 1), (1, 2000, 1), (200, 1, 30),
  ])
  func blasProductsMatchTheLoop(sizes: (Int, Int, Int)) throws {
    let (m, k, n) = sizes
    #expect(BLAS.shouldUse(m: m, k: k, n: n))
    for (transposeA, transposeB) in [(false, false), (false, true), (true, false)] {
      let a = values(m * k, seed: 1)
      let b = values(k * n, seed: 2)
      let c = multiply(a, transposeA: transposeA, b, transposeB: transposeB, m: m, k: k, n: n)
      let (expected, scale) = reference(a, transposeA: transposeA, b, transposeB: transposeB, m: m, k: k, n: n)
      // BLAS may sum in another order and with fused multiply-adds: each
      // entry within a few ulps of the sum of the terms' magnitudes.
      let worst = zip(zip(c, expected), scale).map { Swift.abs($0.0 - $0.1) / $1 }.max() ?? 0
      #expect(worst < 1e-13, "\(sizes) transposeA \(transposeA) transposeB \(transposeB): \(worst)")
      let again = multiply(a, transposeA: transposeA, b, transposeB: transposeB, m: m, k: k, n: n)
      #expect(again == c, "one BLAS thread gives the same bits every time")
    }
  }

  @Test func smallProductsSumLeftToRightBitForBit() {
    // Lesson-sized: the loops, whose sums are the course's to the last bit.
    for (m, k, n) in [(1, 3, 2), (4, 2, 3), (7, 4, 5), (3, 3, 3)] {
      #expect(!BLAS.shouldUse(m: m, k: k, n: n))
      for (transposeA, transposeB) in [(false, false), (false, true), (true, false)] {
        let a = values(m * k, seed: 3)
        let b = values(k * n, seed: 4)
        let c = multiply(a, transposeA: transposeA, b, transposeB: transposeB, m: m, k: k, n: n)
        #expect(c == reference(a, transposeA: transposeA, b, transposeB: transposeB, m: m, k: k, n: n).product)
      }
    }
  }

  @Test func emptyInnerDimensionGivesZeros() {
    let zeros = [Double](repeating: 0, count: 2000)
    #expect(multiply([], transposeA: false, [], transposeB: false, m: 40, k: 0, n: 50) == zeros)
    #expect(multiply([], transposeA: true, [], transposeB: false, m: 3, k: 0, n: 2) == [0, 0, 0, 0, 0, 0])
  }

  @Test func largeTensorProductsUseBLASAndAgree() throws {
    let a = try Tensor(shape: [60, 50], scalars: values(3000, seed: 5))
    let b = try Tensor(shape: [50, 40], scalars: values(2000, seed: 6))
    let v = Tensor(values(50, seed: 7))
    let w = Tensor(values(60, seed: 8))
    // (product, left operand's scalars, right's, m, k, n, expected shape)
    let cases: [(Tensor, [Double], [Double], Int, Int, Int, [Int])] = [
      (try a.matmul(b), a.scalars, b.scalars, 60, 50, 40, [60, 40]),
      (try a.matmul(v), a.scalars, v.scalars, 60, 50, 1, [60]),
      (try w.matmul(a), w.scalars, a.scalars, 1, 60, 50, [50]),
    ]
    for (product, left, right, m, k, n, shape) in cases {
      #expect(product.shape == shape)
      let (expected, scale) = reference(left, transposeA: false, right, transposeB: false, m: m, k: k, n: n)
      let worst = zip(zip(product.scalars, expected), scale).map { Swift.abs($0.0 - $0.1) / $1 }.max() ?? 0
      #expect(worst < 1e-13)
    }
  }

  @Test func openBLASRunsOnTheConfiguredThreads() {
    // One thread unless DESCENT_BLAS_THREADS asks for more.
    #expect(BLAS.activeThreadCount == BLAS.threadCount)
    if getenvString("DESCENT_BLAS_THREADS") == nil { #expect(BLAS.threadCount == 1) }
  }

  private func getenvString(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
