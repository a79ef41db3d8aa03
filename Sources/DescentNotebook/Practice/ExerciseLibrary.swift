import Foundation

/// The exercises shipped with descent: `exNN-name.md` files in the lesson
/// folder's `exercises/` subfolder (the lessons the binary carries, or
/// `DESCENT_LESSONS`), or beside the lessons.
/// The `ex` prefix keeps them out of the lesson list (which takes files
/// whose names start with a number) and their names apart from lessons'.
public enum ExerciseLibrary {
  /// The exercises in `directory` (default: the lesson folder), in course
  /// order, and the files that could not be read.
  public static func exercises(in directory: String? = LessonLibrary.directory) -> (
    exercises: [Exercise], problems: [String]
  ) {
    guard let directory else { return ([], [LessonLibrary.problem]) }
    var exercises: [Exercise] = []
    var problems: [String] = []
    for folder in [directory + "/exercises", directory] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      for name in names.sorted() where isExerciseFile(name) {
        guard !exercises.contains(where: { $0.name + ".md" == name }) else { continue }
        do { exercises.append(try Exercise.read(path: folder + "/" + name)) } catch {
          problems.append(error.description)
        }
      }
    }
    return (exercises.sorted { ($0.number, $0.name) < ($1.number, $1.name) }, problems)
  }

  /// `ex` + digits + `-` + … + `.md`.
  static func isExerciseFile(_ name: String) -> Bool {
    guard name.hasPrefix("ex"), name.hasSuffix(".md") else { return false }
    let digits = name.dropFirst(2).prefix { $0.isASCII && $0.isNumber }
    return !digits.isEmpty && name.dropFirst(2 + digits.count).hasPrefix("-")
  }

  /// The exercise named `name`: its full name, or without the `exNN-`
  /// (`compare`), or by number (`2`) or id (`ex02`, as `--list` starts it).
  public static func find(_ name: String, in exercises: [Exercise]) -> Exercise? {
    let number = Int(name) ?? (name.hasPrefix("ex") ? Int(name.dropFirst(2)) : nil)
    return exercises.first { $0.name == name || $0.name == name.replacingOccurrences(of: ".md", with: "") }
      ?? exercises.first { $0.name.split(separator: "-", maxSplits: 1).last.map(String.init) == name }
      ?? number.flatMap { n in exercises.first { $0.number == n } }
  }
}
