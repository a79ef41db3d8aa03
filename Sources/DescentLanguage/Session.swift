import DescentEngine
import DescentPlot

/// Where a session's output goes: a terminal, a notebook cell, a test buffer.
public protocol OutputSink: AnyObject {
  /// Writes text (already ending in a newline where one belongs).
  func write(_ text: String)
  /// Shows a chart: braille in a terminal, SVG in a notebook.
  func show(_ chart: Chart)
  /// Writes a table (`show history`, `show weights`); by default its text,
  /// a Jupyter kernel sends HTML beside it.
  func writeTable(_ table: OutputTable)
  /// Writes the value of an expression typed alone (the REPL's echo); by
  /// default as text, a Jupyter kernel sends it as the cell's result.
  func writeValue(_ text: String)
}

/// Collects output in memory, for tests and notebook cells.
public final class BufferSink: OutputSink {
  public private(set) var text = ""
  public private(set) var charts: [Chart] = []
  public init() {}
  public func write(_ text: String) { self.text += text }
  public func show(_ chart: Chart) { charts.append(chart) }
  /// Forgets what was collected.
  public func clear() {
    text = ""
    charts = []
  }
}

/// What running a source did.
public struct RunResult: Sendable {
  /// Syntax errors (nothing ran), or the one runtime error that stopped it,
  /// plus warnings such as divergence.
  public var diagnostics: [Diagnostic]
  /// True when the input ended inside a block or bracket (REPL: continue).
  public var endedEarly: Bool

  /// True when something stopped the run (a warning alone does not).
  public var failed: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The interpreter's state across runs, the language core: the variables,
/// the settings, the output, the step counter. What the domain statements
/// keep (the last training, the focus, the live view, the explorer) is in `domain`. A
/// REPL keeps one session for its whole life; a notebook one per run of the
/// file; each `descent run` one.
public final class Session {
  // MARK: Settings
  /// How bare floats print (`digits 12` / `digits shortest`).
  public var digits: DigitsMode = .shortest
  /// Whether booleans and None print as Python spells them (`True`,
  /// `None`): set for good once the session runs Python-style code.
  public var pythonSpelling = false
  /// Whether the note on `+` and `*` of lists was given (once a session).
  var listArithmeticNoted = false
  /// Most loop iterations plus train steps per run; nil for no limit.
  public var stepBudget: Int? {
    didSet { counter.pointee.limit = stepBudget ?? Int.max }
  }
  /// Deepest call nesting before "recursion too deep".
  public var maxCallDepth = 1000
  /// Largest number of elements in one vector or matrix.
  public var maxTensorElements = 50_000_000
  /// Most output one run may write, in bytes (nil: no limit). Notebooks
  /// set it so a runaway print loop cannot fill a cell with megabytes.
  public var maxOutputBytes: Int?
  /// Bytes written by the current run.
  var outputBytes = 0
  /// The folder `load` reads relative to (the script's or notebook's).
  public var baseDirectory: String = "."
  /// Folders `load` may read below (symlinks resolved); nil reads anywhere.
  /// A notebook sets its own folder, plus any `--allow-read PATH`.
  public var readableRoots: [String]?
  /// Whether `plot ... to` may replace a file descent did not write (`--force`).
  public var allowOverwrite = false
  /// Whether `plot ... to` may write files at all; the fuzzers turn it off
  /// so generated programs cannot scatter SVG files over the disk.
  public var allowsFileWrites = true
  /// Whether loops over numbers run on registers (`RegisterLoop`). Always
  /// on in use; tests turn it off to check both ways give the same results.
  public var registerLoops = true
  /// Set from another thread or a signal handler (Ctrl-C): every loop and
  /// train step checks it and stops cleanly.
  public let interrupt = InterruptFlag()
  public var output: OutputSink

