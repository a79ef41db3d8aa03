import DescentLanguage
import Yams

/// The settings a notebook declares in YAML between `---` lines at its top:
///
///     ---
///     title: Gradient descent in one weight
///     digits: 12          # or: shortest
///     tolerance: 1e-6     # relative, for `descent check`
///     budget: 1000000     # loop iterations and train steps per cell
///     ---
public struct FrontMatter: Sendable, Hashable {
  public var title: String?
  public var digits: DigitsMode?
  /// Relative tolerance for numbers in `descent check`.
  public var tolerance: Double?
  /// Step budget per cell.
  public var budget: Int?
  /// Lines the front matter occupies, both `---` lines included; 0 when there is none.
  public var lineCount = 0

  /// Creates empty front matter.
  public init() {}

  static let knownKeys = ["title", "digits", "tolerance", "budget"]

  /// Reads the front matter at the top of `lines`, if any, reporting bad
  /// values and unknown keys with their line in the file.
  static func read(_ lines: TextLines, path: String) -> (FrontMatter, [NotebookIssue]) {
    var matter = FrontMatter()
    guard lines.count >= 2, isDelimiter(lines.string(ofLine: 1), closing: false) else {
      return (matter, [])
    }
    // Without a closing line it is not front matter but a thematic break.
    guard let close = (2...lines.count).first(where: { isDelimiter(lines.string(ofLine: $0), closing: true) })
    else { return (matter, []) }
    matter.lineCount = close
    let yaml = (2..<close).map { lines.string(ofLine: $0) }.joined(separator: "\n")
    var issues: [NotebookIssue] = []
    func issue(_ message: String, _ mark: Mark?, _ severity: NotebookIssue.Severity = .error) {
      // Front matter starts on line 2 of the file, YAML marks on line 1.
      issues.append(NotebookIssue(message, path: path, line: (mark?.line ?? 0) + 1, severity: severity))
    }

    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      issue("front matter is not valid YAML: \(Self.problem(error))", Self.mark(error))
      return (matter, issues)
    } catch {
      issue("front matter is not valid YAML: \(error)", nil)
      return (matter, issues)
    }
    guard let root else { return (matter, issues) }
    guard let mapping = root.mapping else {
      issue("front matter must be `key: value` lines (title, digits, tolerance, budget)", root.mark)
      return (matter, issues)
    }
    for (keyNode, value) in mapping {
      let key = keyNode.string ?? ""
      switch key {
      case "title":
        if let title = value.string, value.scalar != nil { matter.title = title } else {
          issue("title must be text", value.mark)
        }
      case "digits":
        if value.string == "shortest" {
          matter.digits = .shortest
        } else if let n = value.int, (1...17).contains(n) {
          matter.digits = .significant(n)
        } else {
          issue("digits must be a whole number from 1 to 17 (12 prints as Python 2) or `shortest`", value.mark)
        }
      case "tolerance":
        if let x = value.float, x.isFinite, x >= 0, value.scalar != nil, value.bool == nil {
          matter.tolerance = x
        } else {
          issue("tolerance must be a number ≥ 0, such as 1e-9", value.mark)
        }
      case "budget":
        if let n = value.int, n >= 1 { matter.budget = n } else {
          issue("budget must be a whole number ≥ 1 (loop iterations and train steps per cell)", value.mark)
        }
      default:
        issue(
          "unknown front matter key '\(key)' (known: \(knownKeys.joined(separator: ", "))); it is ignored",
          keyNode.mark, .warning)
      }
    }
    return (matter, issues)
  }

  /// `---` opens front matter; `---` or `...` closes it (trailing blanks allowed).
  private static func isDelimiter(_ line: String, closing: Bool) -> Bool {
    var text = Substring(line)
    while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
    return text == "---" || (closing && text == "...")
  }

  private static func problem(_ error: YamlError) -> String {
    switch error {
    case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
      return problem
    default:
      return "\(error)"
    }
  }

  private static func mark(_ error: YamlError) -> Mark? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return mark
    default:
      return nil
    }
  }
}
