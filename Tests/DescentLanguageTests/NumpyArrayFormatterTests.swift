import DescentLanguage
import Foundation
import TestSupport
import Testing

/// numpy's `repr` and `str` of arrays and scalars against what numpy printed
/// (`Tests/Fixtures/numpy/arrays.json`, from scripts/numpy-fixtures.py).
@Suite struct NumpyArrayFormatterTests {
  static func elements(_ c: [String: Any]) throws -> NumpyArrayFormatter.Elements {
    let values = try #require(c["values"] as? [Any])
    switch c["dtype"] as? String {
    case "float64":
      return .float64(try values.map { try #require(($0 as? String).flatMap(Double.init)) })
    case "int64": return .int64(try values.map { try #require(($0 as? NSNumber)?.intValue) })
    case "bool": return .bool(try values.map { try #require($0 as? Bool) })
    default: throw PythonFixture.FixtureError(message: "dtype \(String(describing: c["dtype"]))")
    }
  }

  @Test func arraysPrintAsNumpyPrintsThem() throws {
    let cases = try PythonFixture.cases("arrays.json")
    var mismatches: [String] = []
    for c in cases {
      let elements = try Self.elements(c)
      let shape = try #require(c["shape"] as? [NSNumber]).map(\.intValue)
      var checks: [(String, String, String?)] = [
        ("repr", NumpyArrayFormatter.repr(elements, shape: shape), c["repr"] as? String),
        ("str", NumpyArrayFormatter.str(elements, shape: shape), c["str"] as? String),
      ]
      if shape.isEmpty {
        checks.append(
          ("scalar repr", NumpyArrayFormatter.scalarRepr(elements), c["scalar_repr"] as? String))
        checks.append(
          ("scalar str", NumpyArrayFormatter.scalarStr(elements), c["scalar_str"] as? String))
      }
      for (what, got, want) in checks where want != nil && got != want {
        mismatches.append("\(what) of \(shape):\n\(got)\n-- numpy --\n\(want ?? "")")
      }
    }
    #expect(cases.count > 200)
    #expect(mismatches.isEmpty, "\(PythonFixture.report(mismatches, of: cases.count))")
  }

  @Test func listAndTupleReprs() {
    #expect(PythonRepr.list(["0.5", "1.0"]) == "[0.5, 1.0]")
    #expect(PythonRepr.tuple(["1"]) == "(1,)")
    #expect(PythonRepr.tuple([]) == "()")
    #expect(PythonRepr.string("it's") == "\"it's\"")
    #expect(PythonRepr.string("a\nb") == "'a\\nb'")
  }
}
