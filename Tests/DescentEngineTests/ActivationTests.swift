import DescentEngine
import Testing

@Suite struct ActivationTests {
  @Test func sigmoidSlopeIsLargestAtZero() {
    #expect(Activation.sigmoid.derivative(0) == 0.25)
    #expect(Activation.sigmoid.derivative(fromOutput: Activation.sigmoid(0)) == 0.25)
  }

  @Test func reluDerivativeIsAStep() {
    #expect(Activation.relu.derivative(-1) == 0)
    #expect(Activation.relu.derivative(2) == 1)
  }
}
