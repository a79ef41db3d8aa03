import Foundation

/// The language reference (`Grammar/reference.md`) as help topics, for the
/// REPL's `:help train`. The reference is the one text: `descent check
/// Grammar` runs its examples, and the help prints its paragraphs, so the
/// two cannot disagree.
public struct LanguageReference: Sendable {
  /// A piece of a section: prose, or a code cell with what it printed.
  enum Block: Equatable, Sendable {
    case prose(String)
    case code(String)
    case output(String)
  }

  /// A `##` section: its heading and its blocks in order.
  struct Section: Sendable {
    var title: String
    var blocks: [Block]
  }

  let sections: [Section]

  /// The reference read from its markdown text.
  public init(markdown: String) {
    sections = Self.sections(of: markdown)
  }

  /// The file name, at the top of the lessons the binary carries (the
  /// EmbedLessons plugin embeds `Grammar/reference.md` there).
  public static let fileName = "reference.md"

  /// The reference that ships with descent, or nil when it is missing.
  public static func shipped() -> LanguageReference? {
    guard let directory = LessonLibrary.directory,
      let text = try? String(contentsOfFile: directory + "/" + fileName, encoding: .utf8)
    else { return nil }
    return LanguageReference(markdown: text)
  }

  // MARK: - Looking up

  /// The help for a word: the section it names (`train`, `digits`, or a
  /// heading's word such as `plots`), else every paragraph that names it in
  /// code (`momentum`, `quiet`) with the example that follows it. Nil when
  /// the reference does not mention it.
  public func help(for topic: String) -> String? {
    let word = topic.trimmingCharacters(in: .whitespaces)
    guard !word.isEmpty else { return nil }
    if let section = sections.first(where: { Self.names(word, heading: $0.title) }) {
      return Self.render(section.title, section.blocks)
    }
    var parts: [String] = []
    for section in sections {
      let blocks = section.blocks
      var chosen: [Block] = []
      for (index, block) in blocks.enumerated() {
        guard case .prose(let text) = block, Self.codeSpans(in: text).contains(where: { Self.words(of: $0).contains(word) })
        else { continue }
        chosen.append(block)
        // The example right after the paragraph, and what it printed.
        if index + 1 < blocks.count, case .code = blocks[index + 1] {
          chosen.append(blocks[index + 1])
          if index + 2 < blocks.count, case .output = blocks[index + 2] { chosen.append(blocks[index + 2]) }
        }
      }
      if !chosen.isEmpty { parts.append(Self.render(section.title, Self.unique(chosen))) }
    }
    return parts.isEmpty ? nil : parts.joined(separator: "\n")
  }

  /// Whether a heading is about `word`: it shows `word` in code, or has
  /// it as a word ("Plots" for `plot`, "Networks" for `network`). Short
  /// words are left out of the second test: `and` is a keyword with its own
  /// paragraph, not "Variables and assignment".
  static func names(_ word: String, heading: String) -> Bool {
    if codeSpans(in: heading).contains(word) { return true }
    guard word.count >= 4 else { return false }
    let headingWords = heading.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    return headingWords.contains(word.lowercased()) || headingWords.contains(word.lowercased() + "s")
  }

  // MARK: - Writing

  /// A section's blocks as terminal text: the heading, the prose as
  /// written, code indented, output under "prints:".
  static func render(_ title: String, _ blocks: [Block]) -> String {
    var text = title.replacingOccurrences(of: "`", with: "") + "\n"
    for block in blocks {
      switch block {
      case .prose(let prose): text += "\n" + prose + "\n"
      case .code(let code): text += "\n" + indented(code)
      case .output(let output): text += "  prints:\n" + indented(output)
      }
    }
    return text
  }

  static func indented(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
      + "\n"
  }

  static func unique(_ blocks: [Block]) -> [Block] {
    var seen: [Block] = []
    for block in blocks where !seen.contains(block) { seen.append(block) }
    return seen
  }

  // MARK: - Reading the markdown

  /// The text inside each `...` span.
  static func codeSpans(in text: String) -> [String] {
    text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
      .filter { $0.offset % 2 == 1 }.map { String($0.element) }
  }

  /// The name-like words of a code span (`train 20 alpha 0.1` has train
  /// and alpha).
  static func words(of code: String) -> [String] {
    code.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
  }

  /// The `##` sections, each a list of prose paragraphs (a table or an
  /// indented listing is one), code cells and outputs. Front matter,
  /// the title, figures and the text before the first `##` are left out.
  static func sections(of markdown: String) -> [Section] {
    var sections: [Section] = []
    var paragraph: [String] = []
    var fence: (marker: String, info: String, lines: [String])?
    func endParagraph() {
      let text = paragraph.joined(separator: "\n").trimmingCharacters(in: .newlines)
      paragraph = []
      guard !text.isEmpty, !sections.isEmpty, !text.hasPrefix("![") else { return }
      sections[sections.count - 1].blocks.append(.prose(text))
    }
    var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") {
      lines.removeSubrange(0...end)
    }
    for line in lines {
      if var open = fence {
        if line.hasPrefix(open.marker) && line.trimmingCharacters(in: .whitespaces) == open.marker {
          let body = open.lines.joined(separator: "\n")
          if !sections.isEmpty {
            let kind = open.info.split(separator: " ").first.map(String.init)
            if kind == "descent" { sections[sections.count - 1].blocks.append(.code(body)) }
            if kind == "output" { sections[sections.count - 1].blocks.append(.output(body)) }
          }
          fence = nil
        } else {
          open.lines.append(line)
          fence = open
        }
        continue
      }
      if line.hasPrefix("```") {
        endParagraph()
        let marker = String(line.prefix { $0 == "`" })
        fence = (marker, String(line.dropFirst(marker.count)), [])
      } else if line.hasPrefix("## ") {
        endParagraph()
        sections.append(Section(title: String(line.dropFirst(3)), blocks: []))
      } else if line.hasPrefix("#") && !line.hasPrefix("##") {
        endParagraph()  // the page title
      } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
        endParagraph()
      } else {
        paragraph.append(line)
      }
    }
    endParagraph()
    return sections
  }
}
