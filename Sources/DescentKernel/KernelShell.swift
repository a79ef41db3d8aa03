import DescentLanguage
import DescentNotebook
import Foundation

/// Answers the shell requests against one long-lived session: execute,
/// complete, is_complete, inspect, history, kernel_info, comm_info. Runs
/// on the shell thread only; the control thread touches nothing here but
/// the session's interrupt flag (an atomic).
final class KernelShell: @unchecked Sendable {
  let session: Session
  let output: KernelOutput
  /// The live view of long `train`s (the session holds it weakly).
  let liveView: KernelLiveView
  /// The sliders of `explore` cells (the session holds it weakly).
  let explorer: KernelExplorer
  private let iopub: IOPubChannel
  /// The `execution_count` of the last cell stored in the history.
  private(set) var executionCount = 0
  /// The cells run with `store_history`, oldest first (In[1] is `history[0]`).
  private(set) var history: [String] = []
  /// The step budget of cells without a `#| budget=N` (nil: none, as in the REPL).
  let defaultBudget: Int?
  /// Most output per cell: a runaway print loop stops with an error
  /// instead of sending the front end megabytes it cannot draw.
  static let maxOutputBytes = 1 << 20

  init(iopub: IOPubChannel, defaultBudget: Int?, directory: String) {
    self.iopub = iopub
    self.output = KernelOutput(iopub: iopub)
    self.session = Session(output: output)
    self.liveView = KernelLiveView(output: output)
    session.domain.trainingObserver = liveView
    self.explorer = KernelExplorer(output: output, iopub: iopub)
    session.domain.explorer = explorer
    self.defaultBudget = defaultBudget
    session.baseDirectory = directory
    session.maxOutputBytes = KernelShell.maxOutputBytes
  }

  /// The reply's type and content for a shell request, or nil for a type
  /// this class does not know.
  func answer(_ request: JupyterMessage) -> [String: Any]? {
    switch request.type {
    case "kernel_info_request": return KernelShell.kernelInfo
    case "execute_request": return execute(request)
    case "complete_request": return complete(request.content)
    case "is_complete_request": return isComplete(request.content)
    case "inspect_request": return inspect(request.content)
    case "history_request": return historyReply(request.content)
    case "comm_info_request":
      let wanted = request.content["target_name"] as? String
      let comms = (wanted == nil || wanted == "jupyter.widget") ? explorer.commIDs : []
      return ["status": "ok", "comms": Dictionary(uniqueKeysWithValues: comms.map { ($0, ["target_name": "jupyter.widget"]) })]
    default: return nil
    }
  }

  /// A comm message from the front end (they have no reply): a slider of
  /// an `explore` moved or closed; a comm opened to a target this kernel
  /// does not serve is closed again, as the protocol asks.
  func handleComm(_ request: JupyterMessage) {
    switch request.type {
    case "comm_msg":
      session.interrupt.reset()
      explorer.handleMessage(request.content, parent: request.header, executionCount: executionCount)
    case "comm_close":
      explorer.handleClose(request.content)
    default:  // comm_open
      guard let commID = request.content["comm_id"] as? String else { return }
      iopub.publish("comm_close", ["comm_id": commID, "data": [String: Any]()], parent: request.header)
    }
  }

  // MARK: - kernel_info

  static var kernelInfo: [String: Any] {[
    "status": "ok",
    "protocol_version": JupyterMessage.protocolVersion,
    "implementation": "descent",
    "implementation_version": DescentVersion.string,
    "language_info": languageInfo,
    "banner": "Descent \(DescentVersion.string): learn gradient descent by doing it.",
    "help_links": [Any](),
    "debugger": false,
  ]}

  /// What front ends need to highlight and save Descent code; the same
  /// `descent render --to ipynb` writes into a notebook.
  static var languageInfo: [String: Any] { IPYNBWriter.languageInfo }

  // MARK: - execute

