import DescentLanguage
import Testing

/// `TrainerChoice`: the one decision of which trainer `train` runs, for the
/// interpreter and the export alike.
@Suite struct TrainerChoiceTests {
  func choose(
    epochs: Bool = false, network: Bool = false, hotCold: Bool = false, input: TrainerChoice.Holding,
    weight: TrainerChoice.Holding = .nothing, weights: TrainerChoice.Holding = .nothing
  ) -> Result<TrainerChoice, TrainerChoice.Problem> {
    TrainerChoice.choose(
      epochs: epochs, network: network, hotCold: hotCold, input: input, weight: weight, weights: weights)
  }

  @Test func theVariablesPickTheTrainer() {
    #expect(choose(input: .number, weight: .number) == .success(.oneWeight))
    #expect(choose(hotCold: true, input: .number, weight: .number) == .success(.hotCold))
    #expect(choose(input: .number, weights: .vector) == .success(.oneInputManyOutputs))
    #expect(choose(input: .vector, weights: .vector) == .success(.manyInputs))
    #expect(choose(input: .vector, weights: .matrix) == .success(.manyToMany))
    // A number `weight` wins over `weights` with a number input; a vector input ignores `weight`.
    #expect(choose(input: .number, weight: .number, weights: .vector) == .success(.oneWeight))
    #expect(choose(input: .vector, weight: .number, weights: .vector) == .success(.manyInputs))
  }

  @Test func epochsOrANetworkTrainTheNetwork() {
    #expect(choose(epochs: true, input: .nothing) == .success(.network))
    #expect(choose(network: true, input: .number, weight: .number) == .success(.network))
  }

  @Test func whatIsMissingIsNamed() {
    #expect(choose(input: .nothing, weight: .number) == .failure(.noInput))
    #expect(choose(input: .other) == .failure(.inputNotNumberOrVector))
    #expect(choose(input: .matrix, weights: .matrix) == .failure(.inputNotNumberOrVector))
    #expect(choose(input: .number, weights: .matrix) == .failure(.nothingToLearnForNumberInput))
    #expect(choose(input: .vector, weight: .number) == .failure(.nothingToLearnForVectorInput))
    #expect(choose(hotCold: true, input: .vector, weights: .vector) == .failure(.hotColdNeedsOneWeight))
    #expect(choose(input: .unknown, weight: .number) == .failure(.cannotTell))
    #expect(choose(input: .vector, weights: .unknown) == .failure(.cannotTell))
  }

  @Test func onlyTheVectorTrainersLearnWeights() {
    let learning = [TrainerChoice.oneInputManyOutputs, .manyInputs, .manyToMany]
    for trainer in [TrainerChoice.network, .oneWeight, .hotCold] + learning {
      #expect(trainer.learnsWeights == learning.contains(trainer))
    }
  }
}