  // MARK: State
  /// Session variables; compiled code holds their slots' addresses.
  let globals = GlobalStore()
  /// What a watcher on another thread may sample of the running session.
  public let monitor = RunMonitor()
  /// Loop iterations and train steps counted against the budget this run.
  /// (The monitor's, kept here too so hot code loads it in one step.)
  let counter: UnsafeMutablePointer<StepCounter>
  var steps: Int {
    get { counter.pointee.steps }
    set { counter.pointee.steps = newValue }
  }
  var callDepth = 0
  var random = SeededRandom(seed: 0)
  /// numpy's generator, for `np.random` (`np.random.seed(n)` resets it).
  var numpyRandom = NumpyRandomState(seed: 0)
  /// The domain runtime: the last training, the focus, the live view of a
  /// `train`; every domain statement goes through it.
  public private(set) lazy var domain = DomainRuntime(session: self)
  /// The last `derivative` or `gradient`, for `show graph` (Autodiff/).
  var derivatives = DerivativeRecord()

  public init(output: OutputSink) {
    self.output = output
    counter = monitor.counter
  }

  /// The session's variables and their values, in the order first named.
  public var variables: [(name: String, value: Value)] { globals.variables }

  /// A variable's value, if it is set.
  ///
  /// A numpy array reads as its tensor: the domain statements (`train`,
  /// `plot`) take `weights = np.array([...])` as they take a vector.
  public func value(of name: String) -> Value? {
    globals.existingSlot(name)?.pointee?.withoutArray.0
  }

  /// A variable's value as stored: a numpy array stays one (`value(of:)`
  /// gives Descent's tensor).
  func storedValue(of name: String) -> Value? {
    globals.existingSlot(name)?.pointee
  }

  /// Sets a variable, as an assignment at the prompt would.
  public func setValue(_ value: Value, for name: String) {
    globals.slot(name).pointee = value
  }

  /// Forgets every variable and the last training; settings stay.
  public func reset() {
    globals.clear()
    domain.reset()
    digits = .shortest
    pythonSpelling = false
    random = SeededRandom(seed: 0)
    numpyRandom = NumpyRandomState(seed: 0)
  }

  // MARK: Running

  /// Whether more lines could still finish `text`, so a prompt should ask
  /// for another line rather than report an error: it stops inside an open
  /// block or bracket (a trailing operator inside brackets included), or
  /// after a `\` line continuation. Anything else that does not parse, such
  /// as `x =` or `x++`, can never be finished and is reported at once, as
  /// Python's REPL does. Every prompt (REPL, kernel) asks here, so this is
  /// the one place the decision is made.
  public static func isIncomplete(_ text: String) -> Bool {
    let parsed = Parser.parse(text)
    return parsed.endedEarly || parsed.endsWithContinuation
  }

  /// Parses, checks and runs a source. Expression statements at the top
  /// level print their value when `echo` is set (the REPL's behaviour); with
  /// `echoLast`, only the last statement does, when it is an expression (a
  /// notebook cell's, as Jupyter and IPython show it).
  @discardableResult
  public func run(_ source: Source, echo: Bool = false, echoLast: Bool = false) -> RunResult {
    lineOffset = source.lineOffset
    runningSource = source
    let parsed = Parser.parse(source.text, lineOffset: source.lineOffset, namesInUse: wordsInUseAsNames)
    var diagnostics = parsed.diagnostics + Resolver.check(parsed.statements)
    guard diagnostics.isEmpty else {
      return RunResult(diagnostics: diagnostics, endedEarly: parsed.endedEarly)
    }
    if parsed.usesPythonForms { pythonSpelling = true }
    runningSourceBytes = Array(source.text.utf8)
    let compiler = Compiler(session: self, sourceBytes: runningSourceBytes)
    let code = compiler.compileTopLevel(parsed.statements, echo: echo, echoLast: echoLast)
    let frame = Frame(localCount: 0)
    steps = 0
    outputBytes = 0
    callDepth = 0
    // The flag is cleared when a run ends, not when it starts, so a Ctrl-C
    // pressed between Enter and the start of the run still stops it.
    defer { interrupt.reset() }
    do {
      for statement in code {
        _ = try statement(frame)
      }
    } catch let diagnostic as Diagnostic {
      diagnostics.append(diagnostic)
    } catch {
      diagnostics.append(
        Diagnostic("internal error: \(error)", at: parsed.statements.first?.range ?? Session.nowhere))
    }
    diagnostics.append(contentsOf: warnings)
    warnings.removeAll()
    return RunResult(diagnostics: diagnostics, endedEarly: false)
  }

