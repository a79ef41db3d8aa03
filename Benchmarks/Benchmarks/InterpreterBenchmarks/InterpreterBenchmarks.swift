import Benchmark
import DescentLanguage

// Interpreter benchmarks: W1–W3 of /work/shared/bench as plain-language
// Descent programs (global names, explicit loops, as a learner types them)
// run through a `Session` with a `BufferSink`. Each benchmark iteration
// parses and runs the program once with N = 1,000,000 loop iterations, and
// the scaling factor reports time and allocations per loop iteration.
// The same programs are in Benchmarks/compare, which checks their output.

/// Runs `text` in a fresh session; fails the benchmark on a diagnostic.
private func run(_ text: String, name: String) throws -> String {
  let sink = BufferSink()
  let session = Session(output: sink)
  let result = session.run(Source(name: name, text: text))
  if let first = result.diagnostics.first { throw BenchmarkProgramError(message: "\(name): \(first)") }
  return sink.text
}

private struct BenchmarkProgramError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

private let w1 = """
  weight = 0.5
  goal_pred = 0.8
  input = 0.5
  alpha = 0.1
  for _ in 0..<N {
      pred = input * weight
      error = (pred - goal_pred) ** 2
      delta = pred - goal_pred
      weight_delta = input * delta
      weight = weight - alpha * weight_delta
  }
  print weight
  """

private let w1Train = """
  weight = 0.5
  goal_pred = 0.8
  input = 0.5
  train N alpha 0.1
  print weight
  """

/// W1's error as the learner's own function, descended by `train ... on f`
/// (each step calls it through automatic differentiation).
private let w1TrainOnFunction = """
  goal_pred = 0.8
  input = 0.5
  def error_at(weight):
      return (input * weight - goal_pred) ** 2
  weight = 0.5
  train N alpha 0.1 on error_at
  print weight
  """

private let w2 = """
  weight = 0.5
  input = 0.5
  goal_prediction = 0.8
  step_amount = 0.001
  for _ in 0..<N {
      prediction = input * weight
      error = (prediction - goal_prediction) ** 2
      up_prediction = input * (weight + step_amount)
      up_error = (goal_prediction - up_prediction) ** 2
      down_prediction = input * (weight - step_amount)
      down_error = (goal_prediction - down_prediction) ** 2
      if down_error < up_error {
          weight = weight - step_amount
      }
      if down_error > up_error {
          weight = weight + step_amount
      }
  }
  print weight
  """

private let w3 = """
  weights = [0.1, 0.2, -0.1]
  input = [8.5, 0.65, 1.2]
  goal = 1
  alpha = 0.01
  for _ in 0..<N {
      pred = 0
      for i in 0..<3 {
          pred += input[i] * weights[i]
      }
      delta = pred - goal
      for i in 0..<3 {
          weights[i] -= alpha * input[i] * delta
      }
  }
  print weights[0], weights[1], weights[2]
  """

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
    timeUnits: .nanoseconds, scalingFactor: .mega, maxDuration: .seconds(5), maxIterations: 50)

  for (name, program) in [("W1", w1), ("W1 train", w1Train), ("W2", w2), ("W3", w3)] {
    Benchmark("\(name) program, per loop iteration") { benchmark in
      let text = "N = \(benchmark.scaledIterations.count)\n" + program
      blackHole(try run(text, name: name))
    }
  }

  // A step of `train on f` runs the interpreter and a tape: a thousand steps per iteration.
  Benchmark("W1 train on f program, per step", configuration: .init(scalingFactor: .kilo)) { benchmark in
    let text = "N = \(benchmark.scaledIterations.count)\n" + w1TrainOnFunction
    blackHole(try run(text, name: "W1 train on f"))
  }

  // The fixed cost the per-iteration figures include once per run.
  Benchmark("Session start, parse and run of 'print 1'", configuration: .init(scalingFactor: .one)) { _ in
    blackHole(try run("print 1", name: "startup"))
  }
}
