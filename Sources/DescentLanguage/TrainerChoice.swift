/// Which trainer a `train` statement runs, decided in one place from what
/// the conventional variables hold: the interpreter asks with the values it
/// finds, the export with the kinds it infers from the program, so the two
/// cannot pick differently.
public enum TrainerChoice: Hashable, Sendable {
  /// `train ... on f`: descent on the learner's own function (`FunctionTrainer`).
  case function
  /// `train N epochs`, or any `train` while a network is about: backpropagation.
  case network
  /// A number `input` and a number `weight`: the book's gradient descent.
  case oneWeight
  /// The same with `hotcold step s`: hot and cold learning.
  case hotCold
  /// A number `input` and a vector `weights`: one weight per output.
  case oneInputManyOutputs
  /// A vector `input` and a vector `weights`: a weighted sum.
  case manyInputs
  /// A vector `input` and a matrix `weights`: one row of weights per output.
  case manyToMany

  /// What a variable holds, as far as the choice cares.
  public enum Holding: Hashable, Sendable {
    /// The variable is not set.
    case nothing
    case number
    case vector
    /// A matrix (or any tensor that is not a vector).
    case matrix
    /// Something else: a string, a table, a network.
    case other
    /// Cannot be known before the program runs (the export's guess).
    case unknown
  }

  /// Why no trainer fits.
  public enum Problem: Error, Hashable, Sendable {
    /// `input` is not set.
    case noInput
    /// `input` is neither a number nor a vector.
    case inputNotNumberOrVector
    /// A number `input` without a number `weight` or a vector `weights`.
    case nothingToLearnForNumberInput
    /// A vector `input` without a vector or matrix `weights`.
    case nothingToLearnForVectorInput
    /// Hot and cold learning asked for with several weights.
    case hotColdNeedsOneWeight
    /// What a variable holds cannot be known before the program runs.
    case cannotTell
  }

  /// The trainer for a `train` statement.
  ///
  /// - Parameters:
  ///   - function: the statement names a function to descend (`on f`); the
  ///     function's parameters, not the conventional variables, say what moves.
  ///   - epochs: the statement counts epochs (`train 100 epochs`).
  ///   - network: a network is about (the session's focus, or the program's).
  ///   - hotCold: the statement asks for hot and cold learning.
  public static func choose(
    function: Bool = false, epochs: Bool, network: Bool, hotCold: Bool, input: Holding, weight: Holding,
    weights: Holding
  ) -> Result<TrainerChoice, Problem> {
    if function { return .success(.function) }
    if epochs || network { return .success(.network) }
    let chosen: TrainerChoice
    switch input {
    case .nothing: return .failure(.noInput)
    case .other, .matrix: return .failure(.inputNotNumberOrVector)
    case .unknown: return .failure(.cannotTell)
    case .number:
      if weight == .number {
        return .success(hotCold ? .hotCold : .oneWeight)
      }
      switch weights {
      case .vector: chosen = .oneInputManyOutputs
      case .unknown: return .failure(.cannotTell)
      default: return .failure(.nothingToLearnForNumberInput)
      }
    case .vector:
      switch weights {
      case .vector: chosen = .manyInputs
      case .matrix: chosen = .manyToMany
      case .unknown: return .failure(.cannotTell)
      default: return .failure(.nothingToLearnForVectorInput)
      }
    }
    return hotCold ? .failure(.hotColdNeedsOneWeight) : .success(chosen)
  }

  /// A variable a training sets, and what it may hold afterwards.
  public struct Write: Hashable, Sendable {
    public var name: String
    public var holds: Set<Holding>

    init(_ name: String, _ holds: Set<Holding>) {
      self.name = name
      self.holds = holds
    }
  }

  /// What this trainer leaves in the variables, in the order it sets them:
  /// the weights it learned, then `history` and the last step's `pred`,
  /// `error`, `delta` and `weight_delta` (these only when a step ran). The
  /// one list of what a training writes: the interpreter sets these names
  /// (`DomainRuntime.finish`), the export guesses kinds from them
  /// (`VariableKinds`). A prediction of one output is a number.
  public var writes: [Write] {
    let learned: [Write]
    let pred: Set<Holding>
    let delta: Set<Holding>
    let weightDelta: Set<Holding>
    switch self {
    case .function:
      // The function's parameters are the variables it moves (whatever
      // their names); it has no prediction or delta to leave behind.
      return [Write("history", [.other]), Write("error", [.number])]
    case .oneWeight, .hotCold:
      learned = [Write("weight", [.number])]
      (pred, delta, weightDelta) = ([.number], [.number], [.number])
    case .oneInputManyOutputs:
      learned = [Write("weights", [.vector])]
      (pred, delta, weightDelta) = ([.number, .vector], [.number, .vector], [.vector])
    case .manyInputs:
      learned = [Write("weights", [.vector])]
      (pred, delta, weightDelta) = ([.number], [.number], [.vector])
    case .manyToMany:
      learned = [Write("weights", [.matrix])]
      (pred, delta, weightDelta) = ([.number, .vector], [.number, .vector], [.matrix])
    case .network:
      // The network changes in place; its step has no one prediction: None.
      learned = []
      (pred, delta, weightDelta) = ([.other], [.other], [.other])
    }
    return learned + [
      Write("history", [.other]), Write("pred", pred), Write("error", [.number]), Write("delta", delta),
      Write("weight_delta", weightDelta),
    ]
  }

  /// Whether the trainer learns a vector or matrix `weights` (not one `weight`, not a network).
  public var learnsWeights: Bool {
    switch self {
    case .oneInputManyOutputs, .manyInputs, .manyToMany: return true
    case .network, .oneWeight, .hotCold, .function: return false
    }
  }
}

extension TrainerChoice.Holding {
  /// What `value` holds; `nil` is an unset variable.
  init(_ value: Value?) {
    guard let value else {
      self = .nothing
      return
    }
    switch value {
    case .int, .float: self = .number
    case .tensor(let t, _): self = t.rank == 1 ? .vector : .matrix
    default: self = .other
    }
  }
}
