// API note (issue 20, the Python formatting library):
//   PythonFormatValue     a value as Python's formatting machinery sees it
//   PythonFormatError     a formatting error with CPython's exception type and wording
//   PythonFormatSpec      format(value, spec), the format-spec mini-language
//   FormatTemplate        the `{...}` template parser shared by str.format and f-strings
//   PythonStrFormat       str.format(*args, **kwargs) on a template
//   PythonPercentFormat   "..." % args
//   PythonRepr            Python's str()/repr() of these values, lists and tuples
//   NumpyArrayFormatter   numpy's repr/str of arrays and scalars

/// A value as Python's formatting machinery sees it: the caller maps its own
/// values onto these cases before calling `format`, `str.format` or `%`.
public enum PythonFormatValue: Sendable, Equatable {
  /// A Python `int`.
  case int(Int)
  /// A Python `float`.
  case float(Double)
  /// A Python `bool` (an `int` for numeric format codes, `True`/`False` otherwise).
  case bool(Bool)
  /// A Python `str`.
  case string(String)
  /// Python's `None`.
  case none
  /// Anything else (list, tuple, array...): it formats only with an empty spec,
  /// as its `str`; `repr` serves `!r` and `%r`; `typeName` goes into errors.
  case other(str: String, repr: String, typeName: String)

  /// Python's type name, as errors print it (`float`, `str`, `NoneType`).
  public var typeName: String {
    switch self {
    case .int: "int"
    case .float: "float"
    case .bool: "bool"
    case .string: "str"
    case .none: "NoneType"
    case .other(_, _, let name): name
    }
  }

  /// Python's `str(value)`.
  public var pythonStr: String {
    switch self {
    case .int(let n): String(n)
    case .float(let x): PythonFloat.repr(x)
    case .bool(let b): b ? "True" : "False"
    case .string(let s): s
    case .none: "None"
    case .other(let str, _, _): str
    }
  }

  /// Python's `repr(value)`.
  public var pythonRepr: String {
    switch self {
    case .string(let s): PythonRepr.string(s)
    case .other(_, let repr, _): repr
    default: pythonStr
    }
  }

  /// Python's `ascii(value)`: the repr with non-ASCII characters escaped.
  public var pythonASCII: String { PythonRepr.asciiEscaped(pythonRepr) }
}

/// A formatting error as CPython raises it: the exception type
/// (`ValueError`, `TypeError`, `KeyError`, `IndexError`, `OverflowError`) and its
/// message, word for word; `offset` is the character (Unicode scalar) offset in
/// the template where it applies, when there is one.
public struct PythonFormatError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Python's exception class name.
  public var exceptionType: String
  /// CPython's message.
  public var message: String
  /// The character offset in the template or spec, when known.
  public var offset: Int?

  /// An error of the given exception type.
  public init(_ exceptionType: String, _ message: String, offset: Int? = nil) {
    self.exceptionType = exceptionType
    self.message = message
    self.offset = offset
  }

  /// `ValueError: message`, as Python's traceback ends.
  public var description: String { "\(exceptionType): \(message)" }

  static func value(_ message: String, offset: Int? = nil) -> PythonFormatError {
    PythonFormatError("ValueError", message, offset: offset)
  }

  static func type(_ message: String, offset: Int? = nil) -> PythonFormatError {
    PythonFormatError("TypeError", message, offset: offset)
  }
}
