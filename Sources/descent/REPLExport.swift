import DescentExport
import DescentLanguage
import DescentNotebook
import Foundation

extension REPLCore {
  /// `:export FILE.py`: the inputs that ran without an error, as one Python
  /// script (an expression typed alone prints its value, as it did here).
  /// An existing file is replaced only by `:export!`, and atomically.
  func exportPython(_ argument: String, overwrite: Bool) {
    guard let (name, path) = sessionFile(argument, command: ":export", pathExtension: "py", overwrite: overwrite)
    else { return }
    let source = Source(name: "session", text: successfulInputs.joined(separator: "\n") + "\n")
    let outcome = DescentExport.script(source, echo: true)
    guard let text = outcome.text else {
      // Every input parsed when it ran, so this is a bug, not the user's mistake.
      for (diagnostic, source) in outcome.syntaxErrors { complain(diagnostic.render(source: source)) }
      return
    }
    do {
      try AtomicFile.write(Array(text.utf8), to: path)
    } catch {
      complain("cannot write \(name): \(error)")
      return
    }
    let count = successfulInputs.count
    var report = "(exported \(count) input\(count == 1 ? "" : "s") to \(name)"
    if outcome.isPartial {
      let lines = outcome.untranslated.map { "line \($0.0.range.start.line): \($0.0.message)" }
      report += "; not exported, left as comments: " + lines.joined(separator: "; ")
    }
    say(report + ")")
    if let leftOut = leftOutReport() { say(leftOut) }
  }
}