  private func execute(_ request: JupyterMessage) -> [String: Any] {
    guard let code = request.content["code"] as? String else {
      return KernelShell.badRequest("execute_request needs a string 'code'")
    }
    let silent = request.content["silent"] as? Bool ?? false
    let storeHistory = !silent && (request.content["store_history"] as? Bool ?? true)
    if storeHistory {
      executionCount += 1
      history.append(code)
    }
    let count = executionCount
    if !silent {
      iopub.publish("execute_input", ["code": code, "execution_count": count], parent: request.header)
    }
    let source = Source(name: "In[\(storeHistory ? count : count + 1)]", text: code)
    let directives = CellDirectives(code)
    output.begin(parent: request.header, silent: silent, executionCount: count)
    var diagnostics: [Diagnostic]
    if let problem = directives.problem {
      diagnostics = [problem]
    } else {
      session.stepBudget = directives.budget ?? defaultBudget
      let savedDigits = session.digits
      if let digits = directives.digits { session.digits = digits }
      // The cell's last expression is its result, as IPython's is, and as
      // `descent run` and `descent check` show a lesson cell's.
      diagnostics = session.run(source, echoLast: true).diagnostics
      if directives.digits != nil { session.digits = savedDigits }
    }
    for warning in diagnostics where warning.severity == .warning {
      output.writeError(warning.render(source: source, color: true) + "\n")
    }
    output.end()
    let expressions = evaluate(request.content["user_expressions"] as? [String: Any] ?? [:])
    let errors = diagnostics.filter { $0.severity == .error }
    guard let first = errors.first else {
      return ["status": "ok", "execution_count": count, "payload": [Any](), "user_expressions": expressions]
    }
    let names: [Diagnostic.Phase: String] = [
      .syntax: "SyntaxError", .runtime: "RuntimeError", .interrupt: "Interrupted",
    ]
    let error: [String: Any] = [
      "ename": names[first.phase] ?? "Error", "evalue": first.message,
      "traceback": errors.flatMap { $0.render(source: source, color: true).components(separatedBy: "\n") },
    ]
    if !silent { iopub.publish("error", error, parent: request.header) }
    return error.merging(["status": "error", "execution_count": count, "user_expressions": expressions]) {
      old, _ in old
    }
  }

  /// `user_expressions`: each expression's value as text, or its error.
  /// Only a single expression is evaluated, so asking cannot assign or
  /// train; its output is not shown.
  private func evaluate(_ expressions: [String: Any]) -> [String: Any] {
    var results: [String: Any] = [:]
    let captured = BufferSink()
    let shown = session.output
    session.output = captured
    defer { session.output = shown }
    for (name, value) in expressions {
      let code = value as? String ?? ""
      let source = Source(name: name, text: code)
      let statements = Parser.parse(code).statements
      var failure: Diagnostic?
      if statements.count == 1, case .expression = statements[0].kind {
        captured.clear()
        failure = session.run(source, echo: true).diagnostics.first { $0.severity == .error }
      } else {
        failure = Diagnostic("a user expression must be one expression", at: statements.first?.range ?? .init(
          SourceLocation(line: 1, column: 1, offset: 0), SourceLocation(line: 1, column: 1, offset: 0)))
      }
      if let failure {
        results[name] = [
          "status": "error", "ename": failure.phase == .syntax ? "SyntaxError" : "RuntimeError",
          "evalue": failure.message, "traceback": failure.render(source: source).components(separatedBy: "\n"),
        ]
      } else {
        let text = captured.text.hasSuffix("\n") ? String(captured.text.dropLast()) : captured.text
        results[name] = ["status": "ok", "data": ["text/plain": text], "metadata": [String: Any]()]
      }
    }
    return results
  }

  // MARK: - complete, is_complete, inspect

  /// The REPL's Tab completion at `cursor_pos` (counted in Unicode code points).
  private func complete(_ content: [String: Any]) -> [String: Any] {
    guard let code = content["code"] as? String, let cursor = content["cursor_pos"] as? Int else {
      return KernelShell.badRequest("complete_request needs a string 'code' and an integer 'cursor_pos'")
    }
    let (before, position) = KernelShell.text(code, before: cursor)
    let answer = Completion.complete(before, in: session)
    return [
      "status": "ok", "matches": answer.matches, "cursor_start": position - answer.prefix.unicodeScalars.count,
      "cursor_end": position, "metadata": [String: Any](),
    ]
  }

