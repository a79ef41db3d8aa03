import CMark
import Foundation
import Yams

/// A practice exercise: the learner rebuilds a lesson's code from memory and
/// it is graded by behaviour, not by text.
///
/// An exercise is a markdown file (`Notebooks/exercises/exNN-name.md`):
///
///     ---
///     title: The squared error
///     lesson: 2          # the lesson it practises
///     levels: 3          # highest level offered (1 to 3)
///     ---
///     The prompt, in markdown.
///
///     ```given          (optional) runs before the answer; always shown
///     ```solution       the reference; markers choose the blanks (below)
///     ```check          what must behave like the reference (below)
///
/// **Blanking rule.** A solution line ending in the comment `#1` is blanked
/// from level 1 up, one ending in `#2` from level 2 up; level 3 shows no
/// solution code at all (the prompt and the given code only). A blanked
/// assignment keeps its target (`error = ___`); any other line becomes
/// `___` at its indentation. The markers never reach the learner or the
/// run.
///
/// **Checks**, one per line of the ```` ```check ```` block:
///
///     variables: error, weight   compare these with the reference's values
///     output                     compare printed lines (the default is on)
///     no output                  printed lines are free
///     case: weight = 0.3; goal = 0.9   run again with these starting values
///     tolerance: 1e-6            relative tolerance for numbers
///
/// Each `case:` replaces the given code: the case's statements run, then
/// the learner's answer, then the same for the reference, and the two must
/// agree, so an answer that prints memorised numbers fails.
public struct Exercise: Sendable {
  /// The file name without `.md`: `ex02-compare`.
  public var name: String
  public var path: String
  public var title: String
  public var lesson: Int?
  /// The highest level offered.
  public var levels: Int
  /// The markdown between the front matter and the first code block.
  public var prompt: String
  public var given: String
  /// The reference, markers included (see `blanked(level:)`).
  public var markedSolution: String
  public var checks: ExerciseChecks

  /// The reference solution, as the learner should see it.
  public var solution: String {
    Self.lines(markedSolution).map { Self.split($0).code }.joined(separator: "\n") + "\n"
  }

  /// Number of the exercise, from the `exNN-` in its name (for ordering).
  public var number: Int {
    Int(name.dropFirst(2).prefix { $0.isASCII && $0.isNumber }) ?? Int.max
  }

  /// The code shown at a level: the solution with blanks (levels 1–2), or
  /// nil (level 3: write it from scratch).
  public func template(level: Int) -> String? {
    guard level < 3 else { return nil }
    var out: [String] = []
    for line in Self.lines(markedSolution) {
      let (code, marker) = Self.split(line)
      guard let marker, marker <= level else {
        out.append(code)
        continue
      }
      out.append(Self.blank(code))
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// How many lines a level asks the learner to write.
  public func linesToWrite(level: Int) -> Int {
    let lines = Self.lines(markedSolution).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    guard level < 3 else { return lines.count }
    return lines.filter { (Self.split($0).marker ?? Int.max) <= level }.count
  }

  // MARK: - Blanks

  /// A line's code without its level marker, and the marker.
  static func split(_ line: Substring) -> (code: String, marker: Int?) {
    var text = line
    while text.last == " " || text.last == "\t" { text = text.dropLast() }
    for marker in 1...2 where text.hasSuffix("#\(marker)") {
      var code = text.dropLast(2)
      while code.last == " " || code.last == "\t" { code = code.dropLast() }
      return (String(code), marker)
    }
    return (String(line), nil)
  }

  /// `target = ___` for an assignment (also `+=` and friends), else `___`.
  static func blank(_ code: String) -> String {
    let indent = code.prefix { $0 == " " || $0 == "\t" }
    let body = code.dropFirst(indent.count)
    if let range = body.range(of: " = ") ?? body.range(of: " += ") ?? body.range(of: " -= ")
      ?? body.range(of: " *= ") ?? body.range(of: " /= "),
      body[..<range.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber || "_[]".contains($0) })
    {
      return indent + body[..<range.upperBound] + "___"
    }
    return indent + "___"
  }

  static func lines(_ text: String) -> [Substring] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}

/// What an exercise's answer must do like the reference.
public struct ExerciseChecks: Sendable, Hashable {
  public var variables: [String] = []
  public var output = true
  /// Starting values for the extra runs, as statements.
  public var cases: [String] = []
  public var tolerance = 1e-6
  public init() {}
}

/// Why an exercise file cannot be used.
public struct ExerciseError: Error, CustomStringConvertible {
  public var description: String
}

// MARK: - Reading

extension Exercise {
  /// Reads an exercise file.
  public static func read(path: String) throws(ExerciseError) -> Exercise {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ExerciseError(description: "\(path): cannot read the file")
    }
    return try parse(String(decoding: data, as: UTF8.self), path: path)
  }

