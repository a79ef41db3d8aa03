import ArgumentParser
import DescentLanguage
import Foundation

/// Reading a script named on the command line, for `run` and `parse`.
enum ScriptFile {
  /// The file's text as a `Source`; a file that cannot be read or is not
  /// UTF-8 is reported on standard error and ends the command (usage error).
  static func read(_ path: String) throws -> Source {
    guard let data = FileManager.default.contents(atPath: path) else {
      Terminal.standardError("descent: cannot read \(path)\n")
      throw ExitCode(ExitStatus.usage)
    }
    guard let text = String(validating: data, as: UTF8.self) else {
      Terminal.standardError("descent: \(path) is not UTF-8 text\n")
      throw ExitCode(ExitStatus.usage)
    }
    return Source(name: path, text: text)
  }
}
