import DescentEngine
public struct Network: Sendable {
  public struct Layer: Sendable { public var weights: Tensor; public var biases: Tensor }
  public var layers: [Layer] = []
  public var sizes: [Int] = []
  public var summary: String { "" }
}
public struct TrainingHistory: Sendable {}
