import Foundation
import PackagePlugin

/// Turns the lessons and exercises (`Notebooks/`, with their data files and
/// figures) into Swift source at build time, so the `descent` binary alone
/// carries them: a copied binary still has every lesson. The generated file
/// lives in the build folder, never in the repository, so it cannot drift
/// from the lessons; any change to a lesson file rebuilds it.
@main
struct EmbedLessons: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let folder = context.package.directoryURL.appendingPathComponent("Notebooks")
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedLessons.swift")
    return [
      .buildCommand(
        displayName: "Embedding the lessons and exercises of \(folder.lastPathComponent)/",
        executable: try context.tool(named: "LessonEmbedder").url,
        arguments: [folder.path, output.path],
        inputFiles: lessonFiles(in: folder),
        outputFiles: [output])
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
