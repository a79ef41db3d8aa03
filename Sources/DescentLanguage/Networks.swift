import DescentEngine

/// Networks in the language: `network 3 -> 2 -> 1 sigmoid seed 7`, their
/// fields, `train N epochs`, `predict` and `check gradient` on them.
extension Network {
  /// The layer sizes, inputs first: [3, 2, 1].
  var sizes: [Int] { (layers.first.map { [$0.inputCount] } ?? []) + layers.map(\.unitCount) }

  /// "3 -> 2 -> 1 sigmoid".
  var summary: String {
    let activations = Set(layers.map(\.activation.rawValue))
    let bias = layers.contains { $0.biases != nil } ? "" : " nobias"
    return sizes.map(String.init).joined(separator: " -> ") + " "
      + (activations.count == 1 ? activations.first ?? "" : layers.map(\.activation.rawValue).joined(separator: "/"))
      + bias
  }
}

extension DomainRuntime {
  func makeNetwork(_ spec: NetworkSpec, seed: Int?, at range: SourceRange) throws -> NetworkBox {
    var activation = Activation.sigmoid
    var biases = true
    if let name = spec.activation {
      guard let chosen = Activation(rawValue: name) else {
        throw Diagnostic(
          "unknown activation '\(name)'", at: spec.activationRange ?? range,
          notes: ["activations: sigmoid, tanh, relu, identity (then 'nobias' for layers without biases)"])
      }
      activation = chosen
    }
    if spec.noBias { biases = false }
    let count = zip(spec.sizes, spec.sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
    guard count <= session.maxTensorElements else {
      throw Diagnostic("a network of \(count) weights is over the limit of \(session.maxTensorElements)", at: range)
    }
    // Without a seed, each network in a session differs, reproducibly.
    let chosenSeed = seed.map { UInt64(bitPattern: Int64($0)) } ?? session.random.next()
    focus = .network
    do {
      return NetworkBox(try Network(sizes: spec.sizes, activation: activation, biases: biases, seed: chosenSeed))
    } catch let error as TrainingError {
      throw trainingError(error, at: range)
    }
  }

  /// The network `predict` and `check gradient` use: the one worked on last,
  /// unless `weight(s)` were set or trained more recently.
  func focusedNetwork() -> NetworkBox? {
    switch focus {
    case .weights: return nil
    case .network: return findNetwork()
    case .unknown: return session.value(of: "weight") == nil && session.value(of: "weights") == nil ? findNetwork() : nil
    }
  }

  /// `net`, else the only network among the variables.
  func findNetwork() -> NetworkBox? {
    if case .network(let box) = session.value(of: "net") ?? .none { return box }
    let networks = session.variables.compactMap { entry -> NetworkBox? in
      if case .network(let box) = entry.value { return box }
      return nil
    }
    return networks.count == 1 ? networks[0] : nil
  }

  /// `net.weights[i] = m` / `net.biases[i] = v`: replaces a layer's matrix,
  /// which must keep its shape.
  func setMember(_ owner: Value, _ field: String, to value: Value, at range: SourceRange) throws {
    guard case .network(let box) = owner else {
      throw Diagnostic("cannot set '\(field)' of \(owner.aKindName)", at: range)
    }
    guard case .list(let items) = value, items.count == box.network.layers.count else {
      throw Diagnostic("\(field) of this network is a list of \(box.network.layers.count) layers", at: range)
    }
    var network = box.network
    for (i, item) in items.enumerated() {
      switch (field, item) {
      case ("weights", .tensor(let t, _)):
        let want = network.layers[i].weights.shape
        guard t.shape == want else {
          throw Diagnostic(
            "layer \(i)'s weights must be \(want[0])×\(want[1]) (inputs × units), found \(t.shape.map(String.init).joined(separator: "×"))",
            at: range)
        }
        network.layers[i].weights = t
      case ("biases", .tensor(let t, _)):
        guard t.shape == [network.layers[i].unitCount] else {
          throw Diagnostic("layer \(i)'s biases must be a vector of \(network.layers[i].unitCount)", at: range)
        }
        network.layers[i].biases = t
      case ("biases", .none):
        network.layers[i].biases = nil
      default:
        throw Diagnostic("cannot set '\(field)' of a network", at: range, notes: ["settable: weights, biases"])
      }
    }
    box.network = network
    focus = .network
  }

  /// Inputs and goals as tensors for a network: `inputs` rows × inputs,
  /// `goals` a vector (one output) or rows × outputs.
  func dataset(for network: Network, at range: SourceRange) throws -> (Tensor, Tensor) {
    guard case .tensor(let inputs, _) = session.value(of: "inputs") ?? .none else {
      throw Diagnostic(
        "training a network needs 'inputs' (one row per example) and 'goals'", at: range,
        notes: ["as in: inputs = [[0.5, 0.1, -0.2]]; goals = [0.6], or load \"data.csv\" target \"y\""])
    }
    guard case .tensor(let goals, _) = session.value(of: "goals") ?? .none else {
      throw Diagnostic("training a network needs 'goals' (one per row of inputs)", at: range)
    }
    return (inputs, goals)
  }

  /// `train N epochs`: full-batch epochs of the network on inputs/goals.
  func trainNetwork(_ request: TrainRequest, at range: SourceRange) throws {
    guard let box = findNetwork() else {
      throw Diagnostic(
        "train ... epochs needs a network", at: range,
        notes: [
          "make one first, as in: net = network 3 -> 2 -> 1 sigmoid seed 7",
          "for a plain weighted sum over inputs/goals: net = network 2 -> 1 identity",
        ])
    }
    let (inputs, goals) = try dataset(for: box.network, at: range)
    var trainer = NetworkTrainer(network: box.network, alpha: request.alpha, optimizer: request.optimizer)
    let observe: ((EpochStep) -> Void)? =
      request.verbose
      ? { [unowned self] step in self.emitFromEngine("Epoch:\(step.epoch) Loss:" + self.session.digits.format(step.loss) + "\n") }
      : nil
    let result: TrainingResult<EpochStep>
    do {
      result = try trainer.train(inputs: inputs, goals: goals, conditions(request), interrupt: session.interrupt, observer: observe)
    } catch let error as TrainingError {
      throw trainingError(error, at: range)
    } catch let error as TensorError {
      throw Operators.shapeError(error, at: range)
    }
    box.network = trainer.network
    focus = .network
    let record = TrainingRecord(
      kind: .network, history: result.history, weightNames: [],
      errorAt: { _ in .nan }, finalWeights: [])
    let last = result.last.map {
      StepValues(prediction: .none, error: $0.loss, delta: .none, weightDelta: .none)
    }
    try finish(record, last: last, stop: result.stop, stepsRun: result.stepsRun, request: request, at: range)
    if let last = result.last {
      session.setValue(.float(last.loss), for: "error")
    }
  }

  /// What the network outputs for one input row (or each row of a matrix).
  func predict(with box: NetworkBox, _ x: Value, at range: SourceRange) throws -> Value {
    let input: Tensor
    switch x {
    case .tensor(let t, _): input = t
    case .int, .float: input = Tensor([x.number ?? 0])
    default: throw Diagnostic("predict needs a number or a vector, found \(x.aKindName)", at: range)
    }
    do {
      let output = try box.network.forward(input)
      return output.count == 1 ? .float(output.scalars[0]) : .tensor(output, integral: false)
    } catch let error as TensorError {
      throw Operators.shapeError(error, at: range)
    } catch let error as TrainingError {
      throw trainingError(error, at: range)
    }
  }

  /// `check gradient` for a network: every weight and bias, on inputs/goals.
  func checkNetworkGradient(_ box: NetworkBox, at range: SourceRange) throws -> String {
    let (inputs, goals) = try dataset(for: box.network, at: range)
    let report: GradientCheckReport
    do {
      report = try GradientCheck.network(box.network, inputs: inputs, goals: goals)
    } catch let error as TrainingError {
      throw trainingError(error, at: range)
    } catch let error as TensorError {
      throw Operators.shapeError(error, at: range)
    }
    var rows: [[String]] = [["parameter", "analytic", "numeric", "relative difference"]]
    for entry in report.entries {
      let name: String
      switch entry.parameter {
      case .weight(let i): name = "weights[\(i)]"
      case .layerWeight(let layer, let row, let column): name = "weights[\(layer)][\(row)][\(column)]"
      case .layerBias(let layer, let unit): name = "biases[\(layer)][\(unit)]"
      }
      rows.append([
        name, PythonFloat.str(entry.analytic, significantDigits: 10), PythonFloat.str(entry.numeric, significantDigits: 10),
        PythonFloat.str(entry.relativeDifference, significantDigits: 2),
      ])
    }
    let verdict =
      report.passes()
      ? "all \(report.entries.count) agree: backpropagation is right"
      : "largest relative difference \(PythonFloat.str(report.maximumRelativeDifference, significantDigits: 2))"
    return "loss: \(report.loss.formula)\n" + DomainRuntime.aligned(rows) + verdict + "\n"
  }
}
