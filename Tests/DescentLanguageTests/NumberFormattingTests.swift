import DescentLanguage
import Foundation
import TestSupport
import Testing

@Suite struct NumberFormattingTests {
  // MARK: - The course's printed lines

  /// A printed line split into its text and its numbers: `Error:0.04
  /// Prediction:1.0` → labels ["Error:", " Prediction:", ""] and numbers
  /// ["0.04", "1.0"]. A number is whatever follows a `:` up to a space.
  struct PrintedLine {
    var labels: [String] = [""]
    var numbers: [String] = []

    init(_ line: String) {
      var rest = Substring(line)
      while let colon = rest.firstIndex(of: ":") {
        labels[labels.count - 1] += rest[...colon]
        let afterColon = rest.index(after: colon)
        let end = rest[afterColon...].firstIndex(of: " ") ?? rest.endIndex
        numbers.append(String(rest[afterColon..<end]))
        labels.append("")
        rest = rest[end...]
      }
      labels[labels.count - 1] += rest
    }

    /// The line again, with each number written by `format`.
    func rebuilt(_ format: (Double) -> String) -> String {
      var out = labels[0]
      for (number, label) in zip(numbers, labels.dropFirst()) {
        out += format(Double(number) ?? .nan) + label
      }
      return out
    }
  }

  static func printedLines(_ name: String) throws -> [String: [String]] {
    let object = try Fixtures.json(name)
    return try #require(object as? [String: [String]], "\(name) is not a table of lines")
  }

  @Test func fixturesHaveMatchingKeysAndLines() throws {
    let python2 = try Self.printedLines("printed-lines-python2.json")
    let python3 = try Self.printedLines("printed-lines-python3.json")
    #expect(Set(python2.keys) == Set(python3.keys))
    for (key, lines) in python3 {
      let other = try #require(python2[key])
      #expect(lines.count == other.count, "\(key)")
      for (line3, line2) in zip(lines, other) {
        // Same labels, same number of numbers: only the numbers' text differs.
        #expect(PrintedLine(line3).labels == PrintedLine(line2).labels, "\(key): \(line3)")
        #expect(Double(PrintedLine(line3).numbers.first ?? "0") != nil, "\(key): \(line3)")
      }
    }
  }

  @Test func reprReproducesEveryPython3Line() throws {
    var checked = 0
    for (key, lines) in try Self.printedLines("printed-lines-python3.json") {
      for line in lines {
        #expect(PrintedLine(line).rebuilt(PythonFloat.repr) == line, "\(key)")
        checked += PrintedLine(line).numbers.count
      }
    }
    #expect(checked > 100)
  }

  @Test func twelveDigitsReproducesEveryPython2Line() throws {
    let python2 = try Self.printedLines("printed-lines-python2.json")
    for (key, lines) in try Self.printedLines("printed-lines-python3.json") {
      let expected = try #require(python2[key])
      for (line3, line2) in zip(lines, expected) {
        // The Python 3 text reads back to the exact double the book printed.
        let printed = PrintedLine(line3).rebuilt { PythonFloat.str($0, significantDigits: 12) }
        #expect(printed == line2, "\(key)")
        #expect(PrintedLine(line3).rebuilt(DigitsMode.python2.format) == line2, "\(key)")
      }
    }
  }

  // MARK: - Python 3 repr, hand-picked

