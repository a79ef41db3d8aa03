/// Name completion for the REPL's Tab key: which words the word being typed
/// could become. Pure logic, so it is tested without a terminal; the line
/// editor only inserts the text.
public enum Completion {
  /// What Tab should do with the text before the cursor.
  public struct Answer: Equatable, Sendable {
    /// The partial word at the end of the text (may be empty).
    public var prefix: String
    /// Every word the prefix could become, sorted, without repeats.
    public var matches: [String]
    /// What to insert after the prefix: the rest of the only match plus a
    /// suffix (`(` after a function, a space after a statement word), or
    /// the longest common continuation of several matches ("" for none).
    public var insertion: String

    /// An answer; `insertion` is what Tab adds after `prefix`.
    public init(prefix: String, matches: [String], insertion: String) {
      self.prefix = prefix
      self.matches = matches
      self.insertion = insertion
    }
  }

  /// Words a statement may continue with, after its domain word.
  static let optionWords: [String: [String]] = [
    "train": [
      "alpha", "epochs", "error", "hotcold", "max", "momentum", "on", "quiet", "step", "until", "verbose",
      "adagrad", "adam", "beta1", "beta2", "decay", "nesterov", "rmsprop", "sgd",
    ],
    "compare": [
      "adagrad", "adam", "alpha", "beta1", "beta2", "decay", "from", "momentum", "nesterov", "on", "rmsprop", "sgd",
      "steps",
    ],
    "live": ["off", "on"],
    "plot": ["error", "from", "goal", "log", "over", "pred", "to", "vs"],
    "show": ["derivative", "graph", "history", "of", "weights", "wrt"],
    "check": ["gradient"],
    "load": ["target"],
    "network": ["nobias", "seed"],
    "digits": ["shortest"],
    "explore": ["from", "start", "step", "to"],
  ]

  /// Every statement word, keyword and statement option: what `:help`
  /// must explain.
  public static var statementWords: [String] {
    Set(Token.reserved.keys).union(Parser.domainWords).union(optionWords.values.joined()).sorted()
  }

  /// Completes the word that ends `textBeforeCursor` against the session's
  /// variables, the reserved words, the built-in functions and the domain
  /// words (plus the options of the domain statement the line starts with).
  ///
  /// Inside a string nothing is offered (a file name is not a session
  /// name); after `np.` or `math.`, the module's members.
  public static func complete(_ textBeforeCursor: String, in session: Session?) -> Answer {
    let prefix = wordBeingTyped(in: textBeforeCursor)
    let before = textBeforeCursor.dropLast(prefix.count)
    if before.last == ".", !isInsideString(before) {
      let path = before.dropLast().reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
      let matches = members(of: String(path.reversed()), in: session).filter { $0.hasPrefix(prefix) }.sorted()
      let insertion = matches.count == 1 ? String(matches[0].dropFirst(prefix.count)) : String(commonPrefix(matches).dropFirst(prefix.count))
      return Answer(prefix: String(prefix), matches: matches, insertion: insertion)
    }
    if isInsideString(before) || prefix.first?.isNumber == true {
      return Answer(prefix: String(prefix), matches: [], insertion: "")
    }
    let matches = candidates(for: String(prefix), in: session, line: String(before))
    let insertion: String
    if matches.count == 1, let only = matches.first {
      // An option is a word, not a call, also when a built-in has its name
      // (`check gradient`, the function `gradient`). In `show derivative of
      // ... wrt`, those words are followed by more words.
      let lineWords = before.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      let isOption = onlyOptions(after: lineWords, in: session) != nil
      let showWord = before.hasPrefix("show ") && ["derivative", "of", "wrt"].contains(only)
      insertion =
        String(only.dropFirst(prefix.count)) + (showWord ? " " : isOption ? "" : suffix(for: only, in: session))
    } else {
      insertion = String(commonPrefix(matches).dropFirst(prefix.count))
    }
    return Answer(prefix: String(prefix), matches: matches, insertion: insertion)
  }

  /// The members of the module at a dotted path from a session variable
  /// (`np`, `math`, `np.random`); none for anything else.
  static func members(of path: String, in session: Session?) -> [String] {
    let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard let session, let first = parts.first, case .module(var module)? = session.storedValue(of: first) else {
      return []
    }
    for part in parts.dropFirst() {
      guard case .module(let inner)? = module.members[part] else { return [] }
      module = inner
    }
    return Array(module.members.keys)
  }