  /// Parses an exercise's markdown text.
  public static func parse(_ text: String, path: String) throws(ExerciseError) -> Exercise {
    let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    func fail(_ message: String) -> ExerciseError { ExerciseError(description: "\(path): \(message)") }
    var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
    var meta: [String: String] = [:]
    if lines.first == "---", let close = lines.dropFirst().firstIndex(of: "---") {
      let yaml = lines[1..<close].joined(separator: "\n")
      guard let node = try? Yams.compose(yaml: yaml), let mapping = node.mapping else {
        throw fail("the front matter is not `key: value` lines")
      }
      for (key, value) in mapping { meta[key.string ?? ""] = value.string ?? "" }
      lines = Array(lines[(close + 1)...])
    }
    let body = lines.joined(separator: "\n")
    let blocks = FenceScanner.blocks(body)
    var exercise = Exercise(
      name: name, path: path, title: meta["title"] ?? name, lesson: meta["lesson"].flatMap { Int($0) },
      levels: min(3, max(1, meta["levels"].flatMap { Int($0) } ?? 3)), prompt: "", given: "",
      markedSolution: "", checks: ExerciseChecks())
    let firstFence = blocks.map(\.startLine).min() ?? (lines.count + 1)
    // The prompt is the text before the first block, without a leading
    // `# heading` (the title is shown already).
    var promptLines = Array(lines.prefix(firstFence - 1))
    while let first = promptLines.first, first.trimmingCharacters(in: .whitespaces).isEmpty {
      promptLines.removeFirst()
    }
    if let first = promptLines.first, first.hasPrefix("# ") { promptLines.removeFirst() }
    exercise.prompt = promptLines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    for block in blocks {
      switch block.info {
      case "given": exercise.given = block.literal
      case "solution": exercise.markedSolution = block.literal
      case "check": exercise.checks = try parseChecks(block.literal, fail: fail)
      default: break
      }
    }
    guard !exercise.markedSolution.isEmpty else { throw fail("no ```solution block") }
    return exercise
  }

  private static func parseChecks(_ text: String, fail: (String) -> ExerciseError) throws(ExerciseError)
    -> ExerciseChecks
  {
    var checks = ExerciseChecks()
    for raw in text.split(separator: "\n") {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line == "output" {
        checks.output = true
      } else if line == "no output" {
        checks.output = false
      } else if let rest = value(line, "variables:") {
        checks.variables = rest.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      } else if let rest = value(line, "case:") {
        // One statement a line, unindented: indentation opens blocks.
        checks.cases.append(
          rest.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n"))
      } else if let rest = value(line, "tolerance:"), let x = Double(rest), x >= 0 {
        checks.tolerance = x
      } else {
        throw fail("unknown check line '\(line)' (variables:, output, no output, case:, tolerance:)")
      }
    }
    return checks
  }

  private static func value(_ line: String, _ key: String) -> String? {
    line.hasPrefix(key) ? line.dropFirst(key.count).trimmingCharacters(in: .whitespaces) : nil
  }
}

/// The fenced code blocks of a markdown text, found by cmark-gfm (so fences
/// inside lists or longer fences are read as markdown reads them).
enum FenceScanner {
  struct Block {
    var info: String
    var literal: String
    var startLine: Int
  }

  static func blocks(_ text: String) -> [Block] {
    guard let root = cmark_parse_document(text, text.utf8.count, CMARK_OPT_SOURCEPOS) else { return [] }
    defer { cmark_node_free(root) }
    var blocks: [Block] = []
    var child = cmark_node_first_child(root)
    while let node = child {
      if cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK {
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        blocks.append(
          Block(
            info: info.split(separator: " ").first.map(String.init) ?? "",
            literal: cmark_node_get_literal(node).map { String(cString: $0) } ?? "",
            startLine: Int(cmark_node_get_start_line(node))))
      }
      child = cmark_node_next(node)
    }
    return blocks
  }
}
