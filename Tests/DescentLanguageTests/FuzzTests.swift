import DescentLanguage
import Dispatch
import Foundation
import Testing
import TestSupport

/// A seeded mutation fuzzer: programs from `Tests/Programs/` and the lesson
/// notebooks' cells, cut up and spliced, must each end in output or a
/// diagnostic; never a crash, and never a run the interrupt cannot stop.
///
/// CI runs a fixed seed and a bounded count. For a long run:
///
///     DESCENT_FUZZ_ITERATIONS=100000 DESCENT_FUZZ_SEED=7 swift test --filter FuzzTests
///
/// Before each input runs, it is written to `descent-fuzz-current.descent`
/// in the temporary folder, so a crash leaves the input behind.
@Suite struct FuzzTests {
  static let iterations = ProcessInfo.processInfo.environment["DESCENT_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 8000
  static let seed = ProcessInfo.processInfo.environment["DESCENT_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_240_601

  @Test func mutatedProgramsEndInOutputOrADiagnostic() throws {
    let seeds = Self.seedPrograms()
    #expect(seeds.count >= 50)
    var random = SplitMix64(seed: Self.seed)
    var mutator = Mutator(seeds: seeds)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("descent-fuzz-\(getpid())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let current = FileManager.default.temporaryDirectory.appendingPathComponent("descent-fuzz-current.descent")

    let started = Date()
    var slow: [String] = []
    for _ in 0..<Self.iterations {
      let input = mutator.mutate(&random)
      try? Data(input.utf8).write(to: current)
      switch GuardedRun.run(input, directory: scratch.path) {
      case .finished: break
      case .neededInterrupt: slow.append(input)
      case .hung:
        Issue.record("hang: the interrupt did not stop this input:\n\(input.prefix(2000))")
        return  // the stuck thread keeps running; stop here
      }
    }
    let seconds = Date().timeIntervalSince(started)
    print("fuzz: \(Self.iterations) inputs in \(String(format: "%.1f", seconds)) s (seed \(Self.seed)); \(slow.count) stopped by the interrupt")
    for input in slow.prefix(3) { print("fuzz: needed the interrupt:\n\(input.prefix(500))") }
    try? FileManager.default.removeItem(at: current)
  }

  /// The test programs and every ```descent cell of the lessons.
  static func seedPrograms() -> [String] {
    let tests = Fixtures.testsDirectory
    let programs = tests.appendingPathComponent("Programs")
    let notebooks = tests.deletingLastPathComponent().appendingPathComponent("Notebooks")
    var seeds: [String] = []
    let fm = FileManager.default
    for name in ((try? fm.contentsOfDirectory(atPath: programs.path)) ?? []).sorted() where name.hasSuffix(".descent") {
      if let text = try? String(contentsOf: programs.appendingPathComponent(name), encoding: .utf8) {
        seeds.append(text)
      }
    }
    for name in ((try? fm.contentsOfDirectory(atPath: notebooks.path)) ?? []).sorted() where name.hasSuffix(".md") {
      guard let text = try? String(contentsOf: notebooks.appendingPathComponent(name), encoding: .utf8) else { continue }
      var cell: [Substring]?
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if cell == nil, line.hasPrefix("```descent") {
          cell = []
        } else if let lines = cell, line.hasPrefix("```") {
          seeds.append(lines.joined(separator: "\n"))
          cell = nil
        } else {
          cell?.append(line)
        }
      }
    }
    return seeds
  }
}

/// Runs one input in a fresh session on its own thread (with the 8 MB stack
/// a command-line run has), raising the interrupt if it runs too long.
enum GuardedRun {
  enum Outcome { case finished, neededInterrupt, hung }

  final class Box: @unchecked Sendable {
    let session: Session
    let done = DispatchSemaphore(value: 0)
    init(_ session: Session) { self.session = session }
  }

  static func run(_ text: String, directory: String, timeout: Double = 2) -> Outcome {
    let session = Session(output: BufferSink())
    session.stepBudget = 20_000
    session.maxOutputBytes = 100_000
    session.maxTensorElements = 1_000_000
    session.baseDirectory = directory
    let box = Box(session)
    let thread = Thread {
      _ = Parser.parse(text)
      box.session.run(Source(name: "fuzz", text: text), echo: true)
      box.done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    if box.done.wait(timeout: .now() + timeout) == .success { return .finished }
    box.session.interrupt.raise()
    return box.done.wait(timeout: .now() + timeout) == .success ? .neededInterrupt : .hung
  }
}

/// Cuts, splices and sprinkles programs with the language's words.
struct Mutator {
  let seeds: [String]
  let vocabulary = [
    "print", "if", "else", "while", "for", "in", "repeat", "def", "return", "break", "continue",
    "and", "or", "not", "true", "false", "digits", "shortest", "train", "plot", "show", "network",
    "load", "predict", "check", "gradient", "seed", "alpha", "max", "until", "error", "epochs",
    "verbose", "momentum", "hotcold", "step", "history", "weights", "pred", "vs", "goal", "over",
    "to", "from", "log", "sigmoid", "relu", "zeros", "ones", "range", "len", "sum", "abs", "exp",
    "weight", "input", "inputs", "goals", "net", "data", "target",
    "(", ")", "[", "]", "{", "}", ",", ";", ".", "=", "+=", "-=", "*=", "/=", "==", "!=", "<", "<=",
    ">", ">=", "+", "-", "*", "/", "%", "@", "**", "#", "\n", "\"", "'",
    "0", "1", "-1", "0.5", "1e308", "1e309", "-1e308", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "1e-320", "0.0", "1e12", "4294967296", ".5", "5.", "1e", "0x10",
    "\"a.svg\"", "\"../x.csv\"", "\"/etc/passwd\"", "\"\"", "\"\\n\"", "\"\\u{0}\"",
    "\u{0}", "\u{FEFF}", "é", "∑", "🙂", "\u{202E}", "\u{7F}", "\t", "\r", "\r\n",
  ]

  init(seeds: [String]) { self.seeds = seeds }

  mutating func mutate(_ random: inout SplitMix64) -> String {
    var lines = seeds[random.below(seeds.count)].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for _ in 0...random.below(4) {
      let n = lines.count
      switch random.below(11) {
      case 0 where n > 0: lines.remove(at: random.below(n))
      case 1 where n > 0: lines.insert(lines[random.below(n)], at: random.below(n + 1))
      case 2 where n > 1: lines.swapAt(random.below(n), random.below(n))
      case 3 where n > 0:
        let i = random.below(n)
        var line = Array(lines[i])
        line.insert(contentsOf: " \(vocabulary[random.below(vocabulary.count)]) ", at: random.below(line.count + 1))
        lines[i] = String(line)
      case 4 where n > 0:
        let i = random.below(n)
        var scalars = Array(lines[i].unicodeScalars)
        if !scalars.isEmpty {
          let j = random.below(scalars.count)
          let flipped = scalars[j].value ^ (1 << UInt32(random.below(7)))
          scalars[j] = Unicode.Scalar(flipped) ?? "?"
        }
        lines[i] = String(String.UnicodeScalarView(scalars))
      case 5 where n > 0: lines.removeLast(random.below(n))
      case 6:
        let other = seeds[random.below(seeds.count)].split(separator: "\n", omittingEmptySubsequences: false)
        let cut = random.below(other.count + 1)
        lines = Array(lines.prefix(random.below(n + 1))) + other.suffix(from: cut).map(String.init)
      case 7:
        let words = (0...random.below(12)).map { _ in vocabulary[random.below(vocabulary.count)] }
        lines.insert(words.joined(separator: " "), at: random.below(n + 1))
      case 8 where n > 0:
        // Replace a number with an extreme one.
        let i = random.below(n)
        let huge = ["1e308", "9223372036854775807", "1e12", "-1e12", "0", "1e-308", "100000000000000000000"]
        lines[i] = lines[i].replacingOccurrences(of: "1", with: huge[random.below(huge.count)])
      case 9 where n > 0:
        let i = random.below(n)
        let count = [2, 10, 100, 300][random.below(4)]
        lines[i] = String(repeating: ["(", "[", "-", "not ", "{"][random.below(5)], count: count) + lines[i]
      default:
        // Truncate in the middle of a line.
        let text = lines.joined(separator: "\n")
        let scalars = Array(text.unicodeScalars)
        return String(String.UnicodeScalarView(scalars.prefix(random.below(scalars.count + 1))))
      }
    }
    return lines.joined(separator: "\n")
  }
}

/// A small, fast, seeded generator, so a failing run can be repeated.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// A number in 0..<n (n > 0).
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}
