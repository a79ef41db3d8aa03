import Foundation

/// Renders a notebook as one self-contained HTML page: the prose through
/// cmark-gfm (tables included), each cell as highlighted code with its
/// output and its figures as inline SVG. No network: CSS is inline, fonts
/// are the system's; the only script is the few lines that switch an
/// `explore`'s frames.
public enum HTMLRenderer {
  /// The page for a notebook and the content of its cells.
  public static func render(_ notebook: Notebook, contents: [CellContent]) -> String {
    let lines = TextLines(notebook.bytes)
    let markdown = Notebook.markdownText(lines, hidingLines: notebook.frontMatter.lineCount)
    let body =
      MarkdownDocument(markdown)?.renderHTML { index in
        index < contents.count ? cellHTML(contents[index]) : ""
      } ?? "<pre>" + HTMLEscaping.escape(markdown) + "</pre>"
    let title = notebook.title ?? FigureNaming.stem(ofNotebook: notebook.path)
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="generator" content="descent">
      <title>\(HTMLEscaping.escape(title))</title>
      <style>
      \(HTMLStyle.css)
      </style>
      </head>
      <body>
      <main>
      \(body)</main>
      \(body.contains(ExploreHTML.marker) ? ExploreHTML.script : "")</body>
      </html>

      """
  }

  /// One cell: code (unless hidden), output, figures.
  static func cellHTML(_ content: CellContent) -> String {
    let cell = content.cell
    var html = "<div class=\"cell\" id=\"cell-\(cell.number)\">\n"
    if !cell.options.hide {
      html += "<pre class=\"code\"><span class=\"label\">[\(cell.number)]</span>"
      html += "<code class=\"language-descent\">" + CodeHighlighter.html(trimmed(cell.code)) + "</code></pre>\n"
    }
    if cell.options.skip && content.output.isEmpty {
      html += "<p class=\"note\">not run (skip)</p>\n"
    }
    guard !content.explorations.isEmpty else {
      html += outputHTML(content.output, content.figures, content)
      if cell.options.hide && content.output.isEmpty && content.figures.isEmpty { return "" }
      return html + "</div>\n"
    }
    // The output around each explore as usual, the explore's own part as
    // its frames (the start frame's output is what the cell stored).
    let text = Array(content.output)
    var textAt = 0
    var figureAt = 0
    for (index, exploration) in content.explorations.enumerated() {
      html += outputHTML(
        String(text[textAt..<exploration.textRange.lowerBound]),
        Array(content.figures[figureAt..<exploration.figureRange.lowerBound]), content)
      html += ExploreHTML.html(exploration, id: "cell-\(cell.number)-explore-\(index + 1)")
      textAt = exploration.textRange.upperBound
      figureAt = exploration.figureRange.upperBound
    }
    html += outputHTML(String(text[textAt...]), Array(content.figures[figureAt...]), content)
    return html + "</div>\n"
  }

  /// A cell's output text and figures.
  static func outputHTML(_ output: String, _ figures: [CellContent.Figure], _ content: CellContent) -> String {
    let cell = content.cell
    var html = ""
    if !output.isEmpty {
      let kind = cell.options.expectError ? "output error" : "output"
      html += "<pre class=\"\(kind)\"><samp>" + wrappedOutputHTML(trimmed(output)) + "</samp></pre>\n"
    }
    for (index, figure) in figures.enumerated() {
      switch figure {
      case .svg(let svg):
        html += "<figure aria-label=\"cell \(cell.number) figure \(index + 1)\">" + inlineSVG(svg) + "</figure>\n"
      case .missing(let path):
        html += "<p class=\"note\">figure missing: \(HTMLEscaping.escape(path)); run descent run --update</p>\n"
      }
    }
    return html
  }

  /// A cell's output: lines of prose (a message, a printed sentence) wrap
  /// at the box's edge instead of being cut there; lines laid out in
  /// columns (a table: two spaces between cells) keep their layout and
  /// scroll sideways as a whole.
  static func wrappedOutputHTML(_ output: String) -> String {
    output.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      let escaped = HTMLEscaping.escape(String(line))
      return line.drop { $0 == " " }.contains("  ") ? "<span class=\"columns\">" + escaped + "</span>" : escaped
    }.joined(separator: "\n")
  }

  /// An SVG document made fit for inlining: no XML prolog, and no XML
  /// namespace attribute (HTML parsers put `<svg>` in it anyway).
  public static func inlineSVG(_ svg: String) -> String {
    var text = Substring(svg)
    if text.hasPrefix("<?xml"), let end = text.range(of: "?>") { text = text[end.upperBound...] }
    let cleaned = String(text).replacingOccurrences(of: " xmlns=\"http://www.w3.org/2000/svg\"", with: "")
    return cleaned.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private static func trimmed(_ text: String) -> String {
    text.hasSuffix("\n") ? String(text.dropLast()) : text
  }
}
