/// How `descent check` compares an output line with the stored one: text
/// exactly, numbers within a relative tolerance, so a last-bit difference
/// on another machine's libm does not fail a lesson.
///
/// Each line is cut into runs of number and non-number text; the runs must
/// pair up, text runs equal and number runs with `|a - b| ≤ relative ×
/// max(|a|, |b|)`. Tolerance 0 asks for equal values (`36` and `36.0`
/// still match: the same number).
public struct Tolerance: Sendable, Hashable {
  /// The default relative tolerance.
  public static let defaultRelative = 1e-9

  public var relative: Double

  /// Creates a tolerance.
  public init(relative: Double = Tolerance.defaultRelative) {
    self.relative = relative
  }

  /// One run of a line.
  enum Piece: Equatable {
    case text(Substring)
    case number(Substring)
  }

  /// Whether two output lines match.
  public func matches(_ stored: Substring, _ actual: Substring) -> Bool {
    if stored == actual { return true }
    let a = Self.pieces(stored)
    let b = Self.pieces(actual)
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) {
      switch (x, y) {
      case (.text(let s), .text(let t)):
        if s != t { return false }
      case (.number(let s), .number(let t)):
        if s == t { continue }
        guard let u = Double(s), let v = Double(t), u.isFinite, v.isFinite else { return false }
        if abs(u - v) > relative * max(abs(u), abs(v)) { return false }
      default:
        return false
      }
    }
    return true
  }

  /// Cuts a line into number and text runs. A number is an optional sign
  /// (not after a letter or digit, so `x-1` stays text and number), digits
  /// with an optional fraction, and an optional exponent.
  static func pieces(_ line: Substring) -> [Piece] {
    let bytes = Array(line.utf8)
    var pieces: [Piece] = []
    var textStart = 0
    var i = 0
    func isDigit(_ j: Int) -> Bool { j < bytes.count && bytes[j] >= 48 && bytes[j] <= 57 }
    func isWordByte(_ j: Int) -> Bool {
      j >= 0 && j < bytes.count
        && (isDigit(j) || (bytes[j] | 0x20 >= 97 && bytes[j] | 0x20 <= 122) || bytes[j] == 95)
    }
    func slice(_ from: Int, _ to: Int) -> Substring {
      let start = line.utf8.index(line.startIndex, offsetBy: from)
      let end = line.utf8.index(line.startIndex, offsetBy: to)
      return line[start..<end]
    }
    while i < bytes.count {
      var j = i
      if (bytes[j] == 45 || bytes[j] == 43) && !isWordByte(j - 1) { j += 1 }  // sign
      let mantissaStart = j
      while isDigit(j) { j += 1 }
      if j < bytes.count && bytes[j] == 46 && (isDigit(j + 1) || j > mantissaStart) {
        j += 1
        while isDigit(j) { j += 1 }
      }
      let hasDigits = (mantissaStart..<j).contains { isDigit($0) }
      // A number must not start inside a word: "x1" and "cell3" are text.
      guard hasDigits, !isWordByte(i - 1) || bytes[i] == 45 || bytes[i] == 43 else {
        i += 1
        continue
      }
      if j < bytes.count && (bytes[j] == 101 || bytes[j] == 69) {
        var k = j + 1
        if k < bytes.count && (bytes[k] == 45 || bytes[k] == 43) { k += 1 }
        if isDigit(k) {
          while isDigit(k) { k += 1 }
          j = k
        }
      }
      if textStart < i { pieces.append(.text(slice(textStart, i))) }
      pieces.append(.number(slice(i, j)))
      i = j
      textStart = j
    }
    if textStart < bytes.count { pieces.append(.text(slice(textStart, bytes.count))) }
    return pieces
  }
}
