import ArgumentParser
import DescentNotebook

/// `descent lessons`: the lessons that ship with descent.
struct Lessons: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons",
    abstract: "List the lessons that ship with descent.",
    discussion: "Run one with `descent run lesson N`; copy it to edit it: `descent lessons --path N`.")

  @Option(help: "Print where lesson N's file is instead of the list.")
  var path: Int?

  func run() throws {
    let lessons = LessonLibrary.lessons()
    if let path {
      guard let lesson = lessons.first(where: { $0.number == path }) else {
        Terminal.standardError("descent: there is no lesson \(path); `descent lessons` lists them\n")
        throw ExitCode(ExitStatus.usage)
      }
      print(lesson.path)
      return
    }
    guard !lessons.isEmpty else {
      Terminal.standardError(
        "descent: no lessons found in \(LessonLibrary.directory ?? "the binary (\(LessonLibrary.problem))")\n")
      throw ExitCode(ExitStatus.usage)
    }
    for lesson in lessons {
      let number = String(lesson.number)
      print(String(repeating: " ", count: max(0, 3 - number.count)) + number + "  " + lesson.title)
    }
  }
}
