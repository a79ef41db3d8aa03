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

  /// Kills `descent run --update` with SIGKILL while it writes (once its
  /// temporary file appears, after a growing delay) and checks the notebook
  /// is always the old or the new file, whole.
  @Test(.enabled(if: NotebookFixtures.binary != nil, "needs the descent binary: run swift build first"))
  func killedUpdateLeavesOldOrNewFile() throws {
    // About 3 MB of output, so the write takes a while.
    let old = Array("# Big\n\n```descent\nfor i in 0..<60000 { print \"line\", i, \"of the big output block\" }\n```\n".utf8)
    let reference = try NotebookFixtures.scratchNotebook("big.md", old)
    #expect(try NotebookFixtures.runDescent(["run", "--update", reference]).status == 0)
    let new = NotebookFixtures.read(reference)
    #expect(new.count > 2_000_000)

    let path = try NotebookFixtures.scratchNotebook("big.md", old)
    let folder = (path as NSString).deletingLastPathComponent
    func temporaries() -> [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".big.md.tmp-") }
    }
    var outcomes: [String] = []
    var killedWhileWriting = 0
    for attempt in 0..<16 {
      try Data(old).write(to: URL(fileURLWithPath: path))
      // A killed run leaves its temporary file; it must not look like the next run's.
      for name in temporaries() { try FileManager.default.removeItem(atPath: folder + "/" + name) }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: NotebookFixtures.binary ?? "")
      process.arguments = ["run", "--update", path]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      // Wait for the temporary file: from then on the child is writing.
      while process.isRunning && temporaries().isEmpty { usleep(50) }
      usleep(useconds_t(attempt * 150))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      // A temporary file left behind means the kill came before the rename.
      if !temporaries().isEmpty { killedWhileWriting += 1 }
      let bytes = NotebookFixtures.read(path)
      #expect(bytes == old || bytes == new, "attempt \(attempt): \(bytes.count) bytes")
      outcomes.append(bytes == old ? "old" : bytes == new ? "new" : "broken")
    }
    // Some kills must have landed mid-write, or the test proved nothing.
    #expect(killedWhileWriting > 0, "\(outcomes)")
    // A later run cleans up temporary files a killed run left behind.
    try Data(old).write(to: URL(fileURLWithPath: path))
    #expect(try NotebookFixtures.runDescent(["run", "--update", path]).status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["big.md"])
    #expect(NotebookFixtures.read(path) == new)
  }
}
