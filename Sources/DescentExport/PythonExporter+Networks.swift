import DescentLanguage

extension PythonExporter {
  // MARK: - networkStmt, and train/predict/check gradient on a network

  /// A network value: `make_network` draws the weights from Descent's own
  /// generator, so a seeded network starts from the same numbers.
  func networkValue(_ spec: NetworkSpec, at range: SourceRange) -> String {
    networkUsed = true
    code.need([.numpy, .network, .seededRandom, .math])
    var options = spec.noBias ? ", biases=False" : ""
    if let name = spec.activation, name != "sigmoid" {
      if ["tanh", "relu", "identity"].contains(name) {
        options += ", activation=\(stringLiteral(name))"
      } else {
        untranslatable("'\(name)' is not an activation Descent knows", at: range)
      }
    }
    let seed = spec.seed.map { python($0) } ?? "_random.next()"
    let sizes = "[" + spec.sizes.map(String.init).joined(separator: ", ") + "]"
    return "make_network(\(sizes), seed=\(seed)\(options))"
  }

  /// `train N epochs` on the network: the Udacity course's full-batch
  /// forward and backward pass (`train_epochs`, written out in the prelude).
  func exportNetworkTrain(_ spec: TrainSpec, at range: SourceRange) {
    var count: String
    var until = ""
    switch spec.count {
    case .epochs(let n), .steps(let n):
      count = python(n)
    case .untilError(let target, let inclusive):
      guard let max = spec.maxSteps else {
        untranslatable(
          "train until needs max N in the export (Descent stops it with the cell's step budget)", at: range)
        return
      }
      count = python(max)
      until = ", until=\(python(target))" + (inclusive ? ", inclusive=True" : "")
    }
    code.need(.networkTraining)
    let alpha = spec.alpha.map { python($0) } ?? (assignedSoFar.contains("alpha") ? "alpha" : "1")
    var arguments = "net, inputs, goals, epochs=\(count), alpha=\(alpha)\(until)"
    arguments += networkOptimizerArgument(spec.optimizer)
    if spec.verbose { arguments += ", verbose=True" }
    code.line("history = train_epochs(\(arguments))")
    code.line("if history.last:")
    code.line("    error = history.last[0]")
  }
}
