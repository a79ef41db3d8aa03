import DescentEngine
public struct Network: Sendable {
  public struct Layer: Sendable { public var weights: Tensor; public var biases: Tensor }
  public var layers: [Layer] = []
  public var sizes: [Int] = []
  public var summary: String { "" }
}
extension Session {
  func findNetwork() -> NetworkBox? { nil }
  func trainNetwork(_ request: TrainRequest, at range: SourceRange) throws { throw Diagnostic("WIP", at: range) }
}
extension Session {
  func predict(with box: NetworkBox, _ x: Value, at range: SourceRange) throws -> Value { throw Diagnostic("WIP", at: range) }
  func checkNetworkGradient(_ box: NetworkBox, at range: SourceRange) throws -> String { throw Diagnostic("WIP", at: range) }
}
