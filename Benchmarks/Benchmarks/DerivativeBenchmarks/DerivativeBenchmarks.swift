import Benchmark
import DescentLanguage

// The cost of `derivative` (reverse-mode automatic differentiation through
// the interpreter's operations) against one plain call of the same
// function: a `def` of 50 operations (arithmetic, `**`, math built-ins),
// called N times in a loop, with and without differentiating. The ratio of
// the two per-iteration times is the cost of the tape (issue 22's target:
// at most 20×).

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

/// 50 operations on x: 10 lines of 5 each.
private let function = """
  def f(x):
      a = x * 1.5 + 0.25 - x / 3 + 1
      b = a * a - sigmoid(x) + x ** 2
      c = (b - a) * 0.5 + tanh(a) * x
      d = exp(x * 0.1) + c / (a + 2) - b
      e = sqrt(a * a + 1) * d - c * 0.5
      g = log(e * e + 1) + a * x - d
      h = abs(g) + relu(c) * 0.5 - g
      k = (h + e) ** 2 * 0.01 + sigmoid(h)
      m = k * x + k / 2 - a * 0.1
      return m * m + m - x
  """

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
    timeUnits: .nanoseconds, scalingFactor: .kilo, maxDuration: .seconds(5), maxIterations: 50)

  for (name, body) in [("plain call f(x)", "y = f(0.7)"), ("derivative(f, x)", "y = derivative(f, 0.7)")] {
    Benchmark("50-operation function: \(name), per call") { benchmark in
      let text = function + "\nfor _ in 0..<\(benchmark.scaledIterations.count) {\n    \(body)\n}\nprint y\n"
      blackHole(try run(text, name: name))
    }
  }
}
