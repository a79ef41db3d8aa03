import Foundation
import PackagePlugin

/// Turns the lessons and exercises (`Notebooks/`, with their data files and
/// figures) into Swift source at build time, so the `descent` binary alone
/// carries them: a copied binary still has every lesson. The generated
/// file lives in the build folder, never in the repository, so it cannot
/// drift from the lessons: a changed lesson file makes the build write it
/// again. The work is `embed-lessons.sh`'s (it says why it is a script).
@main
struct EmbedLessons: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let package = context.package.directoryURL
    let folder = package.appendingPathComponent("Notebooks")
    let script = package.appendingPathComponent("Plugins/EmbedLessons/embed-lessons.sh")
    // The language reference that `:help TOPIC` prints rides along.
    let reference = package.appendingPathComponent("Grammar/reference.md")
    let outputs = context.pluginWorkDirectoryURL.appendingPathComponent("Generated")
    return [
      .buildCommand(
        displayName: "Embedding the lessons and exercises of Notebooks/",
        executable: URL(fileURLWithPath: "/bin/bash"),
        arguments: [script.path, folder.path, outputs.path, reference.path],
        inputFiles: [script, reference] + lessonFiles(in: folder),
        outputFiles: [outputs.appendingPathComponent("EmbeddedLessons.swift")])
    ]
  }

  /// Every file below `folder` except hidden ones: the inputs whose change
  /// makes the build embed the lessons again.
  private func lessonFiles(in folder: URL) -> [URL] {
    guard
      let walker = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    else { return [] }
    return walker.compactMap { $0 as? URL }.filter {
      (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
    }
  }
}
