import Foundation

/// Writes the Swift source that carries the lessons: every file below the
/// lesson folder (hidden ones left out), by its path relative to the folder,
/// base64-encoded so any byte survives. Run by the EmbedLessons build-tool
/// plugin: `LessonEmbedder FOLDER OUTPUT.swift`.
///
/// `@main` rather than top-level code: the fuzzing build compiles every
/// executable as a library (`--sanitize=fuzzer`), this one included.
@main
enum LessonEmbedder {
  static func main() throws {
    let arguments = CommandLine.arguments
    guard arguments.count == 3 else {
      FileHandle.standardError.write(Data("usage: LessonEmbedder LESSON-FOLDER OUTPUT.swift\n".utf8))
      exit(64)
    }
    let folder = URL(fileURLWithPath: arguments[1]).standardizedFileURL
    let output = URL(fileURLWithPath: arguments[2])

    guard
      let walker = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    else {
      FileHandle.standardError.write(Data("LessonEmbedder: cannot read \(folder.path)\n".utf8))
      exit(66)
    }
    var files: [(path: String, bytes: Data)] = []
    for case let url as URL in walker {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
      let relative = String(url.standardizedFileURL.path.dropFirst(folder.path.count + 1))
      files.append((relative, try Data(contentsOf: url)))
    }
    files.sort { $0.path < $1.path }

    // FNV-1a over paths and contents: names the folder the lessons are
    // unpacked into, so a binary with other lessons never reads stale copies.
    var fingerprint: UInt64 = 0xcbf2_9ce4_8422_2325
    for file in files {
      for byte in Array(file.path.utf8) + [0] + Array(file.bytes) {
        fingerprint = (fingerprint ^ UInt64(byte)) &* 0x100_0000_01b3
      }
    }

    var source = """
      // Generated at build time by the EmbedLessons plugin from the lesson
      // folder; not in the repository. Do not edit.

      /// The lessons and exercises carried by the binary (see `LessonLibrary`).
      enum EmbeddedLessons {
        /// Changes whenever any embedded file does.
        static let fingerprint = "\(String(fingerprint, radix: 16))"

        /// Each file's path below the lesson folder and its bytes in base64.
        static let files: [(path: String, base64: String)] = [

      """
    for file in files {
      let path = file.path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      source += "    (\"\(path)\", \"\(file.bytes.base64EncodedString())\"),\n"
    }
    source += "  ]\n}\n"
    do {
      try Data(source.utf8).write(to: output, options: .atomic)
    } catch {
      FileHandle.standardError.write(Data("LessonEmbedder: cannot write \(output.path): \(error)\n".utf8))
      exit(73)
    }
  }
}