  /// Every known word starting with `prefix`, sorted, without repeats.
  ///
  /// - Parameter line: the text of the line before the prefix; when it
  ///   starts with a domain word, that statement's options are offered too.
  public static func candidates(for prefix: String, in session: Session?, line: String = "")
    -> [String]
  {
    let lineWords = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    if let options = onlyOptions(after: lineWords, in: session) {
      return options.filter { $0.hasPrefix(prefix) }.sorted()
    }
    var words = Set(Token.reserved.keys)
    words.formUnion(Builtins.table.keys)
    words.formUnion(Parser.domainWords)
    if let session { words.formUnion(session.variables.map(\.name)) }
    if let firstWord = lineWords.first, let options = optionWords[firstWord] { words.formUnion(options) }
    return words.filter { $0.hasPrefix(prefix) }.sorted()
  }

  /// Statements whose second word is always one of their options
  /// (`show history`, `live off`, `check gradient`).
  static let optionOnlyStatements: Set<String> = ["show", "live", "check"]
  /// `train` options that take no value: another option follows them.
  static let trainFlags: Set<String> = ["epochs", "hotcold", "quiet", "verbose"]

  /// The options of the statement the line starts with, when nothing but
  /// an option can come next: `show ` is followed by `history` or
  /// `weights`, `plot error ` by `vs`, `over`, `log` or `to`, `train 20 `
  /// and `train 20 epochs ` by a `train` option. Nil
  /// where an expression may come (or the word is a variable's name).
  static func onlyOptions(after words: [String], in session: Session?) -> [String]? {
    guard let first = words.first, let options = optionWords[first],
      session?.value(of: first) == nil
    else { return nil }
    // `show derivative of EXPR wrt NAME`: its words in their places (Symbolic/ShowDerivative.swift).
    if first == "show", let after = showDerivativeWords(after: words) { return after }
    if optionOnlyStatements.contains(first) { return words.count == 1 ? options : nil }
    // `plot error ` goes on with how to draw it.
    if words == ["plot", "error"] { return ["log", "over", "to", "vs"] }
    guard first == "train", words.count >= 2, let last = words.last else { return nil }
    let isNumber = Double(last) != nil
    return isNumber || trainFlags.contains(last) ? options.filter { $0 != "error" } : nil
  }

  /// `show ` offers what can be shown; `show derivative ` only `of`; nil
  /// once the expression has begun (then `wrt` is among every word offered).
  static func showDerivativeWords(after words: [String]) -> [String]? {
    switch words.count {
    case 1: return ["derivative", "graph", "history", "weights"]
    case 2 where words[1] == "derivative": return ["of"]
    default: return nil
    }
  }

  /// What follows a completed word: `(` after a function, a space after a
  /// reserved or domain word (the next thing is always another word),
  /// nothing after a variable (it may be followed by `[`, `.` or Enter).
  public static func suffix(for word: String, in session: Session?) -> String {
    if let value = session?.value(of: word) {
      if case .function = value { return "(" }
      return ""
    }
    if Builtins.table[word] != nil { return "(" }
    if ["true", "false", "break", "continue"].contains(word) { return "" }
    if Token.reserved[word] != nil || Parser.domainWords.contains(word) { return " " }
    return ""
  }

  /// The names of the built-in functions, sorted (for `:help functions`).
  public static var builtinNames: [String] { Builtins.table.keys.sorted() }

  /// The one-line summary of a built-in function (for `:help NAME`).
  public static func summary(ofBuiltin name: String) -> String? { Builtins.table[name]?.summary }

  /// The name-like word (letters, digits, `_`) that ends `text`.
  public static func wordBeingTyped(in text: String) -> Substring {
    let start =
      text.lastIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_") }).map {
        text.index(after: $0)
      }
      ?? text.startIndex
    return text[start...]
  }

  /// The longest prefix all the words share ("" for none).
  public static func commonPrefix(_ words: [String]) -> String {
    guard var common = words.first else { return "" }
    for word in words.dropFirst() {
      while !word.hasPrefix(common) { common.removeLast() }
    }
    return common
  }

  /// Whether the text ends inside a string literal (after an opening quote
  /// with no closing one), where the line editor completes file names.
  public static func endsInsideString(_ text: String) -> Bool {
    isInsideString(text[...]) && !isInsideComment(text[...])
  }

  /// Whether the text ends inside a string literal or a comment.
  static func isInsideString(_ text: Substring) -> Bool {
    var quote: Character?
    var escaped = false
    for character in text {
      if let open = quote {
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == open {
          quote = nil
        }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "#" {
        return true  // a comment: nothing to complete either
      } else if character == "\n" {
        quote = nil
      }
    }
    return quote != nil
  }

  /// Whether the text ends inside a comment (a `#` outside a string).
  static func isInsideComment(_ text: Substring) -> Bool {
    var quote: Character?
    for character in text {
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "#" {
        return true
      }
    }
    return false
  }
}
