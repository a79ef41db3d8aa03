import CEditLine
import DescentLanguage

#if canImport(Glibc)
  import Glibc
#endif

/// The terminal side of the REPL: libedit reads a line with Emacs keys,
/// history (Up, Down, Ctrl-R) and Tab completion; everything else is
/// `REPLCore`'s.
final class REPLLineEditor {
  /// What one read gave.
  enum Line {
    case text(String)
    /// Ctrl-C was pressed; the text that was on the line.
    case interrupted(String)
    case endOfInput
  }

  /// libedit's editor (an opaque `EditLine *`).
  private let editLine: OpaquePointer
  private let history: REPLHistoryFile
  /// The prompt as a C string that outlives each call of the prompt function.
  private var promptText: UnsafeMutablePointer<CChar>
  /// Set by the Ctrl-C key function, read after `el_gets` returns.
  private var interruptPressed = false
  /// Shown at the end of a line abandoned with Ctrl-C.
  static let interruptMark = "^C"
  /// Answers Tab for the text before the cursor.
  var complete: (String) -> Completion.Answer = { _ in
    Completion.Answer(prefix: "", matches: [], insertion: "")
  }

  /// Where the prompt, the line and the Tab choices are drawn.
  let screen: Int32

  /// Starts libedit on standard input.
  ///
  /// - Parameter screen: the descriptor to draw on: standard output, or
  ///   standard error when standard output goes to a pipe or file (as
  ///   Python does), so the prompts stay out of the captured output.
  init?(history: REPLHistoryFile, screen: Int32) {
    self.screen = screen
    guard let input = fdopen(0, "r"), let output = fdopen(screen, "w"), let error = fdopen(2, "w"),
      let editLine = descent_el_init("descent", input, output, error)
    else { return nil }
    self.editLine = editLine
    self.history = history
    promptText = strdup(REPLCore.primaryPrompt) ?? UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    configure()
  }

  deinit {
    descent_el_end(editLine)
    free(promptText)
  }

  /// Sets the keys, the prompt, the history and the terminal mode.
  private func configure() {
    descent_el_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
    descent_el_set_editor(editLine, "emacs")
    // While it reads a line libedit handles SIGWINCH (a resized window
    // redraws the line) and restores the terminal before a SIGTERM or SIGHUP
    // ends the process; it puts the previous handlers back after each line,
    // so InterruptForwarder's SIGINT handling is untouched while code runs.
    descent_el_set_signal(editLine, 1)
    descent_el_set_history(editLine, history.handle)
    descent_el_set_prompt(editLine) { editLine in
      REPLLineEditor.from(editLine)?.promptText
    }
    // While a line is edited the terminal does not turn Ctrl-C into SIGINT,
    // so it arrives as a key that the function below handles (abandon the
    // line). While code runs, libedit has restored the normal mode and
    // Ctrl-C is a signal again, which stops the loop.
    descent_el_set_edit_tty(editLine, "-isig")
    descent_el_add_function(editLine, "descent-interrupt", "Abandon the line") { editLine, _ in
      guard let editLine, let editor = REPLLineEditor.from(editLine) else { return UInt8(CC_ERROR) }
      editor.interruptPressed = true
      // Show "^C" at the end of the abandoned line, as a shell does, then let
      // libedit's own newline command end the line (it also moves the
      // cursor below a line that wrapped). The text is thrown away.
      if let info = descent_el_line(editLine), let cursor = info.pointee.cursor,
        let last = info.pointee.lastchar
      {
        descent_el_cursor(editLine, Int32(last - cursor))
      }
      descent_el_insertstr(editLine, REPLLineEditor.interruptMark)
      descent_el_push(editLine, "\n")
      return UInt8(CC_REFRESH)
    }
    descent_el_bind(editLine, "^C", "descent-interrupt")
    descent_el_add_function(editLine, "descent-complete", "Complete a name") { editLine, key in
      guard let editLine, let editor = REPLLineEditor.from(editLine) else { return UInt8(CC_ERROR) }
      return editor.completeWord(key: key)
    }
    descent_el_bind(editLine, "^I", "descent-complete")
    // Incremental search backwards, as in bash and Python.
    descent_el_bind(editLine, "^R", "em-inc-search-prev")
  }

