import Foundation

/// The book's Python form of an exercise: the same given code and solution
/// written with colons and indentation, `print(...)`, `range(...)`,
/// `True`; grading (by behaviour) is the same, since Descent runs both.
extension Exercise {
  /// The exercise with its given code and solution in Python's form (the
  /// `#1`/`#2` blank markers stay on their lines).
  public var inPythonForm: Exercise {
    var python = self
    python.given = Exercise.pythonForm(of: given)
    python.markedSolution = Exercise.pythonForm(of: markedSolution)
    return python
  }

  /// Descent's brace code as the course's Python, line by line: `repeat N
  /// {` is `for _ in range(N):`, `for i in a..<b {` is `for i in range(a,
  /// b):`, `} else {` is `else:`, a `}` alone goes, `print x` is
  /// `print(x)`, `def f(x) = e` is `def f(x): return e`, `true` is
  /// `True`. The code's own indentation carries the blocks.
  public static func pythonForm(of code: String) -> String {
    code.split(separator: "\n", omittingEmptySubsequences: false).compactMap { raw -> String? in
      let line = String(raw)
      var body = line.drop { $0 == " " || $0 == "\t" }
      let indent = String(line.prefix(line.count - body.count))
      var marker = ""
      if let hash = body.range(of: " #", options: .backwards), body[hash.upperBound...].allSatisfy(\.isNumber),
        hash.upperBound < body.endIndex
      {
        marker = String(body[hash.lowerBound...])
        body = body[..<hash.lowerBound]
      }
      var text = String(body).trimmingCharacters(in: .whitespaces)
      if text == "}" { return nil }
      if text.hasPrefix("} ") { text = String(text.dropFirst(2)) }
      text = statement(text)
      return indent + text + marker
    }.joined(separator: "\n")
  }

  /// One line's statement in Python's form (a one-line brace block too).
  static func statement(_ text: String) -> String {
    let text = words(text)
    // `if c { stmt }` on one line: `if c: stmt`.
    if text.hasSuffix("}"), let open = text.firstIndex(of: "{") {
      let head = String(text[..<open]).trimmingCharacters(in: .whitespaces)
      let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        .trimmingCharacters(in: .whitespaces)
      return header(head) + " " + statement(inner)
    }
    if text.hasSuffix("{") {
      return header(String(text.dropLast()).trimmingCharacters(in: .whitespaces))
    }
    if text.hasPrefix("def "), let equal = text.range(of: ") = ") {
      return String(text[..<equal.lowerBound]) + "): return " + text[equal.upperBound...]
    }
    if text == "print" { return "print()" }
    if text.hasPrefix("print "), !text.hasPrefix("print (") {
      return "print(" + text.dropFirst(6) + ")"
    }
    return text
  }

  /// A block's header line with its colon: `while c` → `while c:`.
  static func header(_ head: String) -> String {
    if head.hasPrefix("repeat ") { return "for _ in range(" + head.dropFirst(7) + "):" }
    if head.hasPrefix("else if ") { return "elif " + head.dropFirst(8) + ":" }
    if head.hasPrefix("for "), let inWord = head.range(of: " in ") {
      let range = head[inWord.upperBound...]
      for (op, closed) in [("..<", false), ("...", true)] {
        if let dots = range.range(of: op) {
          let low = range[..<dots.lowerBound].trimmingCharacters(in: .whitespaces)
          var high = range[dots.upperBound...].trimmingCharacters(in: .whitespaces)
          if closed { high += " + 1" }
          let bounds = low == "0" ? high : low + ", " + high
          return head[..<inWord.upperBound] + "range(" + bounds + "):"
        }
      }
    }
    return head + ":"
  }

  /// `true`/`false` as Python spells them.
  static func words(_ text: String) -> String {
    var out = ""
    var word = ""
    var quote: Character? = nil
    func flush() {
      out += word == "true" ? "True" : word == "false" ? "False" : word
      word = ""
    }
    for c in text {
      if let q = quote {
        out.append(c)
        if c == q { quote = nil }
      } else if c == "\"" || c == "'" {
        flush()
        quote = c
        out.append(c)
      } else if c.isLetter || c.isNumber || c == "_" {
        word.append(c)
      } else {
        flush()
        out.append(c)
      }
    }
    flush()
    return out
  }
}
