import ArgumentParser
import DescentLanguage
import Foundation

/// The `descent` command line: thin, it parses flags and calls the modules.
@main
struct Descent: ParsableCommand {
  // Every command names itself: without `commandName`, swift-argument-parser
  // derives the name with String(describing:), whose protocol-conformance
  // scans were a tenth of the start-up time.
  static let configuration = CommandConfiguration(
    commandName: "descent",
    abstract: "Learn gradient descent by doing it.",
    discussion: """
      Exit codes: 0 ok, 1 a check found a mismatch, 64 usage error,
      65 syntax error, 70 runtime error, 130 interrupted (Ctrl-C).
      """,
    version: DescentVersion.string,
    subcommands: [
      REPLCommand.self, Run.self, Parse.self, Check.self, Render.self, Export.self, Lessons.self,
      Practice.self, Kernel.self,
    ],
    defaultSubcommand: REPLCommand.self
  )

  /// The plain `run -e CODE` / `run FILE` forms skip swift-argument-parser
  /// (see `QuickRun`); everything else is parsed as usual.
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let status = QuickRun.run(arguments) {
      if status != 0 { Foundation.exit(status) }
      return
    }
    if let message = unknownCommandMessage(arguments) {
      Terminal.standardError(message)
      Foundation.exit(ExitStatus.usage)
    }
    main(nil)
  }

  /// The names of the subcommands, in the order `--help` lists them.
  static var commandNames: [String] {
    configuration.subcommands.compactMap { $0.configuration.commandName }
  }

  /// What to say when the first argument is no command: without this,
  /// `descent rnu lesson 4` went to the default command (the REPL), which
  /// complained of "3 unexpected arguments".
  static func unknownCommandMessage(_ arguments: [String]) -> String? {
    guard let first = arguments.first, !first.hasPrefix("-"), first != "help",
      !commandNames.contains(first)
    else { return nil }
    let guess = Suggestion.closest(to: first, among: commandNames).map { "; did you mean '\($0)'?" } ?? ""
    return "descent: unknown command '\(first)'\(guess)\n"
      + "  the commands are: \(commandNames.joined(separator: ", ")) (descent --help says more)\n"
  }
}

/// The exit codes, as in sysexits(3) and jlox.
enum ExitStatus {
  static let mismatch: Int32 = 1
  /// `descent export` wrote a file with statements it could not translate.
  static let partialExport: Int32 = 3
  static let usage: Int32 = 64
  static let syntax: Int32 = 65
  static let runtime: Int32 = 70
  static let interrupted: Int32 = 130
}
