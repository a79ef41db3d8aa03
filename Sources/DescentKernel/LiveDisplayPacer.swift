/// When the kernel's live view of a `train` sends a frame: nothing for the
/// first `delay` seconds (a short train shows nothing extra, so stored
/// lesson outputs stay as they were), then the first frame as a
/// `display_data`, then an update at most every `interval` seconds. Pure:
/// the caller supplies the time, so the tests time nothing.
struct LiveDisplayPacer: Equatable {
  /// What is due at one tick.
  enum Frame: Equatable {
    /// The first frame: a new output with the run's display id.
    case first
    /// A later frame: replaces that output in place.
    case update
  }

  /// Seconds a run goes before its view appears (the terminal's, too).
  static let delay = 0.3
  /// Seconds between frames: three or four a second, few enough for a
  /// browser to redraw an SVG each time without falling behind.
  static let interval = 0.25

  /// Whether the first frame has gone out (so the run's end updates it).
  private(set) var shown = false
  private var lastSent = -Double.infinity

  /// The frame due `elapsed` seconds into the run, if any; records it as sent.
  mutating func due(elapsed: Double) -> Frame? {
    guard elapsed >= Self.delay, elapsed - lastSent >= Self.interval else { return nil }
    lastSent = elapsed
    defer { shown = true }
    return shown ? .update : .first
  }
}
