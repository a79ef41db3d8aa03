import DescentEngine

/// A Descent value. Numbers stay unboxed (`int`, `float`); vectors and
/// matrices are engine tensors, with a flag that remembers whether they
/// were written with integers only, so `[1, 2]` prints as Python prints it.
public enum Value: Sendable {
  case int(Int)
  case float(Double)
  case bool(Bool)
  case string(String)
  /// A vector (rank 1) or matrix (rank 2) of numbers.
  case tensor(Tensor, integral: Bool)
  /// A list of other values (strings, matrices): `["x1", "x2"]`, `net.weights`.
  case list([Value])
  case function(Function)
  case network(NetworkBox)
  case table(DataTable)
  /// What a function without `return` gives back; the REPL does not echo it.
  /// Python's `None`.
  case none
  /// A tuple: `(1, 2)`, an array's shape, the pairs `zip` makes.
  case tuple([Value])
  /// A numpy array (`np.array`, `np.zeros`, ...): a vector or matrix that
  /// prints as numpy prints it. Arithmetic is a tensor's; a result stays
  /// an array (see `Value.asArrays`).
  case ndarray(Tensor, integral: Bool)
  /// A function given by the engine as a value: `np.exp`, `weights.append`.
  case native(NativeFunction)
  /// A module: `np`, `np.random`.
  case module(PythonModule)
  /// A slice `1:3` inside `[ ]`, as an index.
  case slice(SliceBounds)
  /// A number or vector that a `derivative` or `gradient` call is tracing
  /// (Autodiff/Tape.swift): it acts as its number, and the operations on it
  /// are recorded so their derivatives can be taken.
  case traced(TracedValue)

  /// What the value is, for messages and `:vars`: "float", "vector of 3".
  public var kindName: String {
    switch self {
    case .int: return "integer"
    case .float: return "float"
    case .bool: return "boolean"
    case .string: return "string"
    case .tensor(let t, _):
      return t.shape.count == 1 ? "vector of \(t.shape[0])" : "\(t.shape[0])×\(t.shape[1]) matrix"
    case .list(let items): return "list of \(items.count)"
    case .function: return "function"
    case .network: return "network"
    case .table(let table): return "table of \(table.rowCount) rows"
    case .none: return "nothing"
    case .tuple(let items): return "tuple of \(items.count)"
    case .ndarray(let t, _):
      return "array of shape (" + t.shape.map(String.init).joined(separator: ", ") + (t.rank == 1 ? ",)" : ")")
    case .native(let f): return "function \(f.name)"
    case .module(let m): return "module \(m.name)"
    case .slice: return "slice"
    case .traced(let t): return t.plain.kindName
    }
  }

  /// The kind with its article, for messages: "an integer", "a vector of 3".
  public var aKindName: String {
    let kind = kindName
    return (kind.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + kind
  }

  /// The value as a Double, when it is a number.
  @inlinable
  public var number: Double? {
    switch self {
    case .float(let x): return x
    case .int(let n): return Double(n)
    case .traced(let t): return t.scalar
    default: return nil
    }
  }

  /// An element of a vector as a value: an integer when the vector was
  /// written with integers and the element fits in one, else a float.
  static func element(_ x: Double, integral: Bool) -> Value {
    integral ? Int(exactly: x).map { .int($0) } ?? .float(x) : .float(x)
  }

  /// Python's truthiness: zero, empty and false are false.
  public var isTruthy: Bool {
    switch self {
    case .bool(let b): return b
    case .int(let n): return n != 0
    case .float(let x): return x != 0
    case .string(let s): return !s.isEmpty
    case .tensor(let t, _): return !t.scalars.isEmpty
    case .list(let items), .tuple(let items): return !items.isEmpty
    case .ndarray(let t, _): return t.count == 1 ? t.scalars[0] != 0 : !t.scalars.isEmpty
    case .function, .network, .table, .native, .module, .slice: return true
    case .none: return false
    case .traced(let t): return t.plain.isTruthy
    }
  }
}

/// A user function: its parameters, local slots and compiled body.
public final class Function: @unchecked Sendable {
  public let name: String
  let parameterCount: Int
  let localCount: Int
  /// The parameters' names, for the leaves of `show graph`.
  var parameterNames: [String] = []
  /// Set once after compiling (a recursive function refers to itself).
  var body: StmtCode = { _ in .normal }
  /// Its parameters and statements as written, for symbolic derivatives.
  public internal(set) var definition: FunctionDefinition?