  /// Writes output, counting it against `maxOutputBytes`.
  func emit(_ text: String) throws {
    try count(text)
    output.write(text)
  }

  /// Writes a table, counting its text against `maxOutputBytes`.
  func emit(_ table: OutputTable) throws {
    try count(table.text)
    output.writeTable(table)
  }

  /// Writes an echoed value, counting it against `maxOutputBytes`.
  func emitValue(_ text: String) throws {
    try count(text)
    output.writeValue(text)
  }

  /// Counts output against `maxOutputBytes`; throws once it is over.
  private func count(_ text: String) throws {
    outputBytes += text.utf8.count
    if let limit = maxOutputBytes, outputBytes > limit {
      throw Diagnostic(
        "output limit of \(limit) bytes reached; the rest of the run is stopped",
        at: currentRange, notes: ["print less (every 100th step, say), or raise the limit"])
    }
  }

  /// The running source's line offset, for line numbers in messages.
  var lineOffset = 0

  /// The source being run, for messages shown later (an `explore` frame's).
  var runningSource: Source?
  /// The running source's bytes, for messages that quote the code.
  var runningSourceBytes: [UInt8] = []

  /// Descent's reserved words that the session holds as variables (`true
  /// = [1, 0]` in an earlier input): they stay names in later inputs.
  var wordsInUseAsNames: Set<String> {
    Set(["true", "false", "repeat", "digits"].filter { value(of: $0) != nil })
  }

  /// Where the running statement is, for errors raised outside it.
  var currentRange = Session.nowhere

  /// Warnings raised while running (divergence); reported after the run.
  var warnings: [Diagnostic] = []

  static let nowhere = SourceRange(
    SourceLocation(line: 1, column: 1, offset: 0), SourceLocation(line: 1, column: 1, offset: 0))

  // MARK: Limits

  /// Counts one loop iteration or train step and stops the run when the
  /// budget is spent or Ctrl-C was pressed.
  @inline(__always)
  func tick(_ range: SourceRange) throws {
    if StepCounter.countStep(counter, interrupt: interrupt.handle) { throw stopped(at: range) }
  }

  /// Why a loop had to stop: Ctrl-C or the budget.
  func stopped(at range: SourceRange) -> Diagnostic {
    interrupt.isRaised ? interrupted(at: range) : budgetSpent(at: range)
  }

  func interrupted(at range: SourceRange) -> Diagnostic {
    // `tick` counted the round it then refused to start.
    Diagnostic(
      "interrupted at line \(range.start.line + lineOffset) after \(max(0, steps - 1)) steps; variables keep their values",
      at: range, phase: .interrupt)
  }

  func budgetSpent(at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "step budget of \(stepBudget ?? 0) spent at line \(range.start.line + lineOffset); the variables keep their values",
      at: range,
      notes: ["a loop that never ends? A larger budget: a cell option budget=N or --budget N"])
  }
}

/// The local variables of one function call (empty at the top level).
final class Frame {
  var locals: [Value?]
  var returnValue: Value = .none
  init(localCount: Int) {
    locals = Array(repeating: nil, count: localCount)
  }
}

/// How a statement ended: normally, or by `break`, `continue`, `return`.
enum Flow {
  case normal, breakLoop, continueLoop, returned
}

typealias Code = (Frame) throws -> Value
typealias StmtCode = (Frame) throws -> Flow
