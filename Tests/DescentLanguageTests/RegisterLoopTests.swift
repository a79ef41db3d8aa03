import DescentLanguage
import Foundation
import Testing
import TestSupport

/// Loops over numbers run on registers (`RegisterLoop`); everything else,
/// and every loop when `Session.registerLoops` is off, runs the general
/// code. Both must leave the same trace: output, diagnostics (message,
/// place, notes) and every variable's value and kind afterwards, also when
/// a loop fails half-way or spends the step budget.
@Suite struct RegisterLoopTests {
  /// What a run leaves behind, as text to compare.
  static func transcript(_ text: String, registerLoops: Bool, budget: Int = 2_000) -> String {
    let sink = BufferSink()
    let session = Session(output: sink)
    session.registerLoops = registerLoops
    session.stepBudget = budget
    session.maxOutputBytes = 100_000
    session.baseDirectory = ProgramTests.folder.path
    let source = Source(name: "loop.descent", text: text)
    let result = session.run(source)
    var out = sink.text
    for diagnostic in result.diagnostics { out += diagnostic.render(source: source) + "\n" }
    for (name, value) in session.variables { out += "\(name) = \(value.repr) (\(value.kindName))\n" }
    return out
  }

  @Test(arguments: ProgramTests.files)
  func testProgramsRunTheSameWithoutRegisters(_ name: String) throws {
    let text = try String(contentsOf: ProgramTests.folder.appendingPathComponent(name), encoding: .utf8)
    let budget = (try Expectations(parsing: text)).budget ?? 10_000_000
    let fast = Self.transcript(text, registerLoops: true, budget: budget)
    let general = Self.transcript(text, registerLoops: false, budget: budget)
    #expect(fast == general, "\(name) differs")
  }

  /// Random loops of arithmetic on integers, floats and vector elements,
  /// and calls of numeric built-ins, with overflow, division by zero,
  /// domain errors, unset names, bad indices and the budget among the
  /// outcomes.
  @Test func generatedLoopsRunTheSameWithoutRegisters() {
    var generator = LoopProgramGenerator(seed: 20_261_125)
    let count = 1_500
    var clean = 0
    var failures = 0
    for _ in 0..<count {
      let program = generator.program()
      let fast = Self.transcript(program, registerLoops: true)
      let general = Self.transcript(program, registerLoops: false)
      if fast != general {
        failures += 1
        if failures <= 3 {
          Issue.record("registers and general code differ on:\n\(program)\n--- registers:\n\(fast)\n--- general:\n\(general)")
        }
      }
      if !fast.contains("error:") { clean += 1 }
    }
    #expect(failures == 0)
    // The programs must mostly run through, not stop at their first line.
    #expect(clean > count / 5, "only \(clean) of \(count) generated programs ran without an error")
  }

  @Test func aLoopOverNumbersKeepsItsStateWhenItFails() {
    let program = """
      total = 0
      for i in 0..<10 {
          total += 1.5
          if i == 4 { total = total / (i - 4) }
      }
      """
    let out = Self.transcript(program, registerLoops: true)
    #expect(out.contains("division by zero"))
    #expect(out.contains("total = 7.5 (float)"))
    #expect(out.contains("i = 4 (integer)"))
  }

  @Test func anUnsetNameInALoopSuggestsOneTheLoopSet() {
    let program = """
      for k in 0..<3 {
          prediction = k * 0.5
          error = predictoin - 1
      }
      """
    let out = Self.transcript(program, registerLoops: true)
    #expect(out.contains("name 'predictoin' is not defined"))
    #expect(out.contains("did you mean 'prediction'?"))
  }

  @Test func integerVectorsStayIntegerUntilAFloatGoesIn() {
    let program = """
      v = [1, 2, 3]
      for i in 0..<3 { v[i] += 1 }
      print v
      for i in 0..<1 { v[-1] *= 0.5 }
      print v
      """
    let out = Self.transcript(program, registerLoops: true)
    #expect(out.hasPrefix("[2, 3, 4]\n[2.0, 3.0, 2.0]\n"))
  }
}

/// Register loops change vectors in their own storage (`HeldVector`):
/// copy-on-write must keep every other holder of the same tensor unchanged,
/// and a loop that fails half-way leaves what it wrote so far.
@Suite struct RegisterLoopInPlaceTests {
  static func same(_ program: String) -> String {
    let fast = RegisterLoopTests.transcript(program, registerLoops: true)
    #expect(fast == RegisterLoopTests.transcript(program, registerLoops: false), "registers and general code differ")
    return fast
  }

  @Test func aVectorSharedWithAnotherVariableIsCopiedBeforeTheLoopWritesIt() {
    let out = Self.same(
      """
      u = [1, 2, 3]
      w = u
      for i in 0..<3 { w[i] += 10 }
      print u, w
      """)
    #expect(out.hasPrefix("[1, 2, 3] [11, 12, 13]\n"))
  }

  @Test func aVectorReadAndAnotherWrittenFromTheSameStorage() {
    let out = Self.same(
      """
      u = [1.5, 2, 3]
      w = u
      for i in 0..<3 { w[i] = u[i] * 2 + w[i] }
      for i in 0..<3 { u[i] = u[i] + w[i] }
      print u, w
      """)
    #expect(out.hasPrefix("[6.0, 8.0, 12.0] [4.5, 6.0, 9.0]\n"))
  }

  @Test func aLoopThatFailsKeepsTheElementsItWrote() {
    let out = Self.same(
      """
      v = [1, 2, 3]
      keep = v
      for i in 0..<5 { v[i] += 1 }
      """)
    #expect(out.contains("v = [2, 3, 4] (vector of 3)"))
    #expect(out.contains("keep = [1, 2, 3] (vector of 3)"))
  }

