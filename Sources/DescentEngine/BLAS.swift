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
/// gives the same bits every run.
///
/// The library is opened on first use, not linked (see `OpenBLAS`).
///
/// All calls are row-major, matching `Tensor`'s storage, so no operand is
/// ever copied or transposed in memory: a transposed operand is passed as
/// `CblasTrans` with the leading dimension of its stored shape.
enum BLAS {
  /// The thread count asked for: 1, or `DESCENT_BLAS_THREADS`.
  static let threadCount: Int = {
    if let text = getenv("DESCENT_BLAS_THREADS"), let requested = Int(String(cString: text)), requested > 0 {
      return requested
    }
    return 1
  }()

  /// OpenBLAS, opened (and set to `threadCount` threads) the first time a
  /// product is large enough to want it; nil when it cannot be opened, and
  /// then the plain loops do every product.
  static let library: OpenBLAS? = OpenBLAS(threads: threadCount)

  /// The thread count OpenBLAS reports it is using, opening it if needed
  /// (0 without the library).
  static var activeThreadCount: Int {
    library.map { Int($0.getThreads()) } ?? 0
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
    return (overflowMK || overflowMKN || mkn >= smallProductLimit) && library != nil
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
    // `shouldUse` said yes, so the library is open.
    guard let blas = library else { return }
    let (m32, k32, n32) = (Int32(m), Int32(k), Int32(n))
    // Leading dimensions are the stored row lengths.
    let lda = transposeA ? m32 : k32
    let ldb = transposeB ? k32 : n32
    if n == 1 {
      // c = op(a) · (the k entries of b): b's entries are contiguous whether
      // or not it is "transposed" (k×1 and 1×k store the same way).
      blas.dgemv(
        CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeA ? k32 : m32, transposeA ? m32 : k32,
        1, a, lda, b, 1, 0, c, 1)
    } else if m == 1 {
      // c (1×n) = (the k entries of a) · op(b), i.e. cᵀ = op(b)ᵀ · a.
      blas.dgemv(
        CblasRowMajor, transposeB ? CblasNoTrans : CblasTrans, transposeB ? n32 : k32, transposeB ? k32 : n32,
        1, b, ldb, a, 1, 0, c, 1)
    } else {
      blas.dgemm(
        CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
        m32, n32, k32, 1, a, lda, b, ldb, 0, c, n32)
    }
  }
}

/// The functions Descent uses from Debian's OpenBLAS, looked up by name.
///
/// Why opened here rather than linked: loading OpenBLAS at start-up took
/// 2.7 ms of a 9 ms `descent` start (its CPU detection, its buffers, and a
/// worker thread per extra core that spins for a tenth of a second) and
/// 2 MiB of memory, while most sessions never multiply a matrix large
/// enough to use it. The CBLAS system-library target still supplies the
/// header, so the types and prototypes are OpenBLAS's own.
struct OpenBLAS: @unchecked Sendable {
  let dgemm: descent_dgemm_function
  let dgemv: descent_dgemv_function
  let getThreads: descent_get_threads_function

  /// Opens the library (Debian's alternatives name it libopenblas.so.0)
  /// and sets its thread count; nil when it is missing.
  init?(threads: Int) {
    // OpenBLAS starts its worker threads while it loads, one per core
    // unless told otherwise: tell it first, unless the user already did.
    if getenv("OPENBLAS_NUM_THREADS") == nil {
      setenv("OPENBLAS_NUM_THREADS", String(threads), 0)
    }
    guard let handle = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL) ?? dlopen("libopenblas.so", RTLD_NOW | RTLD_LOCAL),
      let dgemm = dlsym(handle, "cblas_dgemm"), let dgemv = dlsym(handle, "cblas_dgemv"),
      let setThreads = dlsym(handle, "openblas_set_num_threads"),
      let getThreads = dlsym(handle, "openblas_get_num_threads")
    else { return nil }
    self.dgemm = unsafeBitCast(dgemm, to: descent_dgemm_function.self)
    self.dgemv = unsafeBitCast(dgemv, to: descent_dgemv_function.self)
    self.getThreads = unsafeBitCast(getThreads, to: descent_get_threads_function.self)
    unsafeBitCast(setThreads, to: descent_set_threads_function.self)(Int32(clamping: threads))
  }
}
