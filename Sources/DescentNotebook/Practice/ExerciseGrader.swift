import DescentLanguage

/// What grading an answer found.
public struct GradeReport: Sendable {
  /// Whether the answer behaves like the reference in every case.
  public var passed: Bool { problems.isEmpty }
  /// Whether the answer stopped with an error (or spent its step budget).
  public var stoppedWithError = false
  /// Where it differs, in words: the first failing case only.
  public var problems: [String] = []
  /// How many runs (the main case and the extra cases) passed.
  public var casesPassed = 0
  public var caseCount = 0
}

/// Grades an answer by running it beside the reference solution, each in a
/// fresh session with a step budget, in the main case (after the given
/// code) and in each extra case (after the case's starting values).
public struct ExerciseGrader {
  public var exercise: Exercise
  /// Loop iterations and train steps per run.
  public var stepBudget = 1_000_000
  /// Most bytes one run may print.
  public var maxOutputBytes = 1 << 20

  public init(exercise: Exercise) {
    self.exercise = exercise
  }

  /// Grades `answer`; never throws: errors in the answer are findings.
  public func grade(_ answer: String) -> GradeReport {
    var report = GradeReport()
    let cases: [(label: String, setup: String)] =
      [("with the given starting values", exercise.given)]
      + exercise.checks.cases.map { setup in
        let shown = setup.split(separator: "\n").joined(separator: "; ")
        return ("with other starting values (\(shown))", setup)
      }
    report.caseCount = cases.count
    for (label, setup) in cases {
      let expected = run(exercise.solution, after: setup, name: "solution")
      if let error = expected.error {
        report.problems = ["the exercise's own solution fails \(label): \(error)"]
        return report
      }
      let actual = run(answer, after: setup, name: "answer")
      var problems: [String] = []
      if let error = actual.error {
        report.stoppedWithError = true
        problems.append("your code stopped \(label):\n\(error)")
      } else {
        if exercise.checks.output, let difference = outputDifference(expected.output, actual.output) {
          problems.append("\(label), the output differs: \(difference)")
        }
        for name in exercise.checks.variables {
          guard let want = expected.session.value(of: name) else { continue }
          guard let got = actual.session.value(of: name) else {
            problems.append("\(label), `\(name)` is not set (expected \(want.repr))")
            continue
          }
          if !Tolerance(relative: exercise.checks.tolerance).matches(Substring(want.repr), Substring(got.repr)) {
            problems.append("\(label), `\(name)` is \(got.repr), expected \(want.repr)")
          }
        }
      }
      if problems.isEmpty {
        report.casesPassed += 1
        continue
      }
      if setup != exercise.given, let hint = overwriteHint(answer, setup: setup) {
        problems.append(hint)
      }
      report.problems = problems
      return report
    }
    return report
  }

  // MARK: - Running

  struct Run {
    var session: Session
    var output: String
    /// The first error, rendered with its line, if the run stopped.
    var error: String?
  }

  private func run(_ code: String, after setup: String, name: String) -> Run {
    let sink = BufferSink()
    let session = Session(output: sink)
    session.stepBudget = stepBudget
    session.maxOutputBytes = maxOutputBytes
    for (text, sourceName) in [(setup, "starting values"), (code, name)] where !text.isEmpty {
      let source = Source(name: sourceName, text: text)
      let result = session.run(source)
      if let error = result.diagnostics.first(where: { $0.severity == .error }) {
        var rendered = error.render(source: source)
        while rendered.hasSuffix("\n") { rendered.removeLast() }
        return Run(session: session, output: sink.text, error: rendered)
      }
    }
    return Run(session: session, output: sink.text, error: nil)
  }

  /// The first output line where the answer differs, or nil.
  func outputDifference(_ expected: String, _ actual: String) -> String? {
    let want = Exercise.lines(expected)
    let got = Exercise.lines(actual)
    let tolerance = Tolerance(relative: exercise.checks.tolerance)
    for index in 0..<max(want.count, got.count) {
      let line = index + 1
      switch (index < want.count ? want[index] : nil, index < got.count ? got[index] : nil) {
      case (let w?, let g?) where !tolerance.matches(w, g):
        return "line \(line) is `\(g)`, expected `\(w)`"
      case (let w?, nil):
        return "line \(line) is missing, expected `\(w)` (\(got.count) of \(want.count) lines printed)"
      case (nil, let g?):
        return "line \(line) `\(g)` is one too many (expected \(want.count) lines)"
      default:
        continue
      }
    }
    return nil
  }

  /// A note when the answer sets a variable the starting values set, which
  /// makes it ignore them.
  func overwriteHint(_ answer: String, setup: String) -> String? {
    let setNames = Set(setup.split(separator: "\n").compactMap(Self.assignedName))
    let overwritten = answer.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("\t") }
      .compactMap(Self.assignedName).filter(setNames.contains)
    guard let name = overwritten.first else { return nil }
    return "note: your code sets `\(name)`, which the starting values set; leave the starting values to the given code"
  }

  static func assignedName(_ line: Substring) -> String? {
    let text = line.trimmingCharacters(in: .whitespaces)
    guard let range = text.range(of: "=") else { return nil }
    let name = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
      !text[range.upperBound...].hasPrefix("=")
    else { return nil }
    return name
  }
}
