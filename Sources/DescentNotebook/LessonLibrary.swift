import Foundation

/// A lesson shipped with descent.
public struct Lesson: Sendable {
  /// From the file name: `04-alpha.md` is lesson 4.
  public var number: Int
  public var title: String
  public var path: String
}

/// The lessons the binary carries: the top-level `Notebooks/` folder, turned
/// into Swift source at build time by the EmbedLessons plugin
/// (`EmbeddedLessons`), so a copied `descent` alone still has them.
///
/// Lessons are read as files (they load data beside them, and `descent
/// lessons --path N` shows one to copy), so on first use the embedded
/// folder is unpacked once into the user's cache, in a folder named by the
/// lessons' fingerprint; a binary with other lessons unpacks its own.
public enum LessonLibrary {
  /// The folder holding the lessons, or nil (with `problem` saying why).
  /// `DESCENT_LESSONS` overrides it (to try lessons being written without
  /// rebuilding).
  public static var directory: String? {
    if let override = ProcessInfo.processInfo.environment["DESCENT_LESSONS"], !override.isEmpty {
      return override
    }
    return unpacked.folder
  }

  /// Why there is no lesson folder, in words for the user.
  public static var problem: String {
    unpacked.problem ?? "no lesson folder"
  }

  /// The embedded lessons, unpacked once per process.
  private static let unpacked: (folder: String?, problem: String?) = {
    var problems: [String] = []
    for base in cacheFolders() {
      do { return (try unpack(into: base), nil) } catch { problems.append("\(error)") }
    }
    return (nil, "cannot unpack the lessons: " + problems.joined(separator: "; "))
  }()

  /// Where the lessons may be unpacked: the XDG cache, else a folder of the
  /// user's in the temporary folder.
  private static func cacheFolders() -> [String] {
    let environment = ProcessInfo.processInfo.environment
    var folders: [String] = []
    if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
      folders.append(cache + "/descent")
    } else if let home = environment["HOME"], !home.isEmpty {
      folders.append(home + "/.cache/descent")
    }
    folders.append(NSTemporaryDirectory() + "descent-\(getuid())")
    return folders
  }

  /// Writes the embedded files into `base/lessons-FINGERPRINT` unless a
  /// complete copy is there: a temporary folder is filled, then renamed
  /// into place, so no reader ever sees half a folder (two processes
  /// unpacking at once both end up with one complete copy).
  private static func unpack(into base: String) throws(AtomicFile.WriteError) -> String {
    let target = base + "/lessons-" + EmbeddedLessons.fingerprint
    let files = FileManager.default
    if files.fileExists(atPath: target) { return target }
    do {
      try files.createDirectory(atPath: base, withIntermediateDirectories: true)
      // Beside the target, so the rename stays in one file system.
      let staging = base + "/.lessons-\(EmbeddedLessons.fingerprint)-\(getpid())-\(UUID().uuidString)"
      defer { try? files.removeItem(atPath: staging) }
      for (path, base64) in EmbeddedLessons.files {
        guard let bytes = Data(base64Encoded: base64) else { continue }
        let destination = staging + "/lessons/" + path
        try files.createDirectory(
          atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: destination))
      }
      if rename(staging + "/lessons", target) != 0, !files.fileExists(atPath: target) {
        throw AtomicFile.WriteError(description: "cannot rename into \(target): \(String(cString: strerror(errno)))")
      }
      return target
    } catch let error as AtomicFile.WriteError {
      throw error
    } catch {
      throw AtomicFile.WriteError(description: "\(base): \(error.localizedDescription)")
    }
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
