import Testing

@testable import DescentEngine

/// Examples 8–12 (Udacity), within relative 1e-12 as the fixture README allows.
@Suite struct UdacityExamplesTests {
  @Test func example8SigmoidUnitDeltaRule() throws {
    let example = try CourseFixture.example("ex08_udacity_gradient_single_unit")
    let inputs = try example.object("inputs")
    var trainer = try SigmoidUnitTrainer(
      inputs: try inputs.doubles("x"), goal: try inputs.double("y"), weights: try inputs.doubles("w"),
      learningRate: try inputs.double("learnrate"))
    let before = trainer.weights
    let result = try trainer.train(.steps(1))
    let step = try #require(result.last)
    #expect(isClose(step.weightedSum, try example.double("h")))
    #expect(isClose(step.output, try example.double("nn_output")))
    #expect(isClose(step.error, try example.double("error")))
    #expect(isClose(Activation.sigmoid.derivative(step.weightedSum), try example.double("sigmoid_prime_h")))
    #expect(isClose(step.errorTerm, try example.double("error_term")))
    #expect(isClose(step.weightChanges, try example.doubles("del_w")))
    #expect(step.weights == before)
    #expect(trainer.weights == zip(before, step.weightChanges).map { $0 + $1 })
    #expect(trainer.nextStep().weights == trainer.weights)
  }

  /// The 3-2-1 network of examples 9 and 10, from the fixture's inputs.
  private func udacityNetwork(_ inputs: [String: Any]) throws -> Network {
    let hidden = try Tensor(try inputs.matrix("weights_input_hidden"))
    let output = try Tensor(try inputs.doubles("weights_hidden_output").map { [$0] })
    return try Network(layers: [NetworkLayer(weights: hidden), NetworkLayer(weights: output)])
  }

  @Test func example9ForwardPass() throws {
    let example = try CourseFixture.example("ex09_udacity_forward_pass_multilayer")
    let inputs = try example.object("inputs")
    let network = try udacityNetwork(inputs)
    let pass = try network.forwardPass(try inputs.doubles("x"))
    #expect(isClose(pass.weightedSums[0], try example.doubles("hidden_layer_in")))
    #expect(isClose(pass.outputs[0], try example.doubles("hidden_layer_out")))
    #expect(isClose(pass.weightedSums[1], [try example.double("output_layer_in")]))
    #expect(isClose(pass.output, [try example.double("output")]))
    let batch = try network.forward(Tensor(try inputs.doubles("x")))
    #expect(isClose(batch.scalars, pass.output))
  }

  @Test func example10BackpropOneStep() throws {
    let example = try CourseFixture.example("ex10_udacity_backprop_one_step")
    let inputs = try example.object("inputs")
    var network = try udacityNetwork(inputs)
    let original = network
    let step = try network.trainExample(
      input: try inputs.doubles("x"), target: [try inputs.double("target")],
      learningRate: try inputs.double("learnrate"))
    #expect(isClose(step.forward.outputs[0], try example.doubles("hidden_output")))
    #expect(isClose(step.forward.output, [try example.double("output")]))
    #expect(isClose(step.error, [try example.double("error")]))
    #expect(isClose(step.errorTerms[1], [try example.double("output_error_term")]))
    #expect(isClose(step.errorTerms[0], try example.doubles("hidden_error_term")))
    #expect(isClose(step.weightSteps[1].scalars, try example.doubles("delta_w_h_o")))
    #expect(isClose(step.weightSteps[0].scalars, try example.matrix("delta_w_i_h").flatMap { $0 }))
    #expect(step.weightSteps[0].shape == [3, 2])
    let updated = try original.layers[0].weights + step.weightSteps[0]
    #expect(network.layers[0].weights == updated)
  }

  @Test func example11WorkedTwoLayerExample() throws {
    let example = try CourseFixture.example("ex11_udacity_worked_two_layer")
    let inputs = try example.object("inputs")
    let network = try Network(layers: [
      NetworkLayer(weights: Tensor(try inputs.doubles("weights_input_hidden").map { [$0] })),
      NetworkLayer(weights: Tensor([[try inputs.double("weight_hidden_output")]])),
    ])
    let step = try network.backpropagate(
      input: try inputs.doubles("x"), target: [try inputs.double("target")],
      learningRate: try inputs.double("learnrate"))
    #expect(isClose(step.forward.weightedSums[0], [try example.double("h")]))
    #expect(isClose(step.forward.outputs[0], [try example.double("a")]))
    #expect(isClose(step.forward.weightedSums[1], [try example.double("output_layer_in")]))
    #expect(isClose(step.forward.output, [try example.double("output")]))
    #expect(isClose(step.errorTerms[1], [try example.double("delta_o")]))
    #expect(isClose(step.errorTerms[0], [try example.double("delta_h")]))
    #expect(isClose(step.weightSteps[1].scalars, [try example.double("dW")]))
    // Unrounded, as the engine computes; the course's text rounds δh to 0.003.
    #expect(isClose(step.weightSteps[0].scalars, try example.doubles("dw")))
  }

  @Test func example12SigmoidSlopeVanishes() throws {
    let example = try CourseFixture.example("ex12_sigmoid_derivative_max")
    let slope = Activation.sigmoid.derivative(try example.double("argmax"))
    #expect(slope == (try example.double("sigmoid_prime_0")))
    #expect(slope == (try example.double("max_sigmoid_prime_on_grid_-10_10_step_1e-4")))
    #expect(slope == (try example.double("one_layer_factor")))
    #expect(slope * slope == (try example.double("two_layer_factor")))
    #expect(slope * slope * slope == (try example.double("three_layer_factor")))
    for x in stride(from: -10.0, through: 10.0, by: 0.5) { #expect(Activation.sigmoid.derivative(x) <= slope) }
  }
}
