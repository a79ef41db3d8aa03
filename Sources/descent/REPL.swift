import ArgumentParser
import DescentLanguage
import Foundation

/// `descent` and `descent repl`: the interactive prompt.
///
/// On a terminal it edits lines with libedit and keeps a history. When
/// standard input is not a terminal (`descent < lesson.descent`, a heredoc,
/// a pipe) it behaves exactly like `descent run` on the whole input: no
/// prompt, no banner, no echo of expressions, the first error stops it and
/// sets the exit code (65 syntax, 70 runtime, 130 interrupted).
struct REPLCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl",
    abstract: "Start the interactive prompt (what `descent` alone does).",
    discussion: """
      Type statements at the >>> prompt; :help lists the commands. The
      history is kept in $XDG_STATE_HOME/descent/history (or
      ~/.local/state/descent/history). With standard input not a terminal,
      the input runs as a script, as `descent run` would run it.
      """)

  /// Runs the prompt until Ctrl-D or `:quit`, or the piped script.
  func run() throws {
    guard Terminal.inputIsTerminal else { return try runScript() }
    let sink = TerminalSink()
    let session = Session(output: sink)
    // The live view needs the session before it exists, and the core's
    // output hook needs the view: it clears the loop counter before a
    // diagnostic goes to standard error.
    var clearLiveLine: () -> Void = {}
    let core = REPLCore(
      session: session, color: Terminal.errorIsColorTerminal,
      writeError: { Terminal.standardError($0) },
      flushOutput: {
        clearLiveLine()
        sink.flush()
      })
    let warn: (String) -> Void = { Terminal.standardError($0 + "\n") }
    // `descent | tee log`: the prompts and the banner go to the terminal on
    // standard error, the results to the pipe.
    let screen: Int32 = Terminal.outputIsTerminal ? 1 : 2
    guard let history = REPLHistoryFile(path: REPLHistoryFile.defaultPath(), warn: warn),
      let editor = REPLLineEditor(history: history, screen: screen)
    else {
      warn("descent: cannot start the line editor")
      throw ExitCode.failure
    }
    core.history = { history.entries }
    // The live view turns echo off while code runs, so no "^C" shows then.
    core.controlCEchoes = !LiveView.wanted
    editor.complete = { Completion.complete($0, in: session) }
    InterruptForwarder.restoresCursor = LiveView.wanted
    let interrupts = InterruptForwarder(session: session)
    defer { interrupts.stop() }
    let live = LiveView.wanted ? LiveView(session: session) : nil
    defer { live?.stop() }
    sink.beforeWrite = live.map { view in { view.beforeOutput() } }
    let explorer = TerminalExplorer.wanted ? TerminalExplorer(sink: sink, live: live) : nil
    session.domain.explorer = explorer
    defer { withExtendedLifetime(explorer) {} }  // the session holds it weakly
    clearLiveLine = sink.beforeWrite ?? {}
    Terminal.write(
      "Descent \(DescentVersion.string). Type :help for help, Ctrl-D to leave.\n", to: screen)
    loop: while true {
      interrupts.rearm()
      switch editor.readLine(prompt: core.prompt) {
      case .text(let line):
        live?.beginRun()
        let outcome = core.handle(line)
        live?.endRun()
        if outcome == .quit { break loop }
      case .interrupted(let line):
        core.interruptAtPrompt(lineWasEmpty: line.trimmingCharacters(in: .whitespaces).isEmpty)
      case .endOfInput:
        Terminal.write("\n", to: screen)
        // Ctrl-D ends a :paste (and runs it), not the REPL.
        if core.pasted != nil {
          live?.beginRun()
          core.endPaste()
          live?.endRun()
          sink.flush()
          continue loop
        }
        break loop
      }
      sink.flush()
    }
    sink.flush()
  }

  /// Runs all of standard input as one script, as `descent run` runs a file.
  private func runScript() throws {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    guard let text = String(validating: data, as: UTF8.self) else {
      Terminal.standardError("descent: standard input is not UTF-8 text\n")
      throw ExitCode(ExitStatus.usage)
    }
    let source = Source(name: "<stdin>", text: text)
    let sink = TerminalSink()
    let session = Session(output: sink)
    let interrupts = InterruptForwarder(session: session)
    defer { interrupts.stop() }
    let result = session.run(source)
    sink.flush()
    for diagnostic in result.diagnostics {
      Terminal.standardError(
        diagnostic.render(source: source, color: Terminal.errorIsColorTerminal) + "\n")
    }
    guard let worst = result.diagnostics.first(where: { $0.severity == .error }) else { return }
    switch worst.phase {
    case .syntax: throw ExitCode(ExitStatus.syntax)
    case .runtime: throw ExitCode(ExitStatus.runtime)
    case .interrupt: throw ExitCode(ExitStatus.interrupted)
    }
  }
}
