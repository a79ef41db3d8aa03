#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A deterministic random number generator: xoshiro256** seeded through
/// SplitMix64, so the same seed gives the same numbers on every machine.
///
/// Normal variates use Box–Muller with only IEEE arithmetic plus `log`,
/// `sqrt` and `cos`, so they too are reproducible wherever libm is correctly
/// rounded for these functions (glibc's are, to within the last bit in
/// practice).
public struct SeededRandom: RandomNumberGenerator, Hashable, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  /// A generator whose whole sequence is fixed by `seed`.
  public init(seed: UInt64) {
    var mixer = seed
    state = (
      SeededRandom.splitMix64(&mixer), SeededRandom.splitMix64(&mixer),
      SeededRandom.splitMix64(&mixer), SeededRandom.splitMix64(&mixer)
    )
  }

  /// One step of SplitMix64 (Vigna), used to spread a seed over the state.
  public static func splitMix64(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The next 64 random bits (xoshiro256**).
  public mutating func next() -> UInt64 {
    let result = rotateLeft(state.1 &* 5, 7) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = rotateLeft(state.3, 45)
    return result
  }

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal variate (mean 0, variance 1) by Box–Muller.
  public mutating func nextNormal() -> Double {
    // 1 - u lies in (0, 1], so the logarithm is finite.
    let u1 = 1 - nextUniform()
    let u2 = nextUniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// A normal variate with the given mean and standard deviation.
  public mutating func nextNormal(mean: Double, standardDeviation: Double) -> Double {
    mean + standardDeviation * nextNormal()
  }

  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  public static func == (lhs: SeededRandom, rhs: SeededRandom) -> Bool {
    lhs.state == rhs.state
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(state.0)
    hasher.combine(state.1)
    hasher.combine(state.2)
    hasher.combine(state.3)
  }
}
