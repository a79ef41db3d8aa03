import DescentLanguage
import Foundation
import TestSupport
import Testing

/// `format`, `str.format`, f-strings and `%` against what CPython printed
/// (`Tests/Fixtures/numpy/*.json`, from `scripts/numpy-fixtures.py`).
@Suite struct PythonFormattingTests {
  @Test func formatSpecMatchesCPython() throws {
    let cases = try PythonFixture.cases("format-spec.json")
    var mismatches: [String] = []
    for c in cases {
      let value = try PythonFixture.value(c["value"])
      let spec = c["spec"] as? String ?? ""
      let got = PythonFixture.outcome { try PythonFormatSpec.format(value, spec: spec) }
      let want = PythonFixture.expected(c)
      if got != want {
        mismatches.append(
          "format(\(value), \(spec.debugDescription)): \(got.debugDescription) != \(want.debugDescription)"
        )
      }
    }
    #expect(cases.count > 5000)
    #expect(mismatches.isEmpty, "\(PythonFixture.report(mismatches, of: cases.count))")
  }

  @Test func strFormatMatchesCPython() throws {
    let cases = try PythonFixture.cases("str-format.json")
    var mismatches: [String] = []
    for c in cases {
      let template = c["template"] as? String ?? ""
      let args = try (c["args"] as? [Any] ?? []).map(PythonFixture.value)
      var keywords: [String: PythonFormatValue] = [:]
      for (k, v) in c["kwargs"] as? [String: Any] ?? [:] {
        keywords[k] = try PythonFixture.value(v)
      }
      let got = PythonFixture.outcome {
        try PythonStrFormat.format(template, positional: args, keywords: keywords)
      }
      let want = PythonFixture.expected(c)
      if got != want {
        mismatches.append(
          "\(template.debugDescription).format: \(got.debugDescription) != \(want.debugDescription)"
        )
      }
    }
    #expect(mismatches.isEmpty, "\(PythonFixture.report(mismatches, of: cases.count))")
  }

  @Test func fStringsMatchCPython() throws {
    let file = try #require(try Fixtures.json("numpy/fstring.json") as? [String: Any])
    var names: [String: PythonFormatValue] = [:]
    for (k, v) in file["names"] as? [String: Any] ?? [:] { names[k] = try PythonFixture.value(v) }
    let cases = try #require(file["cases"] as? [[String: Any]])
    var mismatches: [String] = []
    for c in cases {
      let body = c["body"] as? String ?? ""
      let got = PythonFixture.outcome {
        try FormatTemplate.parseFString(body).render { field in
          let name = field.expression.trimmingCharacters(in: .whitespaces)
          // `{x:{{p}}}` nests the set display `{p}` in the spec.
          if name.hasPrefix("{"), name.hasSuffix("}"),
            let inner = names[String(name.dropFirst().dropLast())]
          {
            let shown = "{" + inner.pythonRepr + "}"
            return .other(str: shown, repr: shown, typeName: "set")
          }
          guard let value = names[name] else {
            throw PythonFormatError("NameError", "name '\(name)' is not defined")
          }
          return value
        }
      }
      let want = PythonFixture.expected(c)
      if got != want {
        mismatches.append(
          "f\(body.debugDescription): \(got.debugDescription) != \(want.debugDescription)")
      }
    }
    #expect(mismatches.isEmpty, "\(PythonFixture.report(mismatches, of: cases.count))")
  }

  @Test func percentFormatMatchesCPython() throws {
    let cases = try PythonFixture.cases("percent-format.json")
    var mismatches: [String] = []
    for c in cases {
      let template = c["template"] as? String ?? ""
      let arguments: PercentArguments
      if let tuple = c["tuple"] as? [Any] {
        arguments = .tuple(try tuple.map(PythonFixture.value))
      } else if let mapping = c["mapping"] as? [String: Any] {
        var table: [String: PythonFormatValue] = [:]
        for (k, v) in mapping { table[k] = try PythonFixture.value(v) }
        let shown =
          "{"
          + table.keys.sorted().map { "\(PythonRepr.string($0)): \(table[$0]!.pythonRepr)" }.joined(
            separator: ", ") + "}"
        arguments = .mapping(.other(str: shown, repr: shown, typeName: "dict")) { table[$0] }
      } else {
        arguments = .single(try PythonFixture.value(c["args"]))
      }
      let got = PythonFixture.outcome { try PythonPercentFormat.format(template, arguments) }
      let want = PythonFixture.expected(c)
      if got != want {
        mismatches.append(
          "\(template.debugDescription) % \(c["args"] ?? c["tuple"] ?? "map"): \(got.debugDescription) != \(want.debugDescription)"
        )
      }
    }
    #expect(mismatches.isEmpty, "\(PythonFixture.report(mismatches, of: cases.count))")
  }
}
