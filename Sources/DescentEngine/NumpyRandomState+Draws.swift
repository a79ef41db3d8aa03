// API note: the array-filling draws of NumpyRandomState, one per numpy
// RandomState method, each consuming the generator exactly as numpy does.

extension NumpyRandomState {
  /// `np.random.random(n)` / `random_sample` / `rand`: doubles in [0, 1).
  public mutating func randomSample(_ count: Int) -> [Double] {
    (0..<max(count, 0)).map { _ in nextDouble() }
  }

  /// `np.random.randn(n)` / `standard_normal(n)`.
  public mutating func standardNormal(_ count: Int) -> [Double] {
    (0..<max(count, 0)).map { _ in nextGauss() }
  }

  /// `np.random.normal(loc, scale, n)`: `loc + scale * gauss`, as legacy_normal.
  public mutating func normal(loc: Double = 0, scale: Double = 1, count: Int) -> [Double] {
    (0..<max(count, 0)).map { _ in loc + scale * nextGauss() }
  }

  /// `np.random.uniform(low, high, n)`: `low + (high - low) * double`.
  public mutating func uniform(low: Double = 0, high: Double = 1, count: Int) -> [Double] {
    let range = high - low
    return (0..<max(count, 0)).map { _ in low + range * nextDouble() }
  }

  /// `np.random.randint(low, high, n)` for int64: masked rejection on 32-bit
  /// draws when the range fits in 32 bits, on 64-bit draws otherwise. The
  /// caller checks `low < high` ("low >= high").
  public mutating func randint(low: Int, high: Int, count: Int) -> [Int] {
    precondition(low < high, "randint needs low < high")
    let range = UInt64(bitPattern: Int64(high) &- 1 &- Int64(low))
    if range == 0 { return [Int](repeating: low, count: max(count, 0)) }
    let mask = Self.mask(range)
    return (0..<max(count, 0)).map { _ in
      var value: UInt64
      if range == UInt64(UInt32.max) {
        value = UInt64(nextUInt32())
      } else if range < UInt64(UInt32.max) {
        repeat { value = UInt64(nextUInt32()) & mask } while value > range
      } else if range == UInt64.max {
        value = nextUInt64()
      } else {
        repeat { value = nextUInt64() & mask } while value > range
      }
      return Int(truncatingIfNeeded: UInt64(bitPattern: Int64(low)) &+ value)
    }
  }

  /// `np.random.shuffle(x)` of a 1-D array: Fisher–Yates from the end.
  public mutating func shuffle<T>(_ values: inout [T]) {
    guard values.count > 1 else { return }
    for i in stride(from: values.count - 1, through: 1, by: -1) {
      let j = Int(nextInterval(UInt64(i)))
      values.swapAt(i, j)
    }
  }

  /// `np.random.permutation(n)`: 0..<n shuffled.
  public mutating func permutation(_ n: Int) -> [Int] {
    var values = Array(0..<max(n, 0))
    shuffle(&values)
    return values
  }

  /// `np.random.choice(n, size, replace, p)` as indices into 0..<n: with
  /// replacement and no `p` it is `randint(0, n)`; without replacement a
  /// permutation's first `count`; with `p` the inverse of its cumulative sum.
  /// The caller checks `n > 0`, `p` (length n, sums to 1) and, without
  /// replacement, `count <= n`; `p` without replacement is not supported (nil).
  public mutating func choice(_ n: Int, count: Int, replace: Bool = true, p: [Double]? = nil)
    -> [Int]?
  {
    if let p {
      guard replace, p.count == n, n > 0 else { return nil }
      var cdf = [Double](repeating: 0, count: n)
      var running = 0.0
      for (i, probability) in p.enumerated() {
        running += probability
        cdf[i] = running
      }
      let total = cdf[n - 1]
      for i in cdf.indices { cdf[i] /= total }
      return randomSample(count).map { u in
        // searchsorted(side='right'): the first index whose cdf exceeds u.
        var lo = 0
        var hi = n
        while lo < hi {
          let mid = (lo + hi) / 2
          if cdf[mid] <= u { lo = mid + 1 } else { hi = mid }
        }
        return lo
      }
    }
    if replace { return randint(low: 0, high: n, count: count) }
    guard count <= n else { return nil }
    return Array(permutation(n).prefix(count))
  }
}
