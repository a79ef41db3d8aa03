#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A unit's activation function and its derivative.
public enum Activation: String, Sendable, CaseIterable {
  case identity, sigmoid, tanh, relu

  /// The activation of a weighted sum `x`.
  @inlinable
  public func callAsFunction(_ x: Double) -> Double {
    switch self {
    case .identity: return x
    case .sigmoid: return 1 / (1 + exp(-x))
    case .tanh: return Glibc.tanh(x)
    case .relu: return x > 0 ? x : 0
    }
  }

  /// The derivative with respect to the weighted sum `x`.
  @inlinable
  public func derivative(_ x: Double) -> Double {
    switch self {
    case .identity: return 1
    case .sigmoid:
      let s = 1 / (1 + exp(-x))
      return s * (1 - s)
    case .tanh:
      let t = Glibc.tanh(x)
      return 1 - t * t
    case .relu: return x > 0 ? 1 : 0
    }
  }

  /// The derivative written in terms of the unit's output `y = f(x)`, the way
  /// the Udacity course writes it (`output * (1 - output)` for a sigmoid), so
  /// backprop can reuse the forward pass's outputs bit for bit.
  @inlinable
  public func derivative(fromOutput y: Double) -> Double {
    switch self {
    case .identity: return 1
    case .sigmoid: return y * (1 - y)
    case .tanh: return 1 - y * y
    case .relu: return y > 0 ? 1 : 0
    }
  }
}
