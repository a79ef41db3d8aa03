#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Python 3's `round(x, digits)`: the exact binary value of `x` rounded to
/// `digits` decimal places, ties to even, read back as the nearest double.
///
/// The naive `(x * 100).rounded() / 100` is wrong twice over: `x * 100` is
/// itself rounded, and ties go away from zero. It changes the article's loop
/// at alpha 2.5, 7.5, 12.5, 17.5 and 37.5. glibc's `printf("%.*f")` formats
/// the exact binary value with round-half-even, and `Double(String)` (strtod)
/// reads back correctly rounded, so together they are Python's algorithm.
/// Negative `digits` round to tens, hundreds, … (`round(1250.0, -2) == 1200.0`);
/// NaN and infinities come back unchanged. Where Python raises
/// `OverflowError` (a result too large for a double) this returns ±infinity.
public func pythonRound(_ x: Double, _ digits: Int) -> Double {
  guard x.isFinite else { return x }
  // Python's limits: beyond ~323 places nothing changes; below -308 everything is 0.
  if digits > 323 { return x }
  if digits < -308 { return 0.0 * x }
  if digits >= 0 { return roundToPlaces(x, digits) }
  return roundToPowerOfTen(x, -digits)
}

/// Formats `x` with `%.*f` and `places` decimals into a buffer large enough
/// for any double (309 integer digits), and parses it back.
private func roundToPlaces(_ x: Double, _ places: Int) -> Double {
  formatFixed(x, places).flatMap(Double.init) ?? x
}

/// The exact decimal text of `x` with `places` decimals (glibc rounds the
/// exact binary value half-to-even).
private func formatFixed(_ x: Double, _ places: Int) -> String? {
  let capacity = places + 320
  return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
    let written = withVaList([Int32(places), x]) { arguments in
      vsnprintf(buffer.baseAddress, capacity, "%.*f", arguments)
    }
    guard written > 0 && Int(written) < capacity, let base = buffer.baseAddress else { return nil }
    return String(cString: base)
  }
}

/// Rounds to a multiple of `10^power` (power ≥ 1) by decimal-string
/// arithmetic on the exact integer part, using the fraction only to break ties.
private func roundToPowerOfTen(_ x: Double, _ power: Int) -> Double {
  let magnitude = Swift.abs(x)
  let integerPart = magnitude.rounded(.towardZero)
  let hasFraction = integerPart != magnitude
  guard let text = formatFixed(integerPart, 0) else { return x }
  var digits = Array(text.utf8).map { Int($0) - 48 }
  if digits.count < power + 1 {
    digits = Array(repeating: 0, count: power + 1 - digits.count) + digits
  }
  let keptCount = digits.count - power
  let dropped = digits[keptCount...]
  let first = dropped.first ?? 0
  let restIsZero = dropped.dropFirst().allSatisfy { $0 == 0 } && !hasFraction
  var kept = Array(digits[..<keptCount])
  let roundUp = first > 5 || (first == 5 && (!restIsZero || (kept.last ?? 0) % 2 == 1))
  if roundUp {
    var index = kept.count - 1
    while index >= 0 {
      if kept[index] == 9 {
        kept[index] = 0
        index -= 1
      } else {
        kept[index] += 1
        break
      }
    }
    if index < 0 { kept.insert(1, at: 0) }
  }
  let body = kept.map(String.init).joined() + String(repeating: "0", count: power)
  let result = Double(body) ?? .infinity
  return x < 0 ? -result : result
}
