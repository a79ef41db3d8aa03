import Foundation
import Testing

@testable import DescentNotebook

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct AtomicWriteTests {
  @Test func failingWriteLeavesTheOriginal() throws {
    let path = try NotebookFixtures.scratchNotebook("a.md", Array("original\n".utf8))
    #expect(throws: AtomicFile.WriteError.self) {
      try AtomicFile.write(Array(String(repeating: "new\n", count: 1000).utf8), to: path, failAfter: 100)
    }
    #expect(NotebookFixtures.read(path) == Array("original\n".utf8))
    let folder = (path as NSString).deletingLastPathComponent
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["a.md"])
  }

  @Test func writeKeepsPermissions() throws {
    let path = try NotebookFixtures.scratchNotebook("p.md", Array("x\n".utf8))
    chmod(path, 0o640)
    try AtomicFile.write(Array("y\n".utf8), to: path)
    var info = stat()
    stat(path, &info)
    #expect(info.st_mode & 0o777 == 0o640)
    #expect(NotebookFixtures.read(path) == Array("y\n".utf8))
  }

  /// Kills `descent run --update` with SIGKILL at random moments, most of
  /// them late in the run where it writes, and checks the notebook is
  /// always the old or the new file, whole.
  @Test(.enabled(if: NotebookFixtures.binary != nil, "needs the descent binary: run swift build first"))
  func killedUpdateLeavesOldOrNewFile() throws {
    // About 3 MB of output, so the write takes a while.
    let old = Array("# Big\n\n```descent\nfor i in 0..<60000 { print \"line\", i, \"of the big output block\" }\n```\n".utf8)
    let reference = try NotebookFixtures.scratchNotebook("big.md", old)
    let started = Date()
    let run = try NotebookFixtures.runDescent(["run", "--update", reference])
    let duration = Date().timeIntervalSince(started)
    #expect(run.status == 0)
    let new = NotebookFixtures.read(reference)
    #expect(new.count > 2_000_000)

    let path = try NotebookFixtures.scratchNotebook("big.md", old)
    var outcomes = (old: 0, new: 0)
    for attempt in 0..<12 {
      try Data(old).write(to: URL(fileURLWithPath: path))
      let process = Process()
      process.executableURL = URL(fileURLWithPath: NotebookFixtures.binary ?? "")
      process.arguments = ["run", "--update", path]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      // Spread the kills over the second half of a run and a little past it.
      let fraction = 0.5 + 0.6 * Double(attempt) / 11
      usleep(useconds_t(duration * fraction * 1_000_000))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let bytes = NotebookFixtures.read(path)
      #expect(bytes == old || bytes == new, "attempt \(attempt): \(bytes.count) bytes")
      if bytes == old { outcomes.old += 1 } else if bytes == new { outcomes.new += 1 }
    }
    // A later run cleans up temporary files a killed run left behind.
    try Data(old).write(to: URL(fileURLWithPath: path))
    #expect(try NotebookFixtures.runDescent(["run", "--update", path]).status == 0)
    let folder = (path as NSString).deletingLastPathComponent
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["big.md"])
    #expect(NotebookFixtures.read(path) == new)
  }
}
