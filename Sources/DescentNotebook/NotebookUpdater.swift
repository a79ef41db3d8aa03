import DescentPlot
import Foundation

/// Writes a run's outputs and figures into the notebook (`descent run
/// --update`): under the notebook's lock, figures first, then the notebook
/// by atomic rename, then stale figures removed.
public enum NotebookUpdater {
  /// What an update changed.
  public struct Summary: Sendable {
    /// Whether the notebook file's bytes changed.
    public var notebookChanged: Bool
    public var figuresWritten: Int
    public var figuresRemoved: Int
  }

  /// Writes outputs and figures; the results must come from a run with no
  /// failed cell. Throws a message for the user.
  public static func update(
    _ notebook: Notebook, results: [CellResult], lockTimeout: Double = 10,
    renderer: SVGRenderer = SVGRenderer()
  ) throws(NotebookIssue) -> Summary {
    guard let lock = FileLock(for: notebook.path, timeout: lockTimeout) else {
      throw NotebookIssue(
        "another `descent run --update` is writing this notebook (lock \(FileLock.lockPath(for: notebook.path))); try again when it has finished",
        path: notebook.path)
    }
    defer { lock.release() }
    AtomicFile.removeStaleTemporaries(for: notebook.path)

    // Re-read under the lock: the file may have changed since it was parsed.
    let current = try Notebook.read(path: notebook.path)
    guard current.bytes == notebook.bytes else {
      throw NotebookIssue("the notebook changed while its cells ran; run again", path: notebook.path)
    }

    let folder = notebook.directory + "/" + FigureNaming.folderName(forNotebook: notebook.path)
    var keep: Set<String> = []
    var written = 0
    for result in results {
      switch result.status {
      case .ran:
        for (index, chart) in result.charts.enumerated() {
          let name = FigureNaming.fileName(forNotebook: notebook.path, cell: result.cell.number, figure: index + 1)
          keep.insert(name)
          let svg = Array(renderer.render(chart).utf8)
          let path = folder + "/" + name
          if FileManager.default.contents(atPath: path).map({ [UInt8]($0) }) == svg { continue }
          do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try AtomicFile.write(svg, to: path)
          } catch {
            throw NotebookIssue("cannot write figure \(path): \(error)", path: notebook.path)
          }
          written += 1
        }
      default:
        // A skipped cell keeps its stored figures.
        for url in result.cell.figureLinks {
          keep.insert((FigureNaming.relativePath(ofURL: url) as NSString).lastPathComponent)
        }
      }
    }

    let bytes = OutputWriter.updatedBytes(notebook, results: results)
    let changed = bytes != notebook.bytes
    if changed {
      do { try AtomicFile.write(bytes, to: notebook.path) } catch {
        throw NotebookIssue(error.description, path: notebook.path)
      }
    }

    var removed = 0
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names where FigureNaming.isFigureFileName(name) && !keep.contains(name) {
      if (try? FileManager.default.removeItem(atPath: folder + "/" + name)) != nil { removed += 1 }
    }
    if keep.isEmpty, (try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty == true {
      try? FileManager.default.removeItem(atPath: folder)
    }
    return Summary(notebookChanged: changed, figuresWritten: written, figuresRemoved: removed)
  }
}
