#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension TerminalRenderer {
  /// The size of the terminal on standard output in character cells: asked of
  /// the terminal (`TIOCGWINSZ`), else `COLUMNS`/`LINES`, else 80 × 24.
  public static func terminalSize() -> (columns: Int, rows: Int) {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return (Int(size.ws_col), size.ws_row > 0 ? Int(size.ws_row) : 24)
    }
    return (environmentNumber("COLUMNS") ?? 80, environmentNumber("LINES") ?? 24)
  }

  private static func environmentNumber(_ name: String) -> Int? {
    guard let raw = getenv(name), let value = Int(String(cString: raw)), value > 0, value < 10_000
    else {
      return nil
    }
    return value
  }
}
