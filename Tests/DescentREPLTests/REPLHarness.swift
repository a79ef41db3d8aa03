import DescentLanguage
import Foundation

@testable import descent

/// A REPL without a terminal: lines go in, standard output and standard
/// error are collected as text.
final class REPLHarness {
  let output = BufferSink()
  private let errorLog = BufferSink()
  var errors: String { errorLog.text }
  let session: Session
  let core: REPLCore
  /// The prompt shown before each line typed, in order.
  private(set) var prompts: [String] = []

  /// A REPL on a fresh session.
  init() {
    session = Session(output: output)
    core = REPLCore(session: session, writeError: { [errorLog] in errorLog.write($0) })
  }

  /// Types each line at the prompt and returns the last outcome.
  @discardableResult
  func type(_ lines: String...) -> REPLCore.Outcome {
    var outcome = REPLCore.Outcome.proceed
    for line in lines {
      prompts.append(core.prompt)
      outcome = core.handle(line)
    }
    return outcome
  }

  /// Forgets what was printed so far.
  func clear() {
    output.clear()
    errorLog.clear()
    prompts = []
  }
}

/// A fresh empty folder for files a test writes.
func temporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "descent-repl-tests-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}
