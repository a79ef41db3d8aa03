import ArgumentParser
import DescentLanguage

/// The `descent` command line: thin, it parses flags and calls the modules.
@main
struct Descent: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "descent",
    abstract: "Learn gradient descent by doing it.",
    version: DescentVersion.string
  )
}
