import Foundation

/// The project's own Python environment, `.venv/` (made by `scripts/setup`
/// from `scripts/python-requirements.txt`): the tests' Python tools live
/// there, not in the system's `python3`.
public enum ProjectPython {
  /// `.venv/bin/python` of this checkout.
  public static let executable: URL = Fixtures.testsDirectory
    .deletingLastPathComponent()  // the checkout
    .appendingPathComponent(".venv/bin/python")

  /// Whether the environment exists and can import `module`.
  public static func canImport(_ module: String) -> Bool {
    let process = Process()
    process.executableURL = executable
    process.arguments = ["-c", "import \(module)"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}
