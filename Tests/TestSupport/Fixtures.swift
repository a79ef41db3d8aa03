import Foundation

/// Locates the shared test fixtures (`Tests/Fixtures/`) from any test target.
///
/// The fixtures are copies of `shared/reference/`, so a clone of the project
/// alone passes its tests.
public enum Fixtures {
  /// The `Tests/` folder of this checkout.
  public static let testsDirectory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // TestSupport
    .deletingLastPathComponent()  // Tests

  /// The URL of a file under `Tests/Fixtures/`.
  public static func url(_ name: String) -> URL {
    testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name)
  }

  /// Parses a JSON fixture into Foundation objects. Careful with numbers:
  /// on Linux, JSONSerialization gives NSDecimalNumber, whose doubleValue
  /// can be an ulp off; for bit-exact doubles parse the number's text with
  /// `Double(String)` (the files hold Python float reprs, which read back
  /// exactly that way). Strings (the printed lines) are exact as they are.
  public static func json(_ name: String) throws -> Any {
    let data = try Data(contentsOf: url(name))
    return try JSONSerialization.jsonObject(with: data)
  }
}
