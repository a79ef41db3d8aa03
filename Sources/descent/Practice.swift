import ArgumentParser
import DescentNotebook
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `descent practice`: rebuild a lesson's code from memory, graded by
/// behaviour and scheduled with spaced repetition (SM-2).
struct Practice: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "practice",
    abstract: "Rebuild a lesson's code from memory; it is graded and scheduled for review.",
    discussion: """
      Picks the exercise that is due (new ones in course order when none is),
      shows the prompt and the code at your level (1: fill a few blanks,
      2: more blanks, 3: from scratch), reads your code and runs it beside
      the reference solution, also from other starting values. Type the
      whole code; an empty line, :done or Ctrl-D ends it. From a pipe the
      answer is all of standard input.
      Progress: $XDG_DATA_HOME/descent/progress.json (else
      ~/.local/share/descent/progress.json).
      Exit codes: 0 pass (or nothing to do), 1 the answer failed, 64 usage error.
      """)

  @Option(name: .shortAndLong, help: "Practise this exercise (name, name without exNN-, exNN, or number).")
  var exercise: String?

  @Option(name: .shortAndLong, help: "Practise at this level: 1 cloze, 2 more blanks, 3 from scratch.")
  var level: Int?

  @Flag(help: "List the exercises with their level and when each is due.")
  var list = false

  @Flag(help: "Show reviews, the streak of days and retention.")
  var stats = false

  @Flag(help: "Write the answer in $EDITOR (the file starts with the code shown).")
  var editor = false

  @Flag(help: "Show the reference solution after the attempt.")
  var showSolution = false

  @Option(help: "Grade the review yourself, 0 to 5 (SM-2 quality), instead of the automatic grade.")
  var grade: Int?

  @Option(help: "The form the code is shown in: python (the course's listings, the default) or descent (braces).")
  var form: CodeForm = .python

  /// How an exercise's code is shown; either form is accepted as an answer.
  enum CodeForm: String, ExpressibleByArgument, CaseIterable {
    case python, descent
  }

  func validate() throws {
    if let level, !(1...3).contains(level) { throw ValidationError("--level must be 1, 2 or 3") }
    if let grade, !(0...5).contains(grade) { throw ValidationError("--grade must be 0 to 5") }
  }

  func run() throws {
    let now = Date()
    let (exercises, problems) = ExerciseLibrary.exercises()
    for problem in problems { Terminal.standardError("descent: \(problem)\n") }
    guard !exercises.isEmpty else {
      Terminal.standardError("descent: no exercises found\n")
      throw ExitCode(ExitStatus.usage)
    }
    let store = ProgressStore.defaultPath().map(ProgressStore.init)
    if store == nil { Terminal.standardError("descent: no HOME or XDG_DATA_HOME; progress is not saved\n") }
    var (progress, warning) = store?.load(now: now) ?? (PracticeProgress(), nil)
    if let warning { Terminal.standardError("descent: \(warning)\n") }

    if list { return printList(exercises, progress, now: now) }
    if stats { return printStats(progress, now: now) }

    var chosen: Exercise
    if let name = exercise {
      guard let found = ExerciseLibrary.find(name, in: exercises) else {
        Terminal.standardError(
          "descent: no exercise '\(name)'; `descent practice --list` shows them\n")
        throw ExitCode(ExitStatus.usage)
      }
      chosen = found
    } else if let next = progress.next(from: exercises, now: now) {
      chosen = next
    } else {
      let soonest = exercises.compactMap { e in progress.exercises[e.name].map { (e, $0.due) } }
        .min { $0.1 < $1.1 }
      print("Nothing is due.", soonest.map { "Next: \($0.0.name), \(Self.when($0.1, now: now))." } ?? "")
      return
    }
    if editor, !Terminal.inputIsTerminal, Self.chosenEditor() == nil {
      Terminal.standardError(
        "descent: --editor opens vi at a terminal, and standard input is not one; "
          + "set EDITOR to an editor that runs without one, or pipe the answer in without --editor\n")
      throw ExitCode(ExitStatus.usage)
    }
    // The course's listings are Python: its form is shown unless asked otherwise.
    if form == .python { chosen = chosen.inPythonForm }
    let interactive = Terminal.inputIsTerminal && !editor
    let lineEditor = interactive ? Self.makeLineEditor() : nil
    if progress.needsRedrill(chosen, now: now) {
      print("Again today (SM-2 re-drill): a review graded below 4 comes back until it scores 4 or more.\n")
    }
    var lastAnswer: String?
    var passed = try attempt(
      chosen, progress: &progress, store: store, interactive: interactive, lineEditor, ownGrade: grade,
      lastAnswer: &lastAnswer)
    // SM-2's same-day re-drill, as Anki's relearning: an answer graded
    // below 4 is asked again in this sitting until it scores 4 or more.
    // From a pipe there is no second answer to read; the exercise then
    // comes first in the next `descent practice` of the day.
    while let result = passed, progress.needsRedrill(chosen, now: Date()) {
      guard interactive || editor else {
        print("Graded below 4: it comes back today (`descent practice` asks it again).")
        break
      }
      print("\nAgain (SM-2 re-drill): the same exercise until it scores 4 or more; an empty answer stops.\n")
      // `--grade` is the learner's verdict on the first answer; a fixed
      // grade below 4 would otherwise ask again for ever.
      passed = try attempt(
        chosen, progress: &progress, store: store, interactive: interactive, lineEditor, ownGrade: nil,
        lastAnswer: &lastAnswer)
      if passed == nil {
        print("The re-drill waits for you today: `descent practice` asks it again.")
        passed = result
        break
      }
    }
    if passed == false { throw ExitCode(ExitStatus.mismatch) }
  }

  /// Shows the exercise, reads one answer, grades, records and saves it.
  /// Returns whether the answer passed, or nil when there was no answer:
  /// nothing written, the editor's file left as it was, or (in a re-drill)
  /// the previous answer again, which could only fail again.
  private func attempt(
    _ chosen: Exercise, progress: inout PracticeProgress, store: ProgressStore?, interactive: Bool,
    _ lineEditor: REPLLineEditor?, ownGrade: Int?, lastAnswer: inout String?
  ) throws -> Bool? {
    let now = Date()
    let state = progress.exercises[chosen.name]
    let level = min(chosen.levels, level ?? state?.level ?? 1)

    show(chosen, level: level)
    let started = Date()
    let template = chosen.template(level: level)
    let answer = try readAnswer(template: template, interactive: interactive, lineEditor)
    let seconds = interactive || editor ? Date().timeIntervalSince(started) : nil
    let unchanged = editor && answer == (template ?? "")
    let repeated = answer == lastAnswer
    guard !answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, !unchanged, !repeated else {
      print(
        unchanged
          ? "No answer (the file was left as it was); nothing recorded."
          : repeated ? "The same answer as last time; nothing recorded." : "No answer; nothing recorded.")
      if showSolution { printSolution(chosen) }
      return nil
    }
    lastAnswer = answer

    let report = ExerciseGrader(exercise: chosen).grade(answer)
    if report.passed {
      print("PASS: behaves like the solution in \(report.caseCount) of \(report.caseCount) runs")
    } else {
      print("FAIL:")
      for problem in report.problems {
        print(problem.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
      }
    }
    let automatic = Scheduler.quality(
      passed: report.passed, stoppedWithError: report.stoppedWithError, seconds: seconds,
      linesToWrite: chosen.linesToWrite(level: level))
    let quality = ownGrade ?? automatic
    let redrill = progress.needsRedrill(chosen, now: now)
    let next = progress.record(chosen, quality: quality, passed: report.passed, level: level, now: Date())
    let saved: Bool
    do {
      try store?.save(progress)
      saved = store != nil
    } catch {
      Terminal.standardError("descent: progress not saved: \(error)\n")
      saved = false
    }
    let what = redrill ? "Re-drill quality" : "Quality"
    print(
      "\(what) \(quality)\(ownGrade == nil ? "" : " (your grade)"): next review \(Self.when(next.due, now: now)), "
        + "at level \(next.level)." + (saved ? "" : " (not saved)"))

    if showSolution {
      printSolution(chosen)
    } else if interactive {
      if try readLine(prompt: "s + Enter shows the solution, Enter ends: ", lineEditor)?.trimmingCharacters(in: .whitespaces) == "s" {
        printSolution(chosen)
      }
    }
    return report.passed
  }

  // MARK: - Showing

  private func show(_ exercise: Exercise, level: Int) {
    let lesson = exercise.lesson.map { "lesson \($0), " } ?? ""
    print("\(exercise.name): \(exercise.title) (\(lesson)level \(level) of \(exercise.levels))\n")
    print(exercise.prompt + "\n")
    if !exercise.given.isEmpty {
      print("Given (runs before your code; the checks also try other starting values):")
      print(Self.indented(exercise.given))
    }
    if let template = exercise.template(level: level) {
      print("Fill in the blanks (___); write the whole code:")
      print(Self.indented(template))
    } else {
      print("Write the code from scratch.\n")
    }
  }

  private func printSolution(_ exercise: Exercise) {
    print("Solution:")
    print(Self.indented(exercise.solution), terminator: "")
  }

  private func printList(_ exercises: [Exercise], _ progress: PracticeProgress, now: Date) {
    let width = exercises.map(\.name.count).max() ?? 0
    for exercise in exercises {
      let state = progress.exercises[exercise.name]
      // A review graded below 4 is asked again today (`next` picks it
      // first), whatever its due date for the next review says.
      let due =
        progress.needsRedrill(exercise, now: now)
        ? "again today" : state.map { Self.when($0.due, now: now) } ?? "new"
      let name = exercise.name.padding(toLength: width, withPad: " ", startingAt: 0)
      print("\(name)  level \(state?.level ?? 1)/\(exercise.levels)  \(due.padding(toLength: 12, withPad: " ", startingAt: 0))  \(exercise.title)")
    }
  }

  private func printStats(_ progress: PracticeProgress, now: Date) {
    let s = progress.statistics(now: now)
    let retention = s.retention.map { String(format: "%.0f%%", $0 * 100) } ?? "-"
    print("Reviews: \(s.reviews)  passed: \(s.passes)  retention: \(retention)")
    print("Streak: \(s.streak) day\(s.streak == 1 ? "" : "s")")
    print("Exercises tried: \(progress.exercises.count)")
  }

  /// "due now", "in 3 hours", "in 6 days".
  static func when(_ due: Date, now: Date) -> String {
    let seconds = due.timeIntervalSince(now)
    if seconds <= 0 { return "due now" }
    let days = Int((seconds / 86_400).rounded())
    if days >= 1 { return "in \(days) day\(days == 1 ? "" : "s")" }
    let hours = max(1, Int((seconds / 3600).rounded()))
    return "in \(hours) hour\(hours == 1 ? "" : "s")"
  }

  static func indented(_ code: String) -> String {
    code.split(separator: "\n", omittingEmptySubsequences: false).dropLast(code.hasSuffix("\n") ? 1 : 0).map { "    " + $0 }.joined(separator: "\n") + "\n"
  }

  // MARK: - Reading the answer

  /// At a terminal, libedit reads the answer as it reads the REPL's lines:
  /// Emacs keys, Up and Down through the lines typed so far (kept in memory
  /// only), Tab at the start of a line indents, Ctrl-C abandons.
  private static func makeLineEditor() -> REPLLineEditor? {
    guard Terminal.inputIsTerminal, let history = REPLHistoryFile(path: nil, warn: { _ in }) else { return nil }
    return REPLLineEditor(history: history, screen: 1)
  }

  /// One line of the answer, nil at the end of input; Ctrl-C ends the run
  /// with nothing recorded.
  private func readLine(prompt text: String, _ lineEditor: REPLLineEditor?) throws -> String? {
    fflush(nil)  // what `print` wrote goes out before libedit draws the prompt
    guard let lineEditor else {
      if Terminal.inputIsTerminal {
        print(text, terminator: "")
        fflush(nil)
      }
      return Swift.readLine()
    }
    switch lineEditor.readLine(prompt: text) {
    case .text(let line): return line
    case .endOfInput: return nil
    case .interrupted:
      print("Abandoned; nothing recorded.")
      throw ExitCode(ExitStatus.interrupted)
    }
  }

  private func readAnswer(template: String?, interactive: Bool, _ lineEditor: REPLLineEditor?) throws -> String {
    if editor { return try editAnswer(template: template ?? "") }
    var lines: [String] = []
    if interactive { print("Your code (an empty line, :done or Ctrl-D ends it):") }
    while true {
      guard let line = try readLine(prompt: lines.isEmpty ? ">>> " : "... ", lineEditor) else { break }
      if line.trimmingCharacters(in: .whitespaces) == ":done" { break }
      // From a pipe, blank lines are part of the code.
      if interactive && line.trimmingCharacters(in: .whitespaces).isEmpty { break }
      lines.append(line)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The learner's editor: `$EDITOR`, else `$VISUAL`; nil for neither.
  private static func chosenEditor() -> String? {
    let environment = ProcessInfo.processInfo.environment
    return [environment["EDITOR"], environment["VISUAL"]].compactMap { $0 }.first { !$0.isEmpty }
  }

  /// Opens `$EDITOR` (else `$VISUAL`, else vi) on a temporary file.
  private func editAnswer(template: String) throws -> String {
    let path = NSTemporaryDirectory() + "descent-practice-\(getpid()).descent"
    _ = FileManager.default.createFile(atPath: path, contents: Data(template.utf8))
    defer { unlink(path) }
    let editorCommand = Self.chosenEditor() ?? "vi"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    // The editor command may carry flags ("code -w"); the shell splits it.
    process.arguments = ["-c", editorCommand + " \"$1\"", "sh", path]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      Terminal.standardError("descent: the editor exited with status \(process.terminationStatus)\n")
      throw ExitCode(ExitStatus.usage)
    }
    return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  }
}
