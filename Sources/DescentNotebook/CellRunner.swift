import DescentLanguage
import DescentPlot
import Foundation

/// What running one cell did.
public struct CellResult: Sendable {
  /// How the cell ended.
  public enum Status: Sendable, Equatable {
    /// Ran to the end (or failed as `expect-error` asked).
    case ran
    /// Stopped with an error it was not expected to have.
    case failed
    /// Marked `expect-error` but ran without one.
    case unexpectedSuccess
    /// Marked `skip`.
    case skipped
    /// Not run because an earlier cell failed.
    case notRun
  }

  public var cell: Cell
  public var status: Status
  /// The text to store in the output block: what the cell printed, its
  /// warnings, and for `expect-error` cells the error; "" or ending in "\n".
  public var output: String
  public var charts: [Chart]
  /// Errors and warnings, to show with the notebook's own path.
  public var diagnostics: [Diagnostic]
  /// Every frame of the cell's `explore`s, when the run was asked for them.
  public var explorations: [RenderedExploration] = []

  /// The error that failed the cell, if any.
  public var error: Diagnostic? { diagnostics.first { $0.severity == .error } }
}

/// Settings given on the command line; they win over the front matter,
/// and cell options win over them.
public struct RunSettings: Sendable {
  public var budget: Int?
  public var digits: DigitsMode?
  /// Folders `load` may read besides the notebook's own (`--allow-read`).
  public var allowRead: [String]
  /// Whether `plot ... to` may replace files descent did not write (`--force`).
  public var allowOverwrite: Bool
  /// Whether every frame of an `explore` is run, for a rendered page.
  public var exploreFrames = false

  /// Creates settings.
  public init(
    budget: Int? = nil, digits: DigitsMode? = nil, allowRead: [String] = [], allowOverwrite: Bool = false,
    exploreFrames: Bool = false
  ) {
    self.budget = budget
    self.digits = digits
    self.allowRead = allowRead
    self.allowOverwrite = allowOverwrite
    self.exploreFrames = exploreFrames
  }
}

/// Runs a notebook's cells in order in one session.
public struct CellRunner {
  /// The default step budget per cell in a notebook (LANGUAGE.md).
  public static let defaultBudget = 10_000_000

  public let notebook: Notebook
  /// The session all cells share; exposed so a caller can wire Ctrl-C to it.
  public let session: Session
  private let sink: CellSink
  private let settings: RunSettings
  /// Runs every frame of an `explore` (`settings.exploreFrames`).
  private let collector: ExploreCollector?

  /// Prepares a run; `live` receives output as it is printed.
  public init(notebook: Notebook, settings: RunSettings = RunSettings(), live: OutputSink? = nil) {
    self.notebook = notebook
    self.settings = settings
    self.sink = CellSink(live: live)
    self.session = Session(output: sink)
    session.baseDirectory = notebook.directory
    session.readableRoots = [notebook.directory] + settings.allowRead
    session.allowOverwrite = settings.allowOverwrite
    session.digits = settings.digits ?? notebook.frontMatter.digits ?? .shortest
    collector = settings.exploreFrames ? ExploreCollector(sink: sink) : nil
    session.domain.explorer = collector
  }

  /// Runs every cell; after a failing cell the rest are `notRun`.
  /// `willRun` is called before each cell, `didRun` after it.
  public func run(
    willRun: (Cell) -> Void = { _ in }, didRun: (CellResult) -> Void = { _ in }
  ) -> [CellResult] {
    var results: [CellResult] = []
    var stopped = false
    for cell in notebook.cells {
      if stopped || cell.options.skip {
        let result = CellResult(
          cell: cell, status: stopped ? .notRun : .skipped, output: "", charts: [], diagnostics: [])
        results.append(result)
        didRun(result)
        continue
      }
      willRun(cell)
      let result = run(cell)
      if result.status == .failed || result.status == .unexpectedSuccess { stopped = true }
      results.append(result)
      didRun(result)
    }
    return results
  }

  /// Runs one cell with its options in force.
  private func run(_ cell: Cell) -> CellResult {
    sink.clear()
    collector?.explorations = []
    session.stepBudget =
      cell.options.budget ?? settings.budget ?? notebook.frontMatter.budget ?? Self.defaultBudget
    let savedDigits = session.digits
    if let digits = cell.options.digits { session.digits = digits }
    // A cell's last expression shows its value, as in Jupyter, so a lesson
    // saved from the prompt (`weight` alone in a cell) replays as typed.
    let result = session.run(cell.source(name: notebook.path), echoLast: true)
    // A `digits` cell option is for that cell; a `digits 12` statement stays.
    if cell.options.digits != nil { session.digits = savedDigits }

    // Stored diagnostics name the file only, so the stored text does not
    // depend on the folder a run started from.
    let storedSource = cell.source(name: notebook.fileName)
    var output = sink.text
    if !output.isEmpty && !output.hasSuffix("\n") { output += "\n" }
    let error = result.diagnostics.first { $0.severity == .error }
    for diagnostic in result.diagnostics where diagnostic.severity == .warning {
      output += diagnostic.render(source: storedSource) + "\n"
    }
    let status: CellResult.Status
    switch (error, cell.options.expectError) {
    case (let error?, true):
      output += error.render(source: storedSource) + "\n"
      status = .ran
    case (nil, true): status = .unexpectedSuccess
    case (.some, false): status = .failed
    case (nil, false): status = .ran
    }
    return CellResult(
      cell: cell, status: status, output: output, charts: sink.charts, diagnostics: result.diagnostics,
      explorations: collector?.explorations ?? [])
  }
}
