import DescentEngine

/// The bounds of a slice `lower:upper:step`, as written (nil: left out).
public struct SliceBounds: Sendable, Hashable {
  var lower: Int?
  var upper: Int?
  var step: Int?

  /// The positions the slice picks from `count` items, by Python's rules
  /// (PySlice_AdjustIndices): bounds past either end are clipped, never
  /// an error; negative bounds count from the end.
  func positions(count: Int, at range: SourceRange) throws -> [Int] {
    let step = self.step ?? 1
    guard step != 0 else { throw Diagnostic("slice step cannot be zero", at: range) }
    func adjust(_ bound: Int?, _ whenMissing: Int) -> Int {
      guard var b = bound else { return whenMissing }
      if b < 0 {
        b += count
        if b < 0 { b = step < 0 ? -1 : 0 }
      } else if b >= count {
        b = step < 0 ? count - 1 : count
      }
      return b
    }
    let start = adjust(lower, step < 0 ? count - 1 : 0)
    let stop = adjust(upper, step < 0 ? -1 : count)
    var out: [Int] = []
    var i = start
    while step > 0 ? i < stop : i > stop {
      out.append(i)
      i += step
    }
    return out
  }
}

extension Operators {
  /// `v[lower:upper:step]` of a vector, list, tuple, string, or the rows
  /// of a matrix.
  static func slice(_ base: Value, _ bounds: SliceBounds, at range: SourceRange, indexRange: SourceRange) throws -> Value {
    switch base {
    case .traced(let traced):
      // The picked elements (or rows) of a vector being differentiated, their slopes flowing back to them.
      guard case .tensor(let t) = traced.data, traced.tape.isRecording else {
        return try slice(traced.plain, bounds, at: range, indexRange: indexRange)
      }
      guard case .tensor(let picked, _) = try slice(traced.plain, bounds, at: range, indexRange: indexRange) else {
        throw Autodiff.notCovered("this slice", at: range)
      }
      let rows = try bounds.positions(count: t.shape.first ?? 0, at: indexRange)
      let width = t.rank == 1 ? 1 : t.shape[1]
      let indices = rows.flatMap { r in (0..<width).map { r * width + $0 } }
      return traced.tape.record("[:]", .tensor(picked), inputs: traced.node, rule: .gather(indices))
    case .tensor(let t, let integral), .ndarray(let t, let integral):
      let isArray: Bool
      if case .ndarray = base { isArray = true } else { isArray = false }
      let picked = try bounds.positions(count: t.shape.first ?? 0, at: indexRange)
      let result: Tensor
      if t.rank == 1 {
        result = Tensor(picked.map { t.scalars[$0] })
      } else {
        let columns = t.shape[1]
        var scalars: [Double] = []
        scalars.reserveCapacity(picked.count * columns)
        for r in picked { scalars.append(contentsOf: t.scalars[r * columns..<(r + 1) * columns]) }
        result = try makeTensor([picked.count, columns], scalars, at: range)
      }
      return isArray ? .ndarray(result, integral: integral) : .tensor(result, integral: integral)
    case .list(let items):
      return .list(try bounds.positions(count: items.count, at: indexRange).map { items[$0] })
    case .tuple(let items):
      return .tuple(try bounds.positions(count: items.count, at: indexRange).map { items[$0] })
    case .string(let s):
      let characters = Array(s)
      return .string(String(try bounds.positions(count: characters.count, at: indexRange).map { characters[$0] }))
    default:
      throw Diagnostic("\(base.aKindName) cannot be sliced", at: range)
    }
  }

  private static func makeTensor(_ shape: [Int], _ scalars: [Double], at range: SourceRange) throws -> Tensor {
    do {
      return try Tensor(shape: shape, scalars: scalars)
    } catch let error as TensorError {
      throw shapeError(error, at: range)
    }
  }

  /// numpy's elementwise comparison of arrays (`x > 0`): an array of 1s
  /// and 0s (numpy's booleans act as these in arithmetic: `(x > 0) * x`).
  static func arrayComparison(_ op: ComparisonOperator, _ a: Value, _ b: Value, at range: SourceRange) throws -> Value {
    let (x, _) = try asTensor(a.withoutArray.0, at: range, op: .subtract)
    let (y, _) = try asTensor(b.withoutArray.0, at: range, op: .subtract)
    do {
      let result = try x.combined(with: y, operation: op.rawValue) { compareNumbers(op, $0, $1) ? 1 : 0 }
      return .ndarray(result, integral: true)
    } catch let error as TensorError {
      throw shapeError(error, at: range)
    }
  }

  /// numpy indexing of an array: an integer (an element, or a row), a
  /// slice, `None` (a new axis of 1: `a[:, None]`), or a tuple of them
  /// (`m[0, 1]`, `m[:, 0]`).
  static func arrayIndex(
    _ t: Tensor, integral: Bool, _ index: Value, at range: SourceRange, indexRange: SourceRange
  ) throws -> Value {
    let subscripts: [Value]
    if case .tuple(let items) = index { subscripts = items } else { subscripts = [index] }
    let consumed = subscripts.filter { if case .none = $0 { false } else { true } }.count
    guard consumed <= t.rank else {
      throw Diagnostic(
        "too many indices for an array of \(t.rank) dimension\(t.rank == 1 ? "" : "s"): \(consumed) given",
        at: indexRange)
    }
    var selections: [[Int]] = []
    var shape: [Int] = []
    var axis = 0
    for item in subscripts {
      switch item {
      case .none:
        shape.append(1)
      case .slice(let bounds):
        let picked = try bounds.positions(count: t.shape[axis], at: indexRange)
        selections.append(picked)
        shape.append(picked.count)
        axis += 1
      default:
        let i = try position(item, count: t.shape[axis], at: indexRange, what: "axis \(axis) of size \(t.shape[axis])")
        selections.append([i])
        axis += 1
      }
    }
    while axis < t.rank {
      selections.append(Array(0..<t.shape[axis]))
      shape.append(t.shape[axis])
      axis += 1
    }
    var scalars: [Double] = []
    if t.rank == 1 {
      scalars = selections[0].map { t.scalars[$0] }
    } else {
      let columns = t.shape[1]
      for r in selections[0] {
        for c in selections[1] { scalars.append(t.scalars[r * columns + c]) }
      }
    }
    switch shape.count {
    case 0: return Value.element(scalars[0], integral: integral)
    case 1, 2: return .ndarray(try makeTensor(shape, scalars, at: range), integral: integral)
    default:
      throw Diagnostic("Descent's arrays have at most 2 dimensions; this index makes \(shape.count)", at: indexRange)
    }
  }
}
