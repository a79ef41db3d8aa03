import CBLAS

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// OpenBLAS behind the engine's larger matrix products.
///
/// OpenBLAS runs on **one thread** unless the environment variable
/// `DESCENT_BLAS_THREADS` names another positive count. One thread because
/// the machines Descent runs on are small and shared (a second BLAS thread
/// fights the REPL, the notebook runner and the other builds for two
/// cores), because comparisons with numpy are then one thread against one
/// thread, and because OpenBLAS splits a product between threads in ways
/// that can change the summation order from one run to the next; one thread
/// gives the same bits every run. OpenBLAS itself would otherwise start one
/// thread per core (or `OPENBLAS_NUM_THREADS`).
///
/// All calls are row-major, matching `Tensor`'s storage, so no operand is
/// ever copied or transposed in memory: a transposed operand is passed as
/// `CblasTrans` with the leading dimension of its stored shape.
enum BLAS {
  /// The thread count, applied to OpenBLAS the first time it is read
  /// (every product reads it first, so it is set before any BLAS work).
  static let threadCount: Int = {
    var count = 1
    if let text = getenv("DESCENT_BLAS_THREADS"), let requested = Int(String(cString: text)), requested > 0 {
      count = requested
    }
    openblas_set_num_threads(Int32(clamping: count))
    return count
  }()

  /// The thread count OpenBLAS reports it is using (after `threadCount` is applied).
  static var activeThreadCount: Int {
    _ = threadCount
    return Int(openblas_get_num_threads())
  }

  /// Products with fewer multiply-adds (m·k·n) than this use the plain loops.
  ///
  /// A BLAS call costs about 50 ns before it multiplies anything, and its
  /// kernels use fused multiply-adds and their own summation order; measured
  /// here, it beats the loops from about 100 multiply-adds on. The limit is
  /// set higher so that the course's products (a 3-2-1 network, XOR's 4
  /// rows, a gradient check on 7 rows: at most a few hundred multiply-adds)
  /// keep the loops' left-to-right sums, which reproduce the course's
  /// printed digits bit for bit. W4 (400 rows, 6→8→1) is above it.
  static let smallProductLimit = 1024

  /// Whether a product of these sizes goes to BLAS: large enough to pay for
  /// the call, and every size within BLAS's 32-bit integers.
  @inline(__always)
  static func shouldUse(m: Int, k: Int, n: Int) -> Bool {
    let limit = Int(Int32.max)
    guard m <= limit, k <= limit, n <= limit else { return false }
    let (mk, overflowMK) = m.multipliedReportingOverflow(by: k)
    let (mkn, overflowMKN) = mk.multipliedReportingOverflow(by: n)
    return overflowMK || overflowMKN || mkn >= smallProductLimit
  }

  /// `c (m×n) = op(a) · op(b)`, where `op(a)` is m×k and `op(b)` is k×n;
  /// `a` is stored m×k (or k×m when `transposeA`), `b` k×n (or n×k when
  /// `transposeB`), all row-major. Sizes must be positive and fit in Int32.
  ///
  /// A product with one row or one column is a matrix-vector product, and
  /// goes to `dgemv`: OpenBLAS's `dgemm` would still pack both operands
  /// into panels, which costs more than the arithmetic for a vector.
  static func multiply(
    _ a: UnsafePointer<Double>, transposeA: Bool, _ b: UnsafePointer<Double>, transposeB: Bool,
    into c: UnsafeMutablePointer<Double>, m: Int, k: Int, n: Int
  ) {
    _ = threadCount
    let (m32, k32, n32) = (Int32(m), Int32(k), Int32(n))
    // Leading dimensions are the stored row lengths.
    let lda = transposeA ? m32 : k32
    let ldb = transposeB ? k32 : n32
    if n == 1 {
      // c = op(a) · (the k entries of b): b's entries are contiguous whether
      // or not it is "transposed" (k×1 and 1×k store the same way).
      cblas_dgemv(
        CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeA ? k32 : m32, transposeA ? m32 : k32,
        1, a, lda, b, 1, 0, c, 1)
    } else if m == 1 {
      // c (1×n) = (the k entries of a) · op(b), i.e. cᵀ = op(b)ᵀ · a.
      cblas_dgemv(
        CblasRowMajor, transposeB ? CblasNoTrans : CblasTrans, transposeB ? n32 : k32, transposeB ? k32 : n32,
        1, b, ldb, a, 1, 0, c, 1)
    } else {
      cblas_dgemm(
        CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
        m32, n32, k32, 1, a, lda, b, ldb, 0, c, n32)
    }
  }
}
