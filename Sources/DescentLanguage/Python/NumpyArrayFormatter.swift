// API note: `NumpyArrayFormatter.repr(.float64(values), shape: [2, 3])` is
// numpy's `repr(a)` with default print options (`array([[1. , 0.5, ...`), and
// `str(...)` its `str(a)`; the values are flat, in C order. `scalarRepr` and
// `scalarStr` are numpy 2's scalars (`np.float64(0.5)` and `0.5`).

/// numpy 2's `repr` and `str` of float64, int64 and bool arrays of any rank,
/// with the default print options: precision 8, floatmode 'maxprec', line
/// width 75, summarised with `...` beyond 1000 elements (3 at each edge).
public enum NumpyArrayFormatter {
  /// An array's elements, flat in C order, with their dtype.
  public enum Elements: Sendable, Equatable {
    case float64([Double])
    case int64([Int])
    case bool([Bool])

    /// How many elements there are.
    public var count: Int {
      switch self {
      case .float64(let v): v.count
      case .int64(let v): v.count
      case .bool(let v): v.count
      }
    }

    /// numpy's dtype name.
    public var dtypeName: String {
      switch self {
      case .float64: "float64"
      case .int64: "int64"
      case .bool: "bool"
      }
    }
  }

  static let lineWidth = 75
  static let threshold = 1000
  static let edgeItems = 3

  /// `repr(a)`: `array([0.5, 1. ])`, `array([], dtype=float64)`, `array(2.)`;
  /// a summarised array (over 1000 elements) ends `, shape=(2000,))` as numpy 2.2+.
  public static func repr(_ elements: Elements, shape: [Int]) -> String {
    let prefix = "array("
    var extras: [String] = []
    if (elements.count == 0 && shape != [0]) || elements.count > threshold {
      extras.append("shape=" + shapeText(shape))
    }
    if elements.count == 0 { extras.append("dtype=" + elements.dtypeName) }
    let list =
      elements.count == 0
      ? "[]" : arrayText(elements, shape: shape, separator: ", ", prefix: prefix, suffix: ")")
    if extras.isEmpty { return prefix + list + ")" }
    // The extras go on a line of their own when they would pass the width.
    let text = prefix + list + ","
    let extraText = extras.joined(separator: ", ") + ")"
    let lastLine =
      text.count
      - ((text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) + 1 }) ?? 0)
    let spacer =
      lastLine + extraText.count + 1 > lineWidth
      ? "\n" + String(repeating: " ", count: prefix.count) : " "
    return text + spacer + extraText
  }

  /// `str(a)`: `[0.5 1. ]`; a 0-d array prints as its scalar (`0.5`).
  public static func str(_ elements: Elements, shape: [Int]) -> String {
    if shape.isEmpty, elements.count == 1 { return scalarStr(elements, at: 0) }
    if elements.count == 0 { return "[]" }
    return arrayText(elements, shape: shape, separator: " ", prefix: "", suffix: "")
  }

  /// numpy 2's scalar repr: `np.float64(0.5)`, `np.int64(3)`, `np.True_`
  /// (`index` must be one of the elements').
  public static func scalarRepr(_ elements: Elements, at index: Int = 0) -> String {
    switch elements {
    case .float64(let v): "np.float64(" + PythonFloat.repr(v[index]) + ")"
    case .int64(let v): "np.int64(" + String(v[index]) + ")"
    case .bool(let v): v[index] ? "np.True_" : "np.False_"
    }
  }

  /// A numpy scalar's `str`: for float64 the same text as Python's float repr.
  public static func scalarStr(_ elements: Elements, at index: Int = 0) -> String {
    switch elements {
    case .float64(let v): PythonFloat.repr(v[index])
    case .int64(let v): String(v[index])
    case .bool(let v): v[index] ? "True" : "False"
    }
  }

  /// A tuple of ints as Python writes a shape: `(3,)`, `(2, 3)`.
  public static func shapeText(_ shape: [Int]) -> String {
    PythonRepr.tuple(shape.map(String.init))
  }

  // MARK: - array2string

  static func arrayText(
    _ elements: Elements, shape: [Int], separator: String, prefix: String, suffix: String
  )
    -> String
  {
    let summarise = elements.count > threshold
    let shown = summarise ? summarisedIndices(shape: shape) : Array(0..<elements.count)
    let format = elementFormatter(elements, shownIndices: shown, isScalar: shape.isEmpty)
    let layout = ArrayLayout(
      shape: shape, format: format, separator: separator, summaryInsert: summarise ? "..." : "",
      edgeItems: edgeItems)
    return layout.recurse(
      index: [], hangingIndent: " " + String(repeating: " ", count: prefix.count),
      currentWidth: lineWidth - suffix.count)
  }

  /// The flat indices numpy's `_leading_trailing` keeps: on each axis longer
  /// than twice the edge items, only the first and last three.
  static func summarisedIndices(shape: [Int]) -> [Int] {
    var result: [Int] = [0]
    for extent in shape {
      let kept =
        extent > 2 * edgeItems
        ? Array(0..<edgeItems) + Array((extent - edgeItems)..<extent) : Array(0..<extent)
      result = result.flatMap { base in kept.map { base * extent + $0 } }
    }
    return result
  }

  /// numpy's per-dtype element formatter, fitted to the shown elements.
  static func elementFormatter(_ elements: Elements, shownIndices: [Int], isScalar: Bool) -> (Int)
    -> String
  {
    switch elements {
    case .float64(let values):
      let format = NumpyFloatFormat(shownIndices.map { values[$0] })
      return { format.format(values[$0]) }
    case .int64(let values):
      let shown = shownIndices.map { values[$0] }
      let width = max(String(shown.max() ?? 0).count, String(shown.min() ?? 0).count)
      return { i in
        let text = String(values[i])
        return String(repeating: " ", count: max(0, width - text.count)) + text
      }
    case .bool(let values):
      let trueText = isScalar ? "True" : " True"
      return { values[$0] ? trueText : "False" }
    }
  }
}

