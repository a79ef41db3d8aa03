import Foundation

/// One review, for the statistics.
public struct ReviewRecord: Codable, Sendable, Hashable {
  public var exercise: String
  public var date: Date
  public var quality: Int
  public var passed: Bool
  public var level: Int
  /// True for a same-day re-drill, which the retention figures leave out
  /// (they measure recall after an interval); nil in older files.
  public var redrill: Bool?

  public init(exercise: String, date: Date, quality: Int, passed: Bool, level: Int, redrill: Bool? = nil) {
    self.exercise = exercise
    self.date = date
    self.quality = quality
    self.passed = passed
    self.level = level
    self.redrill = redrill
  }
}

/// The learner's practice progress: the schedule of each exercise tried and
/// a log of reviews. Stored as one JSON file with a format version.
public struct PracticeProgress: Codable, Sendable, Hashable {
  /// The format this build writes; a file with a larger number is left alone.
  public static let formatVersion = 1

  public var version = PracticeProgress.formatVersion
  /// By exercise name (`ex04-twenty-steps`).
  public var exercises: [String: ReviewState] = [:]
  public var log: [ReviewRecord] = []

  public init() {}

  /// The exercise to practise now: one waiting for its same-day re-drill,
  /// else the most overdue one, else the first new one in course order;
  /// nil when everything tried is not yet due and nothing is new.
  public func next(from exercises: [Exercise], now: Date, calendar: Calendar = .current) -> Exercise? {
    if let again = exercises.first(where: { exercise in
      self.exercises[exercise.name].map { Scheduler.needsRedrill($0, now: now, calendar: calendar) } ?? false
    }) {
      return again
    }
    let due = exercises.compactMap { exercise in
      self.exercises[exercise.name].flatMap { $0.due <= now ? (exercise, $0.due) : nil }
    }
    if let first = due.min(by: { $0.1 < $1.1 }) { return first.0 }
    return exercises.first { self.exercises[$0.name] == nil }
  }

  /// Records a review and reschedules the exercise. When the exercise is
  /// waiting for its same-day re-drill, the answer is that re-drill: it
  /// ends the re-drill at quality 4 or more and leaves the schedule alone.
  public mutating func record(
    _ exercise: Exercise, quality: Int, passed: Bool, level: Int, now: Date, calendar: Calendar = .current
  ) -> ReviewState {
    var state = exercises[exercise.name] ?? ReviewState(due: now)
    let isRedrill = Scheduler.needsRedrill(state, now: now, calendar: calendar)
    if isRedrill {
      state = Scheduler.redrill(state, quality: quality, now: now)
    } else {
      state.level = level
      state = Scheduler.review(state, quality: quality, passed: passed, now: now, maxLevel: exercise.levels)
    }
    exercises[exercise.name] = state
    log.append(
      ReviewRecord(
        exercise: exercise.name, date: now, quality: quality, passed: passed, level: level,
        redrill: isRedrill ? true : nil))
    return state
  }

  /// Whether `exercise` waits for a same-day re-drill at `now`.
  public func needsRedrill(_ exercise: Exercise, now: Date, calendar: Calendar = .current) -> Bool {
    exercises[exercise.name].map { Scheduler.needsRedrill($0, now: now, calendar: calendar) } ?? false
  }

  // MARK: - Statistics

  /// Reviews, passes, retention (passes / reviews) and the streak.
  /// Re-drills count for the streak but not as reviews.
  public struct Statistics: Sendable, Hashable {
    public var reviews: Int
    public var passes: Int
    /// Passes over reviews; nil before the first review.
    public var retention: Double?
    /// Days in a row with a review, ending today (or yesterday, so a
    /// streak is not lost before today's practice).
    public var streak: Int
  }

  /// The statistics at `now`, counting days in `calendar`'s time zone.
  public func statistics(now: Date, calendar: Calendar = .current) -> Statistics {
    let reviews = log.filter { $0.redrill != true }
    let passes = reviews.filter(\.passed).count
    let days = Set(log.map { calendar.startOfDay(for: $0.date) })
    var day = calendar.startOfDay(for: now)
    if !days.contains(day), let yesterday = calendar.date(byAdding: .day, value: -1, to: day) {
      day = yesterday
    }
    var streak = 0
    while days.contains(day), let previous = calendar.date(byAdding: .day, value: -1, to: day) {
      streak += 1
      day = previous
    }
    return Statistics(
      reviews: reviews.count, passes: passes,
      retention: reviews.isEmpty ? nil : Double(passes) / Double(reviews.count), streak: streak)
  }
}

/// Reads and writes the progress file, atomically; a file it cannot read
/// is moved aside with a message, never overwritten.
public struct ProgressStore: Sendable {
  public var path: String

  public init(path: String) {
    self.path = path
  }

  /// `$XDG_DATA_HOME/descent/progress.json`, else
  /// `~/.local/share/descent/progress.json`; nil without a home.
  public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String?
  {
    if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
      return data + "/descent/progress.json"
    }
    if let home = environment["HOME"], !home.isEmpty {
      return home + "/.local/share/descent/progress.json"
    }
    return nil
  }

  /// The progress in the file (empty when there is none), and a message
  /// when the file could not be used and was moved aside.
  public func load(now: Date) -> (progress: PracticeProgress, warning: String?) {
    guard let data = FileManager.default.contents(atPath: path) else { return (PracticeProgress(), nil) }
    struct VersionOnly: Decodable { var version: Int }
    let problem: String
    if let probe = try? Self.decoder.decode(VersionOnly.self, from: data) {
      if probe.version > PracticeProgress.formatVersion {
        problem =
          "was written by a newer descent (format \(probe.version); this one reads \(PracticeProgress.formatVersion))"
      } else if let progress = try? Self.decoder.decode(PracticeProgress.self, from: data) {
        return (progress, nil)
      } else {
        problem = "is damaged"
      }
    } else {
      problem = "is damaged (not a progress file)"
    }
    let aside = path + ".corrupt-" + Self.stamp(now)
    if rename(path, aside) == 0 {
      return (PracticeProgress(), "\(path) \(problem); moved it to \(aside) and started afresh")
    }
    return (PracticeProgress(), "\(path) \(problem) and could not be moved aside; progress is not saved")
  }

  /// Writes the progress atomically, creating the folder.
  public func save(_ progress: PracticeProgress) throws {
    let folder = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let data = try Self.encoder.encode(progress)
    try AtomicFile.write(Array(data) + [10], to: path)
  }

  static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }()

  static let decoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }()

  static func stamp(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    return formatter.string(from: date)
  }
}
