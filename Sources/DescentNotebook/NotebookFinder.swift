import Foundation

/// Finds the notebooks `descent check` should run.
public enum NotebookFinder {
  /// A file as given, or the `.md` files under a folder (recursively, in
  /// path order) that contain at least one descent cell; nil if the path
  /// does not exist. Hidden folders, `.build` and figure folders are skipped.
  public static func notebooks(at path: String) -> [String]? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
    guard isDirectory.boolValue else { return [path] }
    var found: [String] = []
    var queue = [path]
    while let folder = queue.popLast() {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      for name in names where !name.hasPrefix(".") {
        let child = folder.hasSuffix("/") ? folder + name : folder + "/" + name
        var childIsDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: child, isDirectory: &childIsDirectory) else { continue }
        if childIsDirectory.boolValue {
          if !name.hasSuffix(".figures") { queue.append(child) }
        } else if name.lowercased().hasSuffix(".md"), hasCells(child) {
          found.append(child)
        }
      }
    }
    return found.sorted()
  }

  /// Whether a file has a descent cell; a cheap text test first, cmark after.
  static func hasCells(_ path: String) -> Bool {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8), text.contains("descent")
    else { return false }
    return !Notebook(bytes: [UInt8](data), path: path).cells.isEmpty
  }
}
