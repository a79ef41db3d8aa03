import DescentEngine

/// A function the engine provides as a value: a module's member
/// (`np.exp`, `np.random.seed`). Unlike `Builtin`, it takes keyword
/// arguments (`np.random.normal(0, 1, size=3)`).
public final class NativeFunction: @unchecked Sendable {
  public let name: String
  /// One line for messages: the call and what it gives.
  let summary: String
  let body: (NativeArguments) throws -> Value

  init(_ name: String, _ summary: String, body: @escaping (NativeArguments) throws -> Value) {
    self.name = name
    self.summary = summary
    self.body = body
  }
}

/// What a native function sees of its call: positional and keyword
/// arguments, and where each is for messages.
struct NativeArguments {
  var positional: [Value]
  var keywords: [(name: String, value: Value, range: SourceRange)]
  let context: BuiltinContext
  let name: String
  /// For `"...".format(...)` on a plain literal: where its text starts in
  /// the source, so an error in the template points inside the literal.
  var templateStart: SourceLocation? = nil

  /// The argument at `position`, or the keyword `keyword`, or nil.
  func value(_ position: Int, _ keyword: String) -> Value? {
    if position < positional.count { return positional[position] }
    return keywords.first { $0.name == keyword }?.value
  }

  /// Reports keywords the function does not take, and too many positionals.
  func check(positional most: Int, keywords known: [String]) throws {
    if positional.count > most {
      throw Diagnostic(
        "\(name)() takes at most \(most) positional argument\(most == 1 ? "" : "s"), given \(positional.count)",
        at: context.range)
    }
    for keyword in keywords where !known.contains(keyword.name) {
      throw Diagnostic(
        "\(name)() has no keyword argument '\(keyword.name)'", at: keyword.range,
        notes: [known.isEmpty ? "it takes no keywords" : "its keywords: " + known.joined(separator: ", ")])
    }
  }
}

/// A module bound by `import`: a name and its members.
public final class PythonModule: @unchecked Sendable {
  public let name: String
  let members: [String: Value]

  init(name: String, members: [String: Value]) {
    self.name = name
    self.members = members
  }

  /// The member `field`, or an error that lists what the module has.
  func member(_ field: String, at range: SourceRange) throws -> Value {
    if let value = members[field] { return value }
    var notes: [String] = []
    if let guess = Suggestion.closest(to: field, among: Array(members.keys)) { notes.append("did you mean '\(guess)'?") }
    notes.append("Descent's \(name) has: " + members.keys.sorted().joined(separator: ", "))
    throw Diagnostic("module '\(name)' has no member '\(field)' in Descent", at: range, notes: notes)
  }
}

extension Value {
  /// A numpy array's text: `str` (what print writes) or `repr`.
  static func arrayText(_ t: Tensor, integral: Bool, asRepr: Bool) -> String {
    let elements: NumpyArrayFormatter.Elements =
      integral && t.scalars.allSatisfy({ $0.magnitude < 9.2e18 })
      ? .int64(t.scalars.map { Int($0) }) : .float64(t.scalars)
    return asRepr ? NumpyArrayFormatter.repr(elements, shape: t.shape) : NumpyArrayFormatter.str(elements, shape: t.shape)
  }

  /// The value with numpy arrays turned into tensors, and whether there
  /// were any: arithmetic and the built-ins work on tensors, and give an
  /// array back when an operand was one (`Value.asArray`).
  var withoutArray: (Value, Bool) {
    if case .ndarray(let t, let integral) = self { return (.tensor(t, integral: integral), true) }
    return (self, false)
  }

  /// A tensor result as a numpy array; anything else as it is.
  var asArray: Value {
    if case .tensor(let t, let integral) = self { return .ndarray(t, integral: integral) }
    return self
  }
}
