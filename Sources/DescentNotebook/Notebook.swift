import DescentLanguage
import Foundation

/// A cell's output as stored in the notebook: the ```` ```output ```` block
/// right after the cell.
public struct StoredOutput: Sendable, Hashable {
  /// The block's text, each line ending in "\n" (CR removed).
  public var text: String
  /// Lines of the block's fences in the file.
  public var fenceLine: Int
  public var endLine: Int
  /// The first line of the output text in the file.
  public var firstLine: Int { fenceLine + 1 }
}

/// One ```` ```descent ```` cell of a notebook.
public struct Cell: Sendable {
  /// 1-based position among the notebook's descent cells (skipped ones included).
  public var number: Int
  public var code: String
  public var options: CellOptions
  /// Lines of the opening and closing fence in the file.
  public var fenceLine: Int
  public var closingLine: Int
  public var storedOutput: StoredOutput?
  /// Figure image URLs written after the output, as written.
  public var figureLinks: [String]
  /// The last line that belongs to the cell (closing fence, output block or
  /// figure lines): an update replaces the lines after `closingLine` up to here.
  var lastLine: Int
  /// What generated lines start with so they stay inside the cell's list
  /// item or block quote: the opening fence's prefix with markers blanked.
  var indent: String

  /// The cell's code as a source whose lines are the markdown file's lines.
  public func source(name: String) -> Source {
    Source(name: name, text: code, lineOffset: fenceLine)
  }
}

/// A markdown notebook: its original bytes, front matter and cells.
///
/// Parsing never fails: problems (bad front matter, unknown cell options,
/// an unclosed fence) become `issues` with the line they are on.
public struct Notebook: Sendable {
  /// The path as the user gave it.
  public var path: String
  /// The file exactly as read, for rewriting it byte for byte.
  public var bytes: [UInt8]
  public var frontMatter: FrontMatter
  public var cells: [Cell]
  /// From the front matter, else the first heading.
  public var title: String?
  public var issues: [NotebookIssue]

  /// Whether an issue is bad enough that the notebook must not run.
  public var hasErrors: Bool { issues.contains { $0.severity == .error } }
  /// The folder the notebook is in (for `load` and figures).
  public var directory: String {
    let folder = (path as NSString).deletingLastPathComponent
    return folder.isEmpty ? "." : folder
  }
  /// The notebook's file name, used in stored diagnostics so they do not
  /// depend on the directory a run started from.
  public var fileName: String { (path as NSString).lastPathComponent }

  /// Reads and parses a notebook file.
  public static func read(path: String) throws(NotebookIssue) -> Notebook {
    guard let data = FileManager.default.contents(atPath: path) else {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      throw NotebookIssue(exists ? (isDirectory.boolValue ? "is a directory" : "cannot be read") : "no such file", path: path)
    }
    return Notebook(bytes: [UInt8](data), path: path)
  }

  /// Parses a notebook's bytes.
  public init(bytes: [UInt8], path: String) {
    self.path = path
    self.bytes = bytes
    self.frontMatter = FrontMatter()
    self.cells = []
    self.issues = []
    guard String(validating: bytes, as: UTF8.self) != nil else {
      issues.append(NotebookIssue("not UTF-8 text", path: path))
      return
    }
    let lines = TextLines(bytes)
    let (matter, matterIssues) = FrontMatter.read(lines, path: path)
    frontMatter = matter
    issues += matterIssues
    guard let document = MarkdownDocument(Self.markdownText(lines, hidingLines: matter.lineCount)) else {
      issues.append(NotebookIssue("cmark-gfm could not parse the file", path: path))
      return
    }
    title = matter.title ?? document.firstHeading()
    for (index, scanned) in document.cells().enumerated() {
      cells.append(makeCell(number: index + 1, scanned, lines))
    }
  }

  /// The text cmark sees: front matter lines emptied but kept, so line
  /// numbers stay those of the file and cmark never reads YAML as prose.
  static func markdownText(_ lines: TextLines, hidingLines hidden: Int) -> String {
    guard hidden > 0 else { return String(decoding: lines.bytes, as: UTF8.self) }
    var bytes: [UInt8] = []
    for line in 1...hidden {
      let whole = lines.range(ofLine: line)
      bytes += lines.bytes[(whole.lowerBound + lines.content(ofLine: line).count)..<whole.upperBound]
    }
    bytes += lines.bytes[lines.offset(ofLine: hidden + 1)...]
    return String(decoding: bytes, as: UTF8.self)
  }

  private mutating func makeCell(number: Int, _ scanned: ScannedCell, _ lines: TextLines) -> Cell {
    let block = scanned.block
    let words = block.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst()
    let (options, problems) = CellOptions.parse(Array(words))
    for problem in problems {
      issues.append(NotebookIssue(problem, path: path, line: block.startLine))
    }
    if !Self.isClosed(block, lines) {
      issues.append(
        NotebookIssue(
          "the descent cell opened here is never closed (a line of \(block.fenceLength) or more "
            + "'\(Character(Unicode.Scalar(block.fenceCharacter)))' ends it)", path: path, line: block.startLine))
    }
    let output = scanned.output.map {
      StoredOutput(text: Self.withoutCR($0.literal), fenceLine: $0.startLine, endLine: $0.endLine)
    }
    let prefix = lines.content(ofLine: block.startLine).prefix(max(0, block.startColumn - 1))
    // Keep block-quote markers and tabs; list markers and digits become spaces.
    let indent = String(
      decoding: prefix.map { $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\t") ? $0 : UInt8(ascii: " ") },
      as: UTF8.self)
    return Cell(
      number: number, code: Self.withoutCR(block.literal), options: options,
      fenceLine: block.startLine, closingLine: block.endLine, storedOutput: output,
      figureLinks: scanned.figures?.urls ?? [],
      lastLine: scanned.figures?.endLine ?? scanned.output?.endLine ?? block.endLine, indent: indent)
  }

  /// Whether a fenced block ends with a closing fence rather than with the
  /// end of its container (cmark reports both the same way).
  private static func isClosed(_ block: FencedBlock, _ lines: TextLines) -> Bool {
    guard block.endLine > block.startLine else { return false }
    let line = lines.content(ofLine: block.endLine).drop {
      $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ">")
    }
    let fence = line.prefix { $0 == block.fenceCharacter }
    let rest = line.dropFirst(fence.count)
    return fence.count >= block.fenceLength
      && rest.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
  }

  private static func withoutCR(_ text: String) -> String {
    text.contains("\r") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
  }
}
