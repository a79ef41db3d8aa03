import DescentLanguage
import Foundation

/// The REPL without a terminal: it takes the lines a learner typed, one at a
/// time, runs them in one session, handles the `:` commands and writes what
/// a learner should see. The libedit front end (`REPLLineEditor`) only reads
/// lines and keys; tests drive this class directly.
final class REPLCore {
  /// The session every input runs in, for the REPL's whole life.
  let session: Session
  /// Writes to standard error (diagnostics, warnings, hints).
  let writeError: (String) -> Void
  /// Called before anything goes to standard error, so output and errors
  /// appear in the order they happened.
  let flushOutput: () -> Void
  /// Whether diagnostics are coloured (a terminal, and no NO_COLOR).
  let color: Bool
  /// The lines typed so far, oldest first, for `:history`.
  var history: () -> [String] = { [] }
  /// Whether the terminal echoed "^C" without a line break when Ctrl-C
  /// stopped a run, so the message needs one to start on its own line.
  var controlCEchoes = false
  /// The folder `:load` and `:save` names are relative to.
  var currentDirectory = FileManager.default.currentDirectoryPath

  /// The lines of an unfinished input (an open block or bracket).
  private(set) var pending: [String] = []
  /// Every input that ran without an error since the start or the last
  /// `:reset`, for `:save`.
  private(set) var successfulInputs: [String] = []
  /// The inputs `:save` and `:export` leave out (they stopped with an error
  /// or were interrupted), with why, so they can say so.
  private(set) var leftOutInputs: [(text: String, why: String)] = []

  /// A REPL on `session`; `writeError` receives whole lines for standard error.
  init(
    session: Session, color: Bool = false, writeError: @escaping (String) -> Void,
    flushOutput: @escaping () -> Void = {}
  ) {
    self.session = session
    self.color = color
    self.writeError = writeError
    self.flushOutput = flushOutput
  }

  /// The lines of a `:paste` so far, or nil when not pasting.
  var pasted: [String]?

  /// The primary prompt, or the continuation prompt inside a block or a paste.
  var prompt: String { pending.isEmpty && pasted == nil ? REPLCore.primaryPrompt : REPLCore.continuationPrompt }
  static let primaryPrompt = ">>> "
  static let continuationPrompt = "... "
  /// Printed when Ctrl-C is pressed at an empty prompt.
  static let exitHint = "(To exit, press Ctrl-D or type :quit)"

  /// Whether the REPL should keep reading after a line.
  enum Outcome: Equatable {
    case proceed, quit
  }

  /// Handles one line as typed (without its line break): runs it, waits for
  /// more of an unfinished block, or runs a `:` command.
  @discardableResult
  func handle(_ line: String) -> Outcome {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if pasted != nil {
      guard trimmed == "--" else {
        pasted?.append(line)
        return .proceed
      }
      return endPaste()
    }
    if !pending.isEmpty {
      if trimmed.isEmpty {
        // An empty line ends a colon block, as at Python's prompt; it is
        // also the way out of a block a learner cannot finish.
        if !Session.isIncomplete(pending.joined(separator: "\n") + "\n") { return accept("") }
        pending = []
        say("(unfinished input discarded)")
        return .proceed
      }
      return accept(line)
    }
    if trimmed.isEmpty { return .proceed }
    if trimmed.hasPrefix(":") { return runMetaCommand(trimmed) }
    if let hint = hintForBareWord(trimmed) {
      say(hint)
      return .proceed
    }
    return accept(line)
  }

  /// Runs what `:paste` collected, as one input (blank lines and all).
  @discardableResult
  func endPaste() -> Outcome {
    let lines = pasted ?? []
    pasted = nil
    guard lines.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return .proceed }
    let text = lines.joined(separator: "\n") + "\n"
    let source = Source(name: "<paste>", text: text)
    let result = session.run(source, echo: true)
    report(result, source: source)
    if !result.failed { successfulInputs.append(text) }
    return .proceed
  }

  /// Ctrl-C at the prompt: forgets the unfinished input; on an empty prompt
  /// says how to leave, since Ctrl-C does not.
  func interruptAtPrompt(lineWasEmpty: Bool) {
    let hadPending = !pending.isEmpty || pasted != nil
    pending = []
    pasted = nil
    if lineWasEmpty && !hadPending { say(REPLCore.exitHint) }
  }

  // MARK: - Running inputs

  /// Adds a line to the input and runs the input once it is complete.
  private func accept(_ line: String) -> Outcome {
    pending.append(line)
    let text = pending.joined(separator: "\n")
    if Session.isIncomplete(text) { return .proceed }
    pending = []
    let source = Source(name: "<stdin>", text: text)
    let result = session.run(source, echo: true)
    report(result, source: source)
    recordRun(text, result)
    return .proceed
  }

  /// Keeps an input for `:save`, or notes that it is left out and why.
  func recordRun(_ text: String, _ result: RunResult) {
    if let stop = result.diagnostics.first(where: { $0.severity == .error }) {
      leftOutInputs.append((text, stop.phase == .interrupt ? "interrupted" : "an error"))
    } else {
      successfulInputs.append(text)
    }
  }

  /// What `:save` and `:export` say about the inputs they leave out: an
  /// interrupted `train` changed the weights, and the file will not.
  func leftOutReport() -> String? {
    guard !leftOutInputs.isEmpty else { return nil }
    let shown = leftOutInputs.map { input -> String in
      let lines = input.text.split(separator: "\n", omittingEmptySubsequences: false)
      let first = lines[0].trimmingCharacters(in: .whitespaces)
      return "`\(first)\(lines.count > 1 ? " ..." : "")` (\(input.why))"
    }
    let count = leftOutInputs.count
    return "(left out \(count) input\(count == 1 ? "" : "s") that stopped: \(shown.joined(separator: ", ")); "
      + "what \(count == 1 ? "it" : "they") changed before stopping is not replayed)"
  }

  /// Prints a run's diagnostics under the output it made.
  func report(_ result: RunResult, source: Source) {
    flushOutput()
    if controlCEchoes && result.diagnostics.contains(where: { $0.phase == .interrupt }) {
      writeError("\n")
    }
    for diagnostic in result.diagnostics {
      writeError(diagnostic.render(source: source, color: color) + "\n")
    }
  }

  /// `quit`, `exit` and `help` typed bare, when they are not variables,
  /// are a newcomer looking for the way out or in.
  private func hintForBareWord(_ word: String) -> String? {
    guard session.value(of: word) == nil else { return nil }
    switch word {
    case "quit", "exit", "quit()", "exit()": return REPLCore.exitHint
    case "help", "help()": return "(Type :help for help)"
    default: return nil
    }
  }

  /// Forgets the inputs `:save` would write (after `:reset`).
  func forgetInputs() {
    successfulInputs = []
    leftOutInputs = []
  }

  // MARK: - Writing

  /// Writes a line of REPL chatter (command output) to standard output.
  func say(_ text: String) {
    session.output.write(text + "\n")
  }

  /// Writes a line about something that went wrong to standard error.
  func complain(_ text: String) {
    flushOutput()
    writeError(text + "\n")
  }
}
