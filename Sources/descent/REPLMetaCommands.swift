import DescentLanguage
import DescentNotebook
import Foundation

/// The REPL's `:` commands: what they are called and what they do.
extension REPLCore {
  /// Every command, for completion and the "unknown command" message.
  static let metaCommandNames = [
    ":help", ":vars", ":reset", ":load", ":save", ":save!", ":export", ":export!",
    ":history", ":paste", ":quit",
  ]

  static let helpText = """
    Type a statement and press Enter; an expression alone prints its value.

    Plain statements, close to Python:
      weight = 0.5
      weight                              prints 0.5
      repeat 3 {                          a block continues on the next line
          weight = weight * 2             (the prompt becomes ...)
      }
      print "weight:", weight
      def f(x) = x * x
    Python's colon blocks work too (an empty line ends one):
      for i in range(3):
          print(i)
    Domain statements, on the variables weight, input and goal:
      train 20 alpha 0.1
      plot error
      show history

    Commands:
      :help               this text (:help train, :help plot, :help alpha:
                          any statement, option or built-in function, from
                          the language reference; :help functions lists
                          the functions)
      :vars               the variables, their kinds and values
      :reset              forget every variable and what :save would write
      :load FILE          run a .descent file in this session
      :save FILE.md       write this session's inputs as a lesson notebook
                          (:save! FILE.md replaces an existing file)
      :export FILE.py     write this session's inputs as a Python script
                          with numpy (descent export does files;
                          :export! FILE.py replaces an existing file)
      :history            the lines typed lately
      :paste              take a whole listing, blank lines and all; a line
                          '--' (or Ctrl-D) ends it and runs it
      :quit               leave (Ctrl-D does too)

    Keys: arrows and Emacs keys edit the line, Up and Down recall earlier
    lines, Ctrl-R searches them, Tab completes names, Ctrl-C stops a running
    loop or abandons the line, an empty line abandons an unfinished block.
    """

  /// Runs a line that starts with `:`.
  func runMetaCommand(_ line: String) -> Outcome {
    let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
    let name = parts[0]
    let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
    switch name {
    case ":help", ":h", ":?": help(argument)
    case ":vars", ":v": listVariables()
    case ":reset":
      session.reset()
      forgetInputs()
      say("(all variables forgotten)")
    case ":load", ":l": load(argument)
    case ":save": save(argument, overwrite: false)
    case ":save!": save(argument, overwrite: true)
    case ":export": exportPython(argument, overwrite: false)
    case ":export!": exportPython(argument, overwrite: true)
    case ":history": listHistory()
    case ":paste":
      pasted = []
      say("(paste a listing; a line '--' or Ctrl-D runs it)")
    case ":quit", ":q", ":exit": return .quit
    default:
      complain(
        "unknown command '\(name)'; the commands are "
          + REPLCore.metaCommandNames.filter { !$0.hasSuffix("!") }.joined(separator: " "))
    }
    return .proceed
  }

  /// `:help`, `:help functions` and `:help NAME`: a built-in's summary,
  /// and what the language reference says about a statement, an option or
  /// a word (the reference is the help's text; see `LanguageReference`).
  private func help(_ topic: String) {
    if topic.isEmpty {
      say(REPLCore.helpText)
    } else if topic == "functions" || topic == "builtins" {
      for name in Completion.builtinNames {
        say("  " + (Completion.summary(ofBuiltin: name) ?? name))
      }
    } else {
      let summary = Completion.summary(ofBuiltin: topic)
      let reference = REPLCore.reference?.help(for: topic)
      guard summary != nil || reference != nil else {
        let missing = REPLCore.reference == nil ? " (the language reference is not installed beside descent)" : ""
        complain(
          "no help for '\(topic)'\(missing); :help train, :help plot and the like explain a statement, "
            + ":help functions lists the built-in functions")
        return
      }
      say([summary, reference].compactMap { $0 }.joined(separator: "\n\n"))
    }
  }

  /// The language reference, read once, on the first `:help TOPIC`.
  static let reference = LanguageReference.shipped()

  // MARK: - :vars

  /// Longest value shown by `:vars` before it is cut with "…".
  static let maxValueWidth = 60

  /// `:vars`: one aligned line per variable.
  private func listVariables() {
    let variables = session.variables
    guard !variables.isEmpty else {
      say("(no variables yet; try: weight = 0.5)")
      return
    }
    let nameWidth = max(4, variables.map(\.name.count).max() ?? 0)
    let kindWidth = max(4, variables.map(\.value.kindName.count).max() ?? 0)
    say(pad("name", nameWidth) + "  " + pad("kind", kindWidth) + "  value")
    for (name, value) in variables {
      say(
        pad(name, nameWidth) + "  " + pad(value.kindName, kindWidth) + "  "
          + REPLCore.summary(of: value))
    }
  }

