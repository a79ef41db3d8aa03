import Foundation
import TestSupport

/// A fixture entry that is missing or of another type than the test expects.
struct FixtureError: Error, CustomStringConvertible {
  let description: String
}

/// Reads `Tests/Fixtures/course-examples.json`, the course's reference numbers.
/// JSON numbers there are Python float reprs, so they read back bit-identical.
enum CourseFixture {
  /// One example's object, e.g. `example("ex04_gradient_descent_20_iterations")`.
  static func example(_ key: String) throws -> [String: Any] {
    guard let all = try Fixtures.json("course-examples.json") as? [String: Any] else {
      throw FixtureError(description: "course-examples.json is not an object")
    }
    return try all.object(key)
  }
}

/// The exact double of a JSON number. On Linux, JSONSerialization returns
/// `NSDecimalNumber`s whose `doubleValue` can be off by an ulp
/// (0.30250000000000005 reads back as 0.3025000000000001); their decimal
/// text is exact, and `Double(String)` rounds it correctly.
func exactDouble(_ value: Any?) -> Double? {
  guard let number = value as? NSNumber else { return nil }
  return Double(number.description) ?? number.doubleValue
}

extension Dictionary where Key == String, Value == Any {
  func object(_ key: String) throws -> [String: Any] {
    guard let value = self[key] as? [String: Any] else { throw FixtureError(description: "no object \(key)") }
    return value
  }

  func list(_ key: String) throws -> [[String: Any]] {
    guard let value = self[key] as? [[String: Any]] else { throw FixtureError(description: "no list \(key)") }
    return value
  }

  func double(_ key: String) throws -> Double {
    guard let value = exactDouble(self[key]) else { throw FixtureError(description: "no number \(key)") }
    return value
  }

  func int(_ key: String) throws -> Int {
    guard let value = self[key] as? NSNumber else { throw FixtureError(description: "no number \(key)") }
    return value.intValue
  }

  func bool(_ key: String) throws -> Bool {
    guard let value = self[key] as? Bool else { throw FixtureError(description: "no bool \(key)") }
    return value
  }

  func string(_ key: String) throws -> String {
    guard let value = self[key] as? String else { throw FixtureError(description: "no string \(key)") }
    return value
  }

  func doubles(_ key: String) throws -> [Double] {
    guard let list = self[key] as? [Any] else { throw FixtureError(description: "no numbers \(key)") }
    let values = list.compactMap(exactDouble)
    guard values.count == list.count else { throw FixtureError(description: "non-numbers in \(key)") }
    return values
  }

  func matrix(_ key: String) throws -> [[Double]] {
    guard let rows = self[key] as? [[Any]] else { throw FixtureError(description: "no matrix \(key)") }
    let values = rows.map { $0.compactMap(exactDouble) }
    guard zip(values, rows).allSatisfy({ $0.count == $1.count }) else {
      throw FixtureError(description: "non-numbers in \(key)")
    }
    return values
  }
}

/// Relative closeness for examples 8–12 (tolerance 1e-12 per the fixture README).
func isClose(_ a: Double, _ b: Double, relative tolerance: Double = 1e-12) -> Bool {
  a == b || Swift.abs(a - b) <= tolerance * Swift.max(Swift.abs(a), Swift.abs(b))
}

/// Elementwise `isClose` for equal-length arrays.
func isClose(_ a: [Double], _ b: [Double], relative tolerance: Double = 1e-12) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { isClose($0, $1, relative: tolerance) }
}
