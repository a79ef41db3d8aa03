import ArgumentParser
import DescentLanguage
import Foundation

/// `descent run -e CODE` and `descent run FILE.descent` with no other
/// options, recognised before swift-argument-parser is set up.
///
/// Why: building the parser's command tree costs more than running a small
/// script (protocol-conformance scans, reflection over every command's
/// properties: about 13 of the 31 million instructions `run -e 'x = 1'`
/// took). Anything else, including every malformed or unusual form, goes
/// to swift-argument-parser, which gives its usual checks and messages.
enum QuickRun {
  /// What to run: code given with `-e`, or a script file.
  enum Script: Equatable {
    case code(String)
    case file(String)
  }

  /// The script the arguments (without the program name) ask for, when
  /// they are one of the plain forms; nil otherwise.
  static func script(_ arguments: [String]) -> Script? {
    guard arguments.first == "run" else { return nil }
    switch arguments.count {
    case 2:
      let file = arguments[1]
      // Options, notebooks and `run lesson N` take the full path.
      guard file == ScriptFile.standardInputName || !file.hasPrefix("-"), !file.isEmpty,
        !NotebookRun.handles(file)
      else { return nil }
      return .file(file)
    case 3:
      guard arguments[1] == "-e" || arguments[1] == "--eval" else { return nil }
      // swift-argument-parser reads a value that starts with "-" as an option.
      guard !arguments[2].hasPrefix("-") else { return nil }
      return .code(arguments[2])
    default:
      return nil
    }
  }

  /// Runs the script the arguments ask for and returns the exit status;
  /// nil when they are not a plain form.
  static func run(_ arguments: [String]) -> Int32? {
    guard let script = script(arguments) else { return nil }
    do {
      let source: Source
      var directory = FileManager.default.currentDirectoryPath
      switch script {
      case .code(let code):
        source = Source(name: "<-e>", text: code)
      case .file(let file):
        source = try ScriptFile.read(file)
        directory = ScriptFile.directory(of: file)
      }
      try Run.runScript(source, directory: directory, budget: nil, digits: nil, force: false)
      return 0
    } catch let exit as ExitCode {
      return exit.rawValue
    } catch {
      Terminal.standardError("descent: \(error)\n")
      return ExitStatus.runtime
    }
  }
}