  /// A value on one line, cut to `maxValueWidth` characters.
  static func summary(of value: Value) -> String {
    let text = value.repr.replacingOccurrences(of: "\n", with: " ")
    guard text.count > maxValueWidth else { return text }
    return String(text.prefix(maxValueWidth - 1)) + "…"
  }

  /// The text with spaces after it up to `width` characters.
  private func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }

  // MARK: - :history

  /// How many lines `:history` shows.
  static let historyShown = 30

  /// `:history`: the latest lines, numbered from the oldest kept.
  private func listHistory() {
    let lines = history()
    guard !lines.isEmpty else {
      say("(no history yet)")
      return
    }
    let first = max(0, lines.count - REPLCore.historyShown)
    for index in first..<lines.count {
      let number = String(index + 1)
      say(String(repeating: " ", count: max(0, 5 - number.count)) + number + "  " + lines[index])
    }
  }

  // MARK: - :load

  /// `:load FILE`: runs the file as a script in this session (no echo).
  private func load(_ argument: String) {
    guard !argument.isEmpty else {
      complain("usage: :load FILE (a .descent file)")
      return
    }
    let path = resolve(argument)
    let data: Data
    switch ScriptFile.contents(of: path, shownAs: argument) {
    case .success(let contents): data = contents
    case .failure(let failure):
      complain(failure.message)
      return
    }
    guard let text = String(validating: data, as: UTF8.self) else {
      complain("\(argument) is not UTF-8 text")
      return
    }
    let source = Source(name: argument, text: text)
    // `load "data.csv"` inside the file reads next to the file.
    let previous = session.baseDirectory
    session.baseDirectory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    defer { session.baseDirectory = previous }
    let result = session.run(source)
    report(result, source: source)
    recordRun("# :load \(argument)\n" + text, result)
  }

  // MARK: - :save

  /// `:save FILE.md`: writes the successful inputs as a notebook.
  private func save(_ argument: String, overwrite: Bool) {
    guard let (name, path) = sessionFile(argument, command: ":save", pathExtension: "md", overwrite: overwrite)
    else { return }
    do {
      try REPLCore.notebook(of: successfulInputs).write(
        toFile: path, atomically: true, encoding: .utf8)
      say(
        "(saved \(successfulInputs.count) cell\(successfulInputs.count == 1 ? "" : "s") to \(name))"
      )
      if let leftOut = leftOutReport() { say(leftOut) }
    } catch {
      complain("cannot write \(name): \((error as NSError).localizedDescription)")
    }
  }

  /// Where `:save` or `:export` writes the session, or nil after saying why
  /// not: a name is needed, something must have run, and an existing file
  /// is replaced only by the command's `!` form.
  func sessionFile(_ argument: String, command: String, pathExtension: String, overwrite: Bool)
    -> (name: String, path: String)?
  {
    let example = "FILE.\(pathExtension)"
    guard !argument.isEmpty else {
      complain("usage: \(command) \(example) (\(command)! \(example) replaces an existing file)")
      return nil
    }
    guard !successfulInputs.isEmpty else {
      complain("nothing to \(command.dropFirst()) yet: no input has run without an error")
      return nil
    }
    let name = argument.hasSuffix("." + pathExtension) ? argument : argument + "." + pathExtension
    let path = resolve(name)
    if !overwrite && FileManager.default.fileExists(atPath: path) {
      complain("\(name) exists; \(command)! \(name) replaces it")
      return nil
    }
    return (name, path)
  }

  /// A lesson notebook with one `descent` cell per input, in order.
  static func notebook(of inputs: [String]) -> String {
    var text = """
      ---
      title: "Descent session"
      ---

      # Descent session

      Saved from the Descent prompt; each cell is one input, in the order typed.

      """
    for input in inputs {
      // A fence longer than any run of backticks inside keeps the cell closed.
      let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: input) + 1))
      text += "\n" + fence + "descent\n" + input + "\n" + fence + "\n"
    }
    return text
  }

  /// The most backticks in a row in the text.
  private static func longestBacktickRun(in text: String) -> Int {
    var longest = 0
    var current = 0
    for character in text {
      current = character == "`" ? current + 1 : 0
      longest = max(longest, current)
    }
    return longest
  }

  /// A path as typed: quotes dropped, `~/` expanded, relative to the
  /// REPL's folder.
  func resolve(_ typed: String) -> String {
    var path = typed
    if path.count >= 2, let first = path.first, first == "\"" || first == "'", path.last == first {
      path = String(path.dropFirst().dropLast())
    }
    if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
      path = home + path.dropFirst()
    }
    return path.hasPrefix("/") ? path : currentDirectory + "/" + path
  }
}
