import CEditLine
import Foundation

/// The lines typed at the prompt, kept by libedit (so Up, Down and Ctrl-R
/// search them) and saved to `$XDG_STATE_HOME/descent/history`, else
/// `~/.local/state/descent/history`, after every line.
final class REPLHistoryFile {
  /// libedit's history list (an opaque `History *`).
  let handle: OpaquePointer
  /// Where the history is saved; nil when there is no home to save it in.
  let path: String?
  /// Most lines kept, in memory and in the file.
  static let capacity: Int32 = 1000
  /// Set after the first failed save, so the warning is printed once.
  private var warned = false
  private let warn: (String) -> Void

  /// Opens the history and reads the saved lines, if there are any.
  init?(path: String?, warn: @escaping (String) -> Void) {
    guard let handle = descent_history_init() else { return nil }
    self.handle = handle
    self.path = path
    self.warn = warn
    var event = HistEvent()
    descent_history_set_size(handle, &event, REPLHistoryFile.capacity)
    descent_history_set_unique(handle, &event, 1)
    if let path, FileManager.default.fileExists(atPath: path) {
      // A file from another program or version is ignored, not fatal.
      _ = descent_history_load(handle, &event, path)
    }
  }

  deinit { descent_history_end(handle) }

  /// The default history file, following the XDG base directory spec.
  static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String?
  {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return state + "/descent/history"
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.local/state/descent/history"
  }

  /// Adds a line and saves the file (a line is never lost to a crash or a
  /// closed terminal). The first failure to save prints one warning.
  func add(_ line: String) {
    var event = HistEvent()
    descent_history_enter(handle, &event, line)
    save()
  }

  /// The lines in memory, oldest first.
  var entries: [String] {
    var event = HistEvent()
    var lines: [String] = []
    // libedit's list runs from the newest (H_FIRST) to the oldest (H_LAST);
    // H_PREV steps from older to newer.
    var status = descent_history_last(handle, &event)
    while status == 0 {
      if let text = event.str {
        var line = String(cString: text)
        if line.hasSuffix("\n") { line.removeLast() }
        lines.append(line)
      }
      status = descent_history_prev(handle, &event)
    }
    return lines
  }

  /// Writes the file, creating its folders on first use.
  private func save() {
    guard let path, !warned else { return }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var event = HistEvent()
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      if descent_history_save(handle, &event, path) < 0 {
        throw CocoaError(.fileWriteNoPermission)
      }
    } catch {
      warned = true
      warn("warning: cannot save the history to \(path); it is kept for this session only")
    }
  }
}
