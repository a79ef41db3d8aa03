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

  /// What a value holds, as `TrainerChoice.Holding` names it.
  func holding(_ value: Value?) -> TrainerChoice.Holding {
    switch value {
    case nil: return .nothing
    case .int?, .float?: return .number
    case .tensor(let t, _)?: return t.rank == 1 ? .vector : .matrix
    default: return .other
    }
  }

  /// Each trainer sets exactly the variables its `writes` lists, holding
  /// what it says: the list the export's guess of kinds reads is the
  /// interpreter's.
  @Test func aTrainingWritesWhatItsChoiceLists() {
    let programs: [(TrainerChoice, String)] = [
      (.oneWeight, "input = 2\ngoal = 0.8\nweight = 0.5"),
      (.hotCold, "input = 2\ngoal = 0.8\nweight = 0.5"),
      (.oneInputManyOutputs, "input = 2\ngoal = [0.1, 0.2]\nweights = [0.3, 0.4]"),
      (.manyInputs, "input = [1, 2]\ngoal = 0.8\nweights = [0.3, 0.4]"),
      (.manyToMany, "input = [1, 2]\ngoal = [0.1, 0.2]\nweights = [[0.3, 0.4], [0.5, 0.6]]"),
      (.network, "inputs = [[1, 2]]\ngoals = [0.5]\nnet = network 2 -> 1 sigmoid seed 1"),
    ]
    for (trainer, setup) in programs {
      let session = Session(output: BufferSink())
      session.run(Source(name: "setup", text: setup + "\n"))
      let before = Set(session.variables.map(\.name))
      let train = trainer == .network ? "train 3 epochs" : trainer == .hotCold ? "train 3 hotcold step 0.01" : "train 3 alpha 0.01"
      let result = session.run(Source(name: "train", text: train + "\n"))
      #expect(!result.failed, "\(trainer): \(result.diagnostics)")
      let new = Set(session.variables.map(\.name)).subtracting(before)
      #expect(new.isSubset(of: trainer.writes.map(\.name)), "\(trainer) set \(new)")
      for write in trainer.writes {
        #expect(write.holds.contains(holding(session.value(of: write.name))), "\(trainer): \(write.name)")
      }
    }
  }
}
