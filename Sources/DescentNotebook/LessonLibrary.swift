import Foundation

/// A lesson shipped with descent.
public struct Lesson: Sendable {
  /// From the file name: `04-alpha.md` is lesson 4.
  public var number: Int
  public var title: String
  public var path: String
}

/// The lessons in the binary's resource bundle: the top-level `Notebooks/`
/// folder, reached through the `Lessons` symlink in this module's folder
/// and copied into the bundle by SwiftPM (see Package.swift).
public enum LessonLibrary {
  /// The folder holding the lessons. `DESCENT_LESSONS` overrides it (to try
  /// lessons being written without rebuilding).
  public static var directory: String? {
    if let override = ProcessInfo.processInfo.environment["DESCENT_LESSONS"], !override.isEmpty {
      return override
    }
    // Look for the bundle beside the executable ourselves: SwiftPM's
    // `Bundle.module` stops the process when the bundle is missing (a binary
    // copied without it), and a missing lesson folder deserves a message.
    let name = "Descent_DescentNotebook"
    let places = [Bundle.main.bundleURL, Bundle.main.resourceURL].compactMap { $0 }
    for place in places {
      for candidate in [name + ".resources", name + ".bundle"] {
        let url = place.appendingPathComponent(candidate)
        if FileManager.default.fileExists(atPath: url.path) {
          return Bundle(url: url)?.resourcePath ?? url.path
        }
      }
    }
    return nil
  }

  /// The lessons, by number.
  public static func lessons() -> [Lesson] {
    guard let directory else { return [] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.compactMap { name -> Lesson? in
      guard name.hasSuffix(".md"), let number = Int(name.prefix { $0.isASCII && $0.isNumber }) else {
        return nil
      }
      let path = directory + "/" + name
      guard let notebook = try? Notebook.read(path: path) else { return nil }
      return Lesson(number: number, title: notebook.title ?? String(name.dropLast(3)), path: path)
    }.sorted { ($0.number, $0.path) < ($1.number, $1.path) }
  }

  /// The lesson with a number, if there is one.
  public static func lesson(_ number: Int) -> Lesson? {
    lessons().first { $0.number == number }
  }
}
