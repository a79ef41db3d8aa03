import DescentPlot
import Foundation

/// What a renderer shows for one cell: its code, its output and figures,
/// from a fresh run or from what the notebook stores.
public struct CellContent: Sendable {
  /// One figure: its SVG, or the path of a linked file that could not be read.
  public enum Figure: Sendable, Equatable {
    case svg(String)
    case missing(String)
  }

  public var cell: Cell
  /// The output text ("" for none), each line ending in "\n".
  public var output: String
  public var figures: [Figure]
  /// True when the output is from this run (or stored), false for a skipped cell with nothing stored.
  public var ran: Bool
  /// Every frame of the cell's `explore`s, from a run that made them.
  public var explorations: [RenderedExploration] = []

  /// The content of every cell: fresh where `results` has a run cell, the
  /// stored output and figure files otherwise.
  public static func contents(
    of notebook: Notebook, results: [CellResult]? = nil, renderer: SVGRenderer = SVGRenderer()
  ) -> [CellContent] {
    let byNumber = Dictionary((results ?? []).map { ($0.cell.number, $0) }, uniquingKeysWith: { a, _ in a })
    return notebook.cells.map { cell in
      if let result = byNumber[cell.number], result.status == .ran {
        return CellContent(
          cell: cell, output: result.output, figures: result.charts.map { .svg(renderer.render($0)) }, ran: true,
          explorations: result.explorations)
      }
      let figures = cell.figureLinks.map { url -> Figure in
        let path = notebook.directory + "/" + FigureNaming.relativePath(ofURL: url)
        guard let data = FileManager.default.contents(atPath: path), let svg = String(data: data, encoding: .utf8)
        else { return .missing(path) }
        return .svg(svg)
      }
      return CellContent(
        cell: cell, output: cell.storedOutput?.text ?? "", figures: figures,
        ran: !cell.options.skip || cell.storedOutput != nil)
    }
  }
}
