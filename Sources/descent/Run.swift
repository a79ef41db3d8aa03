import ArgumentParser
import DescentLanguage
import Foundation

/// `descent run FILE` and `descent run -e CODE`.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a Descent script.",
    discussion: """
      Output goes to standard output and diagnostics to standard error.
      A notebook (.md) runs cell by cell under `[N] line L` headers;
      `--update` writes the outputs and figures back into it.
      Exit codes: 0 ok, 64 usage error, 65 syntax error, 70 runtime error,
      130 interrupted.
      """)

  @Argument(help: "The script to run (a .descent file, `-` for standard input), a notebook (.md), or `lesson`.")
  var file: String?

  @Argument(help: "With `lesson`: the number of a lesson that ships with descent (`descent lessons`).")
  var lesson: String?

  @Flag(help: "With a notebook: write each cell's output and figures back into the file.")
  var update = false

  @Option(name: [.customShort("e"), .customLong("eval")], help: "Run this code instead of a file.")
  var code: String?

  @Option(help: "Stop after this many loop iterations and train steps (default: no limit; in a notebook 10 million per cell).")
  var budget: Int?

  @Option(help: "Print floats with this many significant digits (12 prints as Python 2 did).")
  var digits: Int?

  @Option(name: .customLong("allow-read"), help: ArgumentHelp("With a notebook: let `load` read files below this folder too (a notebook reads only below its own folder).", valueName: "PATH"))
  var allowRead: [String] = []

  @Flag(help: "Let `plot ... to FILE.svg` replace a file descent did not write.")
  var force = false

  func validate() throws {
    if (file == nil) == (code == nil) {
      throw ValidationError("give a script file or -e 'code', not both and not neither")
    }
    if let budget, budget < 1 { throw ValidationError("--budget must be at least 1") }
    if let digits, !(1...17).contains(digits) { throw ValidationError("--digits must be 1 to 17") }
    try NotebookRun.validate(file: file, lesson: lesson, update: update)
  }

  func run() throws {
    if let file, NotebookRun.handles(file) {
      return try NotebookRun(
        file: file, lesson: lesson, update: update, budget: budget, digits: digits, allowRead: allowRead, force: force
      ).run()
    }
    let source: Source
    var directory = FileManager.default.currentDirectoryPath
    if let code {
      source = Source(name: "<-e>", text: code)
    } else if let file {
      source = try ScriptFile.read(file)
      directory = ScriptFile.directory(of: file)
    } else {
      throw ExitCode(ExitStatus.usage)
    }
    try Self.runScript(source, directory: directory, budget: budget, digits: digits, force: force)
  }

  /// Runs a script in a fresh session, printing its output and diagnostics;
  /// an error ends the command with the exit code of its phase.
  static func runScript(_ source: Source, directory: String, budget: Int?, digits: Int?, force: Bool) throws {
    let sink = TerminalSink()
    let session = Session(output: sink)
    session.baseDirectory = directory
    session.stepBudget = budget
    session.allowOverwrite = force
    if let digits { session.digits = .significant(digits) }
    // For benchmarks that compare register loops with the general code
    // (Benchmarks/compare); the results are the same either way.
    if getenv("DESCENT_REGISTER_LOOPS").map({ String(cString: $0) }) == "0" { session.registerLoops = false }
    let interrupts = InterruptForwarder(session: session)
    defer { interrupts.stop() }
    // At a terminal an `explore` lets the learner slide its knob.
    let explorer = TerminalExplorer.wanted ? TerminalExplorer(sink: sink, live: nil) : nil
    session.domain.explorer = explorer
    defer { withExtendedLifetime(explorer) {} }  // the session holds it weakly
    let result = session.run(source)
    sink.flush()
    for diagnostic in result.diagnostics {
      Terminal.standardError(diagnostic.render(source: source, color: Terminal.errorIsColorTerminal) + "\n")
    }
    guard let worst = result.diagnostics.first(where: { $0.severity == .error }) else { return }
    switch worst.phase {
    case .syntax: throw ExitCode(ExitStatus.syntax)
    case .runtime: throw ExitCode(ExitStatus.runtime)
    case .interrupt: throw ExitCode(ExitStatus.interrupted)
    }
  }
}