  /// The REPL's check for an unfinished block or bracket.
  private func isComplete(_ content: [String: Any]) -> [String: Any] {
    guard let code = content["code"] as? String else {
      return KernelShell.badRequest("is_complete_request needs a string 'code'")
    }
    if Session.isIncomplete(code) {
      let depth = code.reduce(0) { $0 + ($1 == "{" ? 1 : $1 == "}" ? -1 : 0) }
      return ["status": "incomplete", "indent": String(repeating: "    ", count: max(0, depth))]
    }
    return ["status": Parser.parse(code).diagnostics.isEmpty ? "complete" : "invalid"]
  }

  /// A variable's kind and value, or a built-in's or statement's summary,
  /// for the name under the cursor.
  private func inspect(_ content: [String: Any]) -> [String: Any] {
    guard let code = content["code"] as? String, let cursor = content["cursor_pos"] as? Int else {
      return KernelShell.badRequest("inspect_request needs a string 'code' and an integer 'cursor_pos'")
    }
    let (before, _) = KernelShell.text(code, before: cursor)
    let after = code.unicodeScalars.dropFirst(before.unicodeScalars.count)
    let name = String(Completion.wordBeingTyped(in: before))
      + String(String.UnicodeScalarView(after.prefix { CharacterSet.alphanumerics.contains($0) || $0 == "_" }))
    var text: String?
    if let value = session.value(of: name) {
      var shown = value.formatted(session.digits)
      if shown.count > 2000 { shown = String(shown.prefix(2000)) + "…" }
      text = "\(name): \(value.kindName)\n\(shown)"
    } else if let summary = Completion.summary(ofBuiltin: name) {
      text = "\(name)(…): built-in function\n\(summary)"
    } else if !name.isEmpty, Completion.candidates(for: name, in: nil).contains(name) {
      text = "\(name): a Descent keyword or statement (see LANGUAGE.md)"
    }
    guard let text else {
      return ["status": "ok", "found": false, "data": [String: Any](), "metadata": [String: Any]()]
    }
    return ["status": "ok", "found": true, "data": ["text/plain": text], "metadata": [String: Any]()]
  }

  /// The part of `code` before the cursor and the cursor clamped to it.
  static func text(_ code: String, before cursor: Int) -> (String, Int) {
    let scalars = code.unicodeScalars
    let position = min(max(0, cursor), scalars.count)
    return (String(String.UnicodeScalarView(scalars.prefix(position))), position)
  }

  // MARK: - history

  /// `tail`, `range` and `search` over this kernel's cells (session 1).
  private func historyReply(_ content: [String: Any]) -> [String: Any] {
    let numbered = history.enumerated().map { (line: $0.offset + 1, input: $0.element) }
    var chosen: [(line: Int, input: String)]
    switch content["hist_access_type"] as? String ?? "tail" {
    case "range":
      let start = max(1, content["start"] as? Int ?? 1)
      let stop = content["stop"] as? Int ?? (history.count + 1)
      chosen = numbered.filter { $0.line >= start && $0.line < stop }
    case "search":
      let pattern = content["pattern"] as? String ?? "*"
      chosen = numbered.filter { fnmatch(pattern, $0.input, 0) == 0 }
      if content["unique"] as? Bool == true {
        var seen = Set<String>()
        chosen = chosen.reversed().filter { seen.insert($0.input).inserted }.reversed()
      }
      if let n = content["n"] as? Int, n >= 0 { chosen = Array(chosen.suffix(n)) }
    case "tail":
      chosen = Array(numbered.suffix(max(0, content["n"] as? Int ?? 10)))
    default:
      return KernelShell.badRequest("hist_access_type must be 'range', 'tail' or 'search'")
    }
    let withOutput = content["output"] as? Bool ?? false
    let entries: [[Any]] = chosen.map { entry in
      [1, entry.line, withOutput ? [entry.input, NSNull()] as [Any] : entry.input]
    }
    return ["status": "ok", "history": entries]
  }

  /// A reply saying the request could not be read.
  static func badRequest(_ why: String) -> [String: Any] {
    ["status": "error", "ename": "BadRequest", "evalue": why, "traceback": [why]]
  }
}