/// numpy's `_formatArray`: nested brackets, wrapping at the line width with a
/// hanging indent, `...` in place of the middle of long axes.
struct ArrayLayout {
  let shape: [Int]
  let format: (Int) -> String
  let separator: String
  let summaryInsert: String
  let edgeItems: Int

  func flatIndex(_ index: [Int]) -> Int {
    zip(index, shape).reduce(0) { $0 * $1.1 + $1.0 }
  }

  func recurse(index: [Int], hangingIndent: String, currentWidth: Int) -> String {
    let axis = index.count
    let axesLeft = shape.count - axis
    if axesLeft == 0 { return format(flatIndex(index)) }
    let nextHangingIndent = hangingIndent + " "
    let nextWidth = currentWidth - 1
    let length = shape[axis]
    let showSummary = !summaryInsert.isEmpty && 2 * edgeItems < length
    let leading = showSummary ? edgeItems : 0
    let trailing = showSummary ? edgeItems : length
    var s = ""
    let trimmedSeparator = String(separator.reversed().drop(while: { $0 == " " }).reversed())
    if axesLeft == 1 {
      let elementWidth = currentWidth - max(trimmedSeparator.count, 1)
      var line = hangingIndent
      for i in 0..<leading {
        let word = recurse(
          index: index + [i], hangingIndent: nextHangingIndent, currentWidth: nextWidth)
        extend(&s, &line, word, elementWidth, hangingIndent)
        line += separator
      }
      if showSummary {
        extend(&s, &line, summaryInsert, elementWidth, hangingIndent)
        line += separator
      }
      if trailing > 1 {
        for i in stride(from: trailing, to: 1, by: -1) {
          let word = recurse(
            index: index + [length - i], hangingIndent: nextHangingIndent, currentWidth: nextWidth)
          extend(&s, &line, word, elementWidth, hangingIndent)
          line += separator
        }
      }
      let word = recurse(
        index: index + [length - 1], hangingIndent: nextHangingIndent, currentWidth: nextWidth)
      extend(&s, &line, word, elementWidth, hangingIndent)
      s += line
    } else {
      let lineSeparator = trimmedSeparator + String(repeating: "\n", count: axesLeft - 1)
      for i in 0..<leading {
        let nested = recurse(
          index: index + [i], hangingIndent: nextHangingIndent, currentWidth: nextWidth)
        s += hangingIndent + nested + lineSeparator
      }
      if showSummary { s += hangingIndent + summaryInsert + lineSeparator }
      if trailing > 1 {
        for i in stride(from: trailing, to: 1, by: -1) {
          let nested = recurse(
            index: index + [length - i], hangingIndent: nextHangingIndent, currentWidth: nextWidth)
          s += hangingIndent + nested + lineSeparator
        }
      }
      let nested = recurse(
        index: index + [length - 1], hangingIndent: nextHangingIndent, currentWidth: nextWidth)
      s += hangingIndent + nested
    }
    return "[" + s.dropFirst(hangingIndent.count) + "]"
  }

  /// numpy's `_extendLine`: a word wraps to a new line when it would pass
  /// the width, unless the line holds only the indent (wrapping would not help).
  func extend(
    _ s: inout String, _ line: inout String, _ word: String, _ width: Int, _ nextLinePrefix: String
  ) {
    if line.count + word.count > width && line.count > nextLinePrefix.count {
      s += String(line.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
      line = nextLinePrefix
    }
    line += word
  }
}
