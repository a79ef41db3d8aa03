import ArgumentParser
import DescentLanguage
import Foundation

/// `descent parse --dump FILE` and `descent parse --dump -e CODE`: the
/// syntax tree, one node a line with its source range, or the syntax errors.
struct Parse: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parse",
    abstract: "Parse a Descent script and check its syntax; --dump prints the syntax tree.",
    discussion: """
      Without --dump, prints nothing when the script parses. With --dump,
      prints one node a line, indented under its parent, each with its
      source range (line:column-line:column, end exclusive).
      Exit codes: 0 ok, 64 usage error, 65 syntax error.
      """)

  @Argument(help: "The script to parse (a .descent file, `-` for standard input).")
  var file: String?

  @Option(name: [.customShort("e"), .customLong("eval")], help: "Parse this code instead of a file.")
  var code: String?

  @Flag(help: "Print the syntax tree.")
  var dump = false

  func validate() throws {
    if (file == nil) == (code == nil) {
      throw ValidationError("give a script file or -e 'code', not both and not neither")
    }
  }

  func run() throws {
    let source: Source
    if let code {
      source = Source(name: "<-e>", text: code)
    } else if let file {
      source = try ScriptFile.read(file)
    } else {
      throw ExitCode(ExitStatus.usage)
    }
    let result = Parser.parse(source.text)
    for diagnostic in result.diagnostics {
      Terminal.standardError(diagnostic.render(source: source, color: Terminal.errorIsColorTerminal) + "\n")
    }
    if result.diagnostics.contains(where: { $0.severity == .error }) {
      throw ExitCode(ExitStatus.syntax)
    }
    if dump { Terminal.write(ASTDump.dump(result.statements), to: 1) }
  }
}
