import CMark

#if canImport(Glibc)
  import Glibc
#endif

/// A fenced code block as cmark-gfm saw it, with its lines in the file.
struct FencedBlock: Sendable {
  /// The whole info string: "descent hide".
  var info: String
  /// The code, with container indentation already removed by cmark.
  var literal: String
  /// Lines of the opening and closing fence (1-based, fences included).
  var startLine: Int
  var endLine: Int
  /// 1-based byte column of the opening fence.
  var startColumn: Int
  var fenceCharacter: UInt8
  var fenceLength: Int
}

/// A paragraph holding only figure images, `![…](NAME.figures/cell-3-1.svg)`.
struct FigureParagraph: Sendable {
  var urls: [String]
  var startLine: Int
  var endLine: Int
}

/// A `descent` cell found by cmark, with the output block and figure lines
/// that directly follow it (blank lines between are allowed).
struct ScannedCell: Sendable {
  var block: FencedBlock
  var output: FencedBlock?
  var figures: FigureParagraph?
}

/// A markdown text parsed by cmark-gfm with source positions and the GFM
/// table extension. Owns the cmark tree, so it is a class that frees it.
final class MarkdownDocument {
  private let parser: OpaquePointer
  private let root: OpaquePointer

  /// Parses `text`; nil only if cmark cannot allocate.
  init?(_ text: String) {
    cmark_gfm_core_extensions_ensure_registered()
    guard let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE) else { return nil }
    for name in ["table", "strikethrough"] {
      if let extensionPointer = cmark_find_syntax_extension(name) {
        cmark_parser_attach_syntax_extension(parser, extensionPointer)
      }
    }
    var text = text
    text.withUTF8 { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
      }
    }
    guard let root = cmark_parser_finish(parser) else {
      cmark_parser_free(parser)
      return nil
    }
    self.parser = parser
    self.root = root
  }

  deinit {
    cmark_node_free(root)
    cmark_parser_free(parser)
  }

  // MARK: - Cells

  /// The `descent` cells in document order, each with its attachments.
  func cells() -> [ScannedCell] {
    cellNodes().map { node in
      let (output, figures) = attachments(of: node)
      return ScannedCell(
        block: Self.fencedBlock(node), output: output.map(Self.fencedBlock),
        figures: figures.flatMap(Self.figureParagraph))
    }
  }

  /// The text of the first heading, for a title.
  func firstHeading() -> String? {
    let heading = nodes().first { cmark_node_get_type($0) == CMARK_NODE_HEADING }
    guard let heading else { return nil }
    var text = ""
    var child = cmark_node_first_child(heading)
    while let node = child {
      text += Self.plainText(node)
      child = cmark_node_next(node)
    }
    return text.isEmpty ? nil : text
  }

  // MARK: - HTML

  /// The document as HTML, each cell (with its output and figure lines)
  /// replaced by the HTML `cellHTML` gives for its index. This consumes the
  /// tree's cells: call it once.
  func renderHTML(cellHTML: (Int) -> String) -> String {
    for (index, node) in cellNodes().enumerated() {
      let (output, figures) = attachments(of: node)
      if let replacement = cmark_node_new(CMARK_NODE_HTML_BLOCK) {
        cmark_node_set_literal(replacement, cellHTML(index))
        cmark_node_insert_before(node, replacement)
      }
      for old in [node, output, figures].compactMap({ $0 }) {
        cmark_node_unlink(old)
        cmark_node_free(old)
      }
    }
    guard let html = cmark_render_html(root, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser))
    else { return "" }
    defer { free(html) }
    return String(cString: html)
  }

  // MARK: - Walking the tree

  private func nodes() -> [OpaquePointer] {
    guard let iterator = cmark_iter_new(root) else { return [] }
    defer { cmark_iter_free(iterator) }
    var result: [OpaquePointer] = []
    while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
      if cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
        result.append(node)
      }
    }
    return result
  }

  private func cellNodes() -> [OpaquePointer] {
    nodes().filter { Self.isFenced($0, firstWord: "descent") }
  }

  /// The output block and the figure paragraph that follow a cell node.
  private func attachments(of cell: OpaquePointer) -> (OpaquePointer?, OpaquePointer?) {
    var output: OpaquePointer?
    var next = cmark_node_next(cell)
    if let candidate = next, Self.isFenced(candidate, firstWord: "output") {
      output = candidate
      next = cmark_node_next(candidate)
    }
    if let candidate = next, Self.figureParagraph(candidate) != nil {
      return (output, candidate)
    }
    return (output, nil)
  }

  private static func isFenced(_ node: OpaquePointer, firstWord: String) -> Bool {
    guard cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK else { return false }
    var length: Int32 = 0
    var offset: Int32 = 0
    var character: CChar = 0
    guard cmark_node_get_fenced(node, &length, &offset, &character) != 0 else { return false }
    return infoWords(node).first.map(String.init) == firstWord
  }

  private static func infoWords(_ node: OpaquePointer) -> [Substring] {
    let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
    return info.split(whereSeparator: { $0 == " " || $0 == "\t" })
  }

  private static func fencedBlock(_ node: OpaquePointer) -> FencedBlock {
    var length: Int32 = 0
    var offset: Int32 = 0
    var character: CChar = 0
    cmark_node_get_fenced(node, &length, &offset, &character)
    return FencedBlock(
      info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "",
      literal: cmark_node_get_literal(node).map { String(cString: $0) } ?? "",
      startLine: Int(cmark_node_get_start_line(node)),
      endLine: Int(cmark_node_get_end_line(node)),
      startColumn: Int(cmark_node_get_start_column(node)),
      fenceCharacter: UInt8(bitPattern: character),
      fenceLength: Int(length))
  }

  /// The figure paragraph a node is, if it holds only figure images.
  private static func figureParagraph(_ node: OpaquePointer) -> FigureParagraph? {
    guard cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH else { return nil }
    var urls: [String] = []
    var child = cmark_node_first_child(node)
    while let current = child {
      let type = cmark_node_get_type(current)
      if type == CMARK_NODE_IMAGE {
        let url = cmark_node_get_url(current).map { String(cString: $0) } ?? ""
        guard FigureNaming.isFigureURL(url) else { return nil }
        urls.append(url)
      } else if type == CMARK_NODE_TEXT {
        let literal = cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
        guard literal.allSatisfy({ $0 == " " || $0 == "\t" }) else { return nil }
      } else if type != CMARK_NODE_SOFTBREAK && type != CMARK_NODE_LINEBREAK {
        return nil
      }
      child = cmark_node_next(current)
    }
    guard !urls.isEmpty else { return nil }
    return FigureParagraph(
      urls: urls, startLine: Int(cmark_node_get_start_line(node)),
      endLine: Int(cmark_node_get_end_line(node)))
  }

  private static func plainText(_ node: OpaquePointer) -> String {
    let type = cmark_node_get_type(node)
    if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
      return cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }
    if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { return " " }
    var text = ""
    var child = cmark_node_first_child(node)
    while let current = child {
      text += plainText(current)
      child = cmark_node_next(current)
    }
    return text
  }
}
