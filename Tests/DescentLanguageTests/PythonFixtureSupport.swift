import DescentLanguage
import Foundation
import TestSupport

/// Reads the CPython/numpy fixtures written by `scripts/numpy-fixtures.py`
/// (`Tests/Fixtures/numpy/`): values are tagged objects, floats their repr text.
enum PythonFixture {
  /// The cases of one fixture file, as JSON objects.
  static func cases(_ name: String) throws -> [[String: Any]] {
    guard let cases = try Fixtures.json("numpy/" + name) as? [[String: Any]] else {
      throw FixtureError(message: "numpy/\(name) is not a list of cases")
    }
    return cases
  }

  struct FixtureError: Error { var message: String }

  /// A fixture value: `{"float": "0.5"}`, `{"int": 3}`, `{"other": {...}}`...
  static func value(_ object: Any?) throws -> PythonFormatValue {
    guard let tagged = object as? [String: Any], let (tag, payload) = tagged.first else {
      throw FixtureError(message: "not a tagged value: \(String(describing: object))")
    }
    switch tag {
    case "int":
      if let n = payload as? NSNumber, let i = Int(exactly: n.int64Value) { return .int(i) }
    case "float":
      if let text = payload as? String, let x = Double(text) { return .float(x) }
    case "bool":
      if let b = payload as? Bool { return .bool(b) }
    case "str":
      if let s = payload as? String { return .string(s) }
    case "none":
      return .none
    case "other":
      if let o = payload as? [String: Any], let str = o["str"] as? String,
        let repr = o["repr"] as? String,
        let type = o["type"] as? String
      {
        return .other(str: str, repr: repr, typeName: type)
      }
    default: break
    }
    throw FixtureError(message: "bad \(tag) value: \(payload)")
  }

  /// What Python gave: the text, or `ExceptionType: message`.
  static func expected(_ testCase: [String: Any]) -> String {
    if let result = testCase["result"] as? String { return result }
    let error = testCase["error"] as? [String: Any] ?? [:]
    return "\(error["type"] ?? "?"): \(error["message"] ?? "?")"
  }

  /// What the library gave, in the same shape.
  static func outcome(_ body: () throws -> String) -> String {
    do { return try body() } catch let error as PythonFormatError { return error.description } catch
    {
      return "unexpected \(error)"
    }
  }

  /// A short report of the first mismatches, for a failing expectation.
  static func report(_ mismatches: [String], of total: Int) -> String {
    "\(mismatches.count) of \(total) differ:\n" + mismatches.prefix(25).joined(separator: "\n")
  }
}
