#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// API note (issue 20): `var rng = NumpyRandomState(seed: 42)` is
// `np.random.seed(42)`; then `rng.randomSample(count)` (np.random.random /
// rand), `rng.standardNormal(count)` (randn), `rng.normal(loc:scale:count:)`,
// `rng.uniform(low:high:count:)`, `rng.randint(low:high:count:)`,
// `rng.shuffle(&array)`, `rng.permutation(n)`, `rng.choice(...)` draw numpy's
// own numbers, bit for bit (its legacy RandomState over MT19937). Shapes are
// the caller's: draws fill a flat array in C order, as numpy fills its arrays.

/// numpy's legacy `RandomState`: the MT19937 generator, seeded as
/// `np.random.seed(n)` seeds it, with the legacy draw methods.
public struct NumpyRandomState: Sendable, Hashable {
  static let stateLength = 624
  var key = [UInt32](repeating: 0, count: 624)
  var position = 624
  /// The second value of the last polar Box–Muller pair, kept for the next draw.
  var cachedGauss: Double?

  /// The generator `np.random.seed(seed)` makes: MT19937's `init_genrand`
  /// (numpy's mt19937_seed) for a seed in 0...2^32-1.
  public init(seed: UInt32) {
    reseed(seed)
  }

  /// Whether `np.random.seed` accepts this integer ("Seed must be between 0 and 2**32 - 1").
  public static func isValidSeed(_ seed: Int) -> Bool { seed >= 0 && seed <= Int(UInt32.max) }

  /// `np.random.seed(seed)`: the state and the cached normal are reset.
  public mutating func reseed(_ seed: UInt32) {
    var s = seed
    for i in 0..<Self.stateLength {
      key[i] = s
      s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(i + 1)
    }
    position = Self.stateLength
    cachedGauss = nil
  }

  // MARK: - Raw draws

  /// The next 32 bits of MT19937.
  public mutating func nextUInt32() -> UInt32 {
    if position >= Self.stateLength { generate() }
    var y = key[position]
    position += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9D2C_5680
    y ^= (y << 15) & 0xEFC6_0000
    y ^= y >> 18
    return y
  }

  /// 64 bits from two 32-bit draws, high word first (numpy's mt19937_next64).
  public mutating func nextUInt64() -> UInt64 {
    let high = UInt64(nextUInt32())
    return high << 32 | UInt64(nextUInt32())
  }

  /// A double in [0, 1) from 53 bits of two draws (numpy's legacy double).
  public mutating func nextDouble() -> Double {
    let a = Double(nextUInt32() >> 5)
    let b = Double(nextUInt32() >> 6)
    return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
  }

  /// A standard normal by the polar Box–Muller method, caching the pair's
  /// second value as numpy's `legacy_gauss` does.
  public mutating func nextGauss() -> Double {
    if let cached = cachedGauss {
      cachedGauss = nil
      return cached
    }
    var x1 = 0.0
    var x2 = 0.0
    var r2 = 0.0
    repeat {
      x1 = 2.0 * nextDouble() - 1.0
      x2 = 2.0 * nextDouble() - 1.0
      r2 = x1 * x1 + x2 * x2
    } while r2 >= 1.0 || r2 == 0.0
    let f = (-2.0 * log(r2) / r2).squareRoot()
    cachedGauss = f * x1
    return f * x2
  }

  /// A uniform integer in 0...max by masked rejection (numpy's random_interval,
  /// used by shuffle and permutation).
  public mutating func nextInterval(_ max: UInt64) -> UInt64 {
    if max == 0 { return 0 }
    let mask = Self.mask(max)
    if max <= UInt64(UInt32.max) {
      while true {
        let value = UInt64(nextUInt32()) & mask
        if value <= max { return value }
      }
    }
    while true {
      let value = nextUInt64() & mask
      if value <= max { return value }
    }
  }

  /// The smallest all-ones mask covering `value`.
  static func mask(_ value: UInt64) -> UInt64 {
    var mask = value
    mask |= mask >> 1
    mask |= mask >> 2
    mask |= mask >> 4
    mask |= mask >> 8
    mask |= mask >> 16
    mask |= mask >> 32
    return mask
  }

  /// MT19937's regeneration of the 624-word state.
  mutating func generate() {
    let n = Self.stateLength
    let m = 397
    for i in 0..<n {
      let y = (key[i] & 0x8000_0000) | (key[(i + 1) % n] & 0x7FFF_FFFF)
      key[i] = key[(i + m) % n] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908_B0DF)
    }
    position = 0
  }
}