  init(name: String, parameterCount: Int, localCount: Int) {
    self.name = name
    self.parameterCount = parameterCount
    self.localCount = localCount
  }
}

/// A network shared by reference: `net.weights[0] = ...` changes the network
/// that `train` will use, as a Python object would.
public final class NetworkBox: @unchecked Sendable {
  public var network: Network
  public init(_ network: Network) { self.network = network }
}

// MARK: - Printing

extension Value {
  /// The text `print` writes and `str()` returns, in the given digits mode.
  ///
  /// Only a bare float follows `digits 12`: list elements keep the shortest
  /// repr, as Python 2 printed them.
  ///
  /// With `python`, booleans and None are spelled as Python spells them
  /// (`True`, `None`): a session does so once it runs Python-style code.
  public func formatted(_ digits: DigitsMode, python: Bool = false) -> String {
    switch self {
    case .float(let x): return digits.format(x)
    case .string(let s): return s
    case .ndarray(let t, let integral): return Value.arrayText(t, integral: integral, asRepr: false)
    case .traced(let t): return t.plain.formatted(digits, python: python)
    default: return repr(python: python)
    }
  }

  /// The text of the value inside a list: strings quoted, floats shortest.
  public var repr: String { repr(python: false) }

  /// `repr`, with booleans and None spelled as Python spells them when
  /// `python` is set.
  public func repr(python: Bool) -> String {
    switch self {
    case .int(let n): return String(n)
    case .float(let x): return PythonFloat.repr(x)
    case .bool(let b): return python ? (b ? "True" : "False") : (b ? "true" : "false")
    case .string(let s): return Value.quoted(s)
    case .tensor(let t, let integral): return Value.format(t, integral: integral)
    case .list(let items): return "[" + items.map { $0.repr(python: python) }.joined(separator: ", ") + "]"
    case .function(let f): return "<function \(f.name)>"
    case .network(let box): return "<network \(box.network.summary)>"
    case .table(let t):
      return "<table: \(t.rowCount) rows, columns \(t.columnNames.joined(separator: ", "))>"
    case .none: return python ? "None" : "none"
    case .tuple(let items):
      let inner = items.map { $0.repr(python: python) }.joined(separator: ", ")
      return "(" + inner + (items.count == 1 ? ",)" : ")")
    case .ndarray(let t, let integral): return Value.arrayText(t, integral: integral, asRepr: true)
    case .native(let f): return "<built-in function \(f.name)>"
    case .module(let m): return "<module '\(m.name)'>"
    case .slice(let b):
      func part(_ n: Int?) -> String { n.map(String.init) ?? (python ? "None" : "none") }
      return "slice(\(part(b.lower)), \(part(b.upper)), \(part(b.step)))"
    case .traced(let t): return t.plain.repr(python: python)
    }
  }

  static func format(_ t: Tensor, integral: Bool) -> String {
    func element(_ x: Double) -> String {
      integral && x.magnitude < 9.2e18 ? String(Int(x)) : PythonFloat.repr(x)
    }
    if t.shape.count == 1 {
      return "[" + t.scalars.map(element).joined(separator: ", ") + "]"
    }
    let columns = t.shape[1]
    var rows: [String] = []
    for r in 0..<t.shape[0] {
      let row = t.scalars[r * columns..<(r + 1) * columns].map(element)
      rows.append("[" + row.joined(separator: ", ") + "]")
    }
    return "[" + rows.joined(separator: ", ") + "]"
  }

  /// Python's repr of a string: single quotes unless the text holds one.
  static func quoted(_ s: String) -> String {
    let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for c in s {
      switch c {
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\\": out += "\\\\"
      case quote: out += "\\" + String(c)
      default: out.append(c)
      }
    }
    out.append(quote)
    return out
  }
}