  @Test func aLoopInAFunctionWritesAGlobalVectorInPlace() {
    let out = Self.same(
      """
      v = zeros(5)
      def bump(k) {
          for i in 0..<k { v[i] += i }
          return v[k - 1]
      }
      print bump(3), bump(5), v
      """)
    #expect(out.hasPrefix("2.0 4.0 [0.0, 2.0, 4.0, 3.0, 4.0]\n"))
  }

  @Test func emptyVectorsAndRepeatedEntries() {
    let out = Self.same(
      """
      e = zeros(0)
      v = [0, 0]
      for k in 0..<100 {
          s = "a string keeps this outer loop general"
          for i in 0..<len(e) { e[i] += 1 }
          for i in 0..<1 { v[1] += 1 }
      }
      print e, v
      """)
    #expect(out.hasPrefix("[] [0, 100]\n"))
  }
}

/// Writes small random programs whose loops registers can run.
struct LoopProgramGenerator {
  var random: SplitMix64
  init(seed: UInt64) { random = SplitMix64(seed: seed) }

  let numberNames = ["a", "b", "c", "i", "j", "unset"]
  let literals = [
    "0", "1", "2", "3", "-3", "10", "0.5", "2.5", "-1.25", "0.0", "1e308", "1e-320",
    "9223372036854775807", "4611686018427387904",
  ]
  let indices = ["0", "1", "2", "-1", "-4", "3", "i", "j", "1.0", "a"]
  let operators = ["+", "-", "*", "/", "%", "**"]
  let comparisons = ["<", "<=", ">", ">=", "==", "!="]

  mutating func pick(_ items: [String]) -> String { items[random.below(items.count)] }

  mutating func program() -> String {
    var lines = [
      "a = \(pick(literals))", "b = \(pick(literals))", "c = \(pick(literals))",
      "v = [0.5, -1.25, 3.0]", "w = [1, 2, 3, 4]",
    ]
    if random.below(4) == 0 { lines.append("v = \(pick(literals))") }  // not a vector: general code
    if random.below(8) == 0 { lines.append("def abs(x) { return 7 }") }  // not the built-in: general code
    lines.append(loop(depth: 0))
    lines.append("print a, b, c, v, w")
    return lines.joined(separator: "\n")
  }

  mutating func loop(depth: Int) -> String {
    let body = block(depth: depth + 1)
    switch random.below(4) {
    case 0: return "while \(condition()) {\n\(body)\n}"
    case 1: return "repeat \(pick(["0", "2", "3", "-1", "1.5"])) {\n\(body)\n}"
    default:
      let variable = depth == 0 ? "i" : "j"
      let close = random.below(3) == 0 ? "..." : "..<"
      return "for \(variable) in \(pick(["0", "1", "-2", "a"]))\(close)\(pick(["3", "4", "0", "b", "2.0"])) {\n\(body)\n}"
    }
  }

  mutating func block(depth: Int) -> String {
    (0...random.below(4)).map { _ in statement(depth: depth) }.joined(separator: "\n")
  }

  mutating func statement(depth: Int) -> String {
    switch random.below(12) {
    case 0, 1, 2: return "\(pick(numberNames)) = \(expression(depth: 2))"
    case 3, 4: return "\(pick(numberNames)) \(pick(["+", "-", "*", "/", "%"]))= \(expression(depth: 2))"
    case 5: return "\(pick(["v", "w"]))[\(pick(indices))] = \(expression(depth: 1))"
    case 6: return "\(pick(["v", "w"]))[\(pick(indices))] \(pick(["+", "-", "*", "/", "%"]))= \(expression(depth: 1))"
    case 7 where depth < 3:
      return "if \(condition()) {\n\(block(depth: depth + 1))\n} else {\n\(block(depth: depth + 1))\n}"
    case 8 where depth < 2: return loop(depth: depth)
    case 9: return random.below(3) == 0 ? pick(["break", "continue"]) : "a = a + 1"
    default: return "\(pick(numberNames)) = \(expression(depth: 1))"
    }
  }

  mutating func expression(depth: Int) -> String {
    if depth == 0 || random.below(3) == 0 {
      switch random.below(5) {
      case 0, 1: return pick(literals)
      case 2, 3: return pick(numberNames)
      default: return "\(pick(["v", "w"]))[\(pick(indices))]"
      }
    }
    switch random.below(8) {
    case 0: return "-\(expression(depth: depth - 1))"
    case 1: return "(\(expression(depth: depth - 1))) ** 2"
    case 2:
      let function = pick(["abs", "exp", "log", "sqrt", "sigmoid", "relu", "round", "int", "float", "tanh"])
      return "\(function)(\(expression(depth: depth - 1)))"
    case 3:
      return random.below(2) == 0
        ? "len(\(pick(["v", "w"])))"
        : "\(pick(["min", "max"]))(\(expression(depth: depth - 1)), \(expression(depth: depth - 1)))"
    default: return "(\(expression(depth: depth - 1)) \(pick(operators)) \(expression(depth: depth - 1)))"
    }
  }

  mutating func condition() -> String {
    switch random.below(6) {
    case 0: return "\(condition()) and \(expression(depth: 1)) \(pick(comparisons)) \(expression(depth: 1))"
    case 1: return "not \(expression(depth: 1)) \(pick(comparisons)) \(expression(depth: 1))"
    case 2: return random.below(4) == 0 ? pick(["true", "false"]) : expression(depth: 1)
    default: return "\(expression(depth: 1)) \(pick(comparisons)) \(expression(depth: 1))"
    }
  }
}