  /// The editor whose pointer libedit hands to a C callback.
  private static func from(_ editLine: OpaquePointer?) -> REPLLineEditor? {
    guard let editLine, let data = descent_el_get_client_data(editLine) else { return nil }
    return Unmanaged<REPLLineEditor>.fromOpaque(data).takeUnretainedValue()
  }

  /// Reads one line after showing `prompt`.
  func readLine(prompt: String) -> Line {
    free(promptText)
    promptText = strdup(prompt) ?? UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    interruptPressed = false
    var count: Int32 = 0
    guard let line = descent_el_gets(editLine, &count), count > 0 else {
      if interruptPressed { return .interrupted("") }
      return .endOfInput
    }
    var text = String(cString: line)
    if text.hasSuffix("\n") { text.removeLast() }
    if interruptPressed {
      return .interrupted(String(text.dropLast(REPLLineEditor.interruptMark.count)))
    }
    if !text.trimmingCharacters(in: [" ", "\t"]).isEmpty { history.add(text) }
    return .text(text)
  }

  // MARK: - Tab

  /// Completes the word before the cursor: a `:` command, a file name in a
  /// string or after `:load`/`:save`, else a session name.
  private func completeWord(key: Int32) -> UInt8 {
    guard let info = descent_el_line(editLine), let buffer = info.pointee.buffer,
      let cursor = info.pointee.cursor
    else { return UInt8(CC_ERROR) }
    let before = String(
      decoding: UnsafeRawBufferPointer(start: buffer, count: cursor - buffer), as: UTF8.self)
    if before.hasPrefix(":") {
      if before.contains(" ") { return descent_el_fn_complete(editLine, key) }
      let matches = REPLCore.metaCommandNames.filter { $0.hasPrefix(before) }
      return insert(
        Completion.commonPrefix(matches).dropFirst(before.count) + (matches.count == 1 ? " " : ""),
        matches: matches)
    }
    if Completion.endsInsideString(before) { return descent_el_fn_complete(editLine, key) }
    if before.allSatisfy({ $0 == " " || $0 == "\t" }) {
      // Tab at the start of a line indents, as in Python's REPL.
      descent_el_insertstr(editLine, "    ")
      return UInt8(CC_REFRESH)
    }
    let answer = complete(before)
    return insert(Substring(answer.insertion), matches: answer.matches)
  }

  /// Inserts the completion, or lists the choices when it adds nothing.
  private func insert(_ text: Substring, matches: [String]) -> UInt8 {
    if !text.isEmpty {
      descent_el_insertstr(editLine, String(text))
      return UInt8(CC_REFRESH)
    }
    guard matches.count > 1 else { return UInt8(CC_REFRESH_BEEP) }
    Terminal.write(
      "\n" + REPLLineEditor.columns(matches, width: terminalWidth()) + "\n", to: screen)
    // CC_REDISPLAY draws the prompt and the line again below the list.
    return UInt8(CC_REDISPLAY)
  }

  /// The choices in columns, as bash lists them.
  static func columns(_ words: [String], width: Int) -> String {
    let cell = (words.map(\.count).max() ?? 0) + 2
    let perRow = max(1, width / cell)
    var lines: [String] = []
    var index = 0
    while index < words.count {
      let row = words[index..<min(words.count, index + perRow)]
      lines.append(row.map { $0 + String(repeating: " ", count: cell - $0.count) }.joined())
      index += perRow
    }
    return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(
      separator: "\n")
  }

  /// The width of the terminal the line is drawn on (80 when unknown).
  private func terminalWidth() -> Int {
    var size = winsize()
    guard ioctl(screen, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }
}