  @Test(arguments: [
    (0.1 + 0.2, "0.30000000000000004"),
    (0.3025, "0.3025"),
    (36.0, "36.0"),
    (-1.2000000000000002, "-1.2000000000000002"),
    (9.999999999999574e-05, "9.999999999999574e-05"),
    (0.0001, "0.0001"),
    (0.00001, "1e-05"),
    (0.00012, "0.00012"),
    (1.0, "1.0"),
    (0.0, "0.0"),
    (-0.0, "-0.0"),
    (123.456, "123.456"),
    (1e15, "1000000000000000.0"),
    (9007199254740992.0, "9007199254740992.0"),
    (9007199254740994.0, "9007199254740994.0"),
    (9999999999999998.0, "9999999999999998.0"),
    (1e16, "1e+16"),
    (5.403406870691965e+16, "5.403406870691965e+16"),
    (1e22, "1e+22"),
    (1.5e300, "1.5e+300"),
    (-2.5e-7, "-2.5e-07"),
    (1e100, "1e+100"),
    (Double.leastNonzeroMagnitude, "5e-324"),
    (2.2250738585072014e-308, "2.2250738585072014e-308"),
    (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
    (.infinity, "inf"),
    (-.infinity, "-inf"),
    (.nan, "nan"),
    (-Double.nan, "nan"),
  ])
  func repr(value: Double, expected: String) {
    #expect(PythonFloat.repr(value) == expected)
    #expect(DigitsMode.shortest.format(value) == expected)
  }

  @Test func reprReadsBackExactly() {
    // SplitMix64 with a fixed seed: many bit patterns, the same ones every run.
    var state: UInt64 = 0x5EED
    for _ in 0..<5000 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var bits = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
      bits = (bits ^ (bits >> 27)) &* 0x94D0_49BB_1331_11EB
      let x = Double(bitPattern: bits ^ (bits >> 31))
      guard x.isFinite else { continue }
      let text = PythonFloat.repr(x)
      #expect(Double(text)?.bitPattern == x.bitPattern, "\(text)")
    }
  }

  // MARK: - Python 2 str, hand-picked

  @Test(arguments: [
    (0.30250000000000005, 12, "0.3025"),
    (0.1 + 0.2, 12, "0.3"),
    (36.0, 12, "36.0"),
    (-0.0, 12, "-0.0"),
    (0.0, 12, "0.0"),
    // Python 2 leaves fixed notation one digit before %.12g does: the `.0`
    // it adds would make a 12-digit integer 13 characters of digits.
    (12345678901.0, 12, "12345678901.0"),
    (123456789012.0, 12, "1.23456789012e+11"),
    (1e11, 12, "1e+11"),
    (99999999999.4, 12, "99999999999.4"),
    (999999999999.5, 12, "1e+12"),
    (1234567890123.0, 12, "1.23456789012e+12"),
    (6003785411879960.0, 12, "6.00378541188e+15"),
    (1e16, 12, "1e+16"),
    (0.0001, 12, "0.0001"),
    (0.00001, 12, "1e-05"),
    (-8.707129344e-05, 12, "-8.707129344e-05"),
    (Double.leastNonzeroMagnitude, 12, "4.94065645841e-324"),
    (1e22, 12, "1e+22"),
    (.infinity, 12, "inf"),
    (-.infinity, 12, "-inf"),
    (.nan, 12, "nan"),
    (2.0 / 3.0, 1, "0.7"),
    (2.0 / 3.0, 6, "0.666667"),
    (2.0 / 3.0, 17, "0.66666666666666663"),
    (1234.0, 3, "1.23e+03"),
    (100.0, 3, "1e+02"),
    (10.0, 3, "10.0"),
    (0.5, 0, "0.5"),  // clamped up to 1 digit
    (0.1, 40, "0.10000000000000001"),  // clamped down to 17 digits
  ])
  func str(value: Double, digits: Int, expected: String) {
    #expect(PythonFloat.str(value, significantDigits: digits) == expected)
    #expect(DigitsMode.significant(digits).format(value) == expected)
  }

  @Test func strDefaultsToTheBooksTwelveDigits() {
    #expect(PythonFloat.str(1.0 / 3.0) == "0.333333333333")
    #expect(DigitsMode.python2 == .significant(12))
  }

  @Test func integersPrintWithoutPoint() {
    #expect(PythonInt.str(7) == "7")
    #expect(PythonInt.str(-42) == "-42")
    #expect(PythonInt.str(Int.min) == "-9223372036854775808")
  }
}
