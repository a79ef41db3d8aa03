import DescentLanguage
import Testing

/// The template parser's pieces and offsets (what a caller evaluates and
/// where it puts a caret), beyond the outputs checked against CPython.
@Suite struct FormatTemplateTests {
  func fields(_ body: String) throws -> [FormatField] {
    try FormatTemplate.parseFString(body).pieces.compactMap {
      if case .field(let f) = $0 { f } else { nil }
    }
  }

  @Test func fStringExpressionsKeepBracketsStringsAndComparisons() throws {
    let found = try fields("a {d['k:}']!r:>8} {x != y} {f(a, b=2):.3f} {v[1:3]} {w >= 0}")
    #expect(found.map(\.expression) == ["d['k:}']", "x != y", "f(a, b=2)", "v[1:3]", "w >= 0"])
    #expect(found[0].conversion == "r")
    #expect(found[0].specText == ">8")
    #expect(found[0].expressionOffset == 3)
    #expect(found[2].specText == ".3f")
  }

  @Test func selfDocumentingFieldKeepsItsText() throws {
    let field = try #require(try fields("{error = :.4f}").first)
    #expect(field.expression == "error ")
    #expect(field.debugText == "error = ")
    let out = try FormatTemplate.parseFString("{error = :.4f}").render { _ in
      .float(0.30250000000000005)
    }
    #expect(out == "error = 0.3025")
    #expect(try FormatTemplate.parseFString("{s=}").render { _ in .string("ab") } == "s='ab'")
  }

  @Test func nestedSpecFieldsAreEvaluatedToo() throws {
    let template = try FormatTemplate.parseFString("{x:>{width}.{digits}f}")
    let out = try template.render { field in
      switch field.expression {
      case "x": .float(3.14159)
      case "width": .int(8)
      default: .int(2)
      }
    }
    #expect(out == "    3.14")
  }

  @Test func errorsCarryTheOffsetOfTheCulprit() {
    #expect(
      throws: PythonFormatError("SyntaxError", "f-string: single '}' is not allowed", offset: 4)
    ) {
      try FormatTemplate.parseFString("abc }")
    }
    #expect(
      throws: PythonFormatError("ValueError", "Single '}' encountered in format string", offset: 2)
    ) {
      try FormatTemplate.parseFormat("a }")
    }
    #expect(throws: PythonFormatError("ValueError", "expected '}' before end of string", offset: 2))
    {
      try FormatTemplate.parseFormat("x {0")
    }
  }

  @Test func strFormatHandsAccessorsToTheCaller() throws {
    let weights: [Double] = [0.5, -0.25]
    let out = try PythonStrFormat.format(
      "{0[1]:+.2f} {w[0]}", positionalCount: 1, keywordNames: ["w"]
    ) { ref in
      guard case .index(let i)? = ref.accessors.first else { return .none }
      return .float(weights[i])
    }
    #expect(out == "-0.25 0.5")
    #expect(
      throws: PythonFormatError(
        "ValueError", "cannot switch from automatic field numbering to manual field specification",
        offset: 4)
    ) {
      try PythonStrFormat.format("{} {0}", positional: [.int(1)])
    }
  }

  @Test func percentFormattingOfTheCourseLines() throws {
    #expect(try PythonPercentFormat.format("%.3f", .single(.float(0.30250000000000005))) == "0.303")
    #expect(try PythonPercentFormat.format("%.3f", .single(.float(0.3025))) == "0.302")
    #expect(
      try PythonPercentFormat.format(
        "Error:%s Prediction:%s", .tuple([.float(0.3025), .float(0.55)]))
        == "Error:0.3025 Prediction:0.55")
    #expect(throws: PythonFormatError("TypeError", "not enough arguments for format string")) {
      try PythonPercentFormat.format("%d %d", .tuple([.int(1)]))
    }
  }
}

/// Widths and precisions past the language's string limit are errors, not hangs.
@Suite struct FormatLimitTests {
  @Test func hugeWidthsAndPrecisionsAreRefused() {
    let message = "format width 1000000000 is over the limit of 100000000"
    #expect(throws: PythonFormatError("ValueError", message)) {
      try PythonFormatSpec.format(.int(1), spec: "1000000000")
    }
    #expect(throws: PythonFormatError("ValueError", message)) {
      try PythonPercentFormat.format("%*d", .tuple([.int(-1_000_000_000), .int(1)]))
    }
    #expect(
      throws: PythonFormatError(
        "ValueError", "format precision 2000000000 is over the limit of 100000000")
    ) {
      try PythonFormatSpec.format(.float(0.5), spec: ".2000000000f")
    }
    #expect((try? PythonFormatSpec.format(.float(0.5), spec: ".1100f"))?.count == 1102)
  }
}
