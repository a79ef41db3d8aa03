import DescentEngine

extension Operators {
  // MARK: - Building vectors

  /// A `[...]` literal: numbers make a vector, equal-length vectors a
  /// matrix, anything else a list.
  static func vector(_ items: [Value], at range: SourceRange, limit: Int) throws -> Value {
    if items.isEmpty { return .tensor(Tensor([Double]()), integral: false) }
    var scalars: [Double] = []
    scalars.reserveCapacity(items.count)
    var integral = true
    for item in items {
      switch item {
      case .int(let n): scalars.append(Double(n))
      case .float(let x):
        scalars.append(x)
        integral = false
      case .traced(let t) where t.tape.isRecording:
        return try Autodiff.stack(items, on: t.tape, at: range)
      default:
        return try matrixOrList(items, at: range, limit: limit)
      }
    }
    return .tensor(Tensor(scalars), integral: integral)
  }

  private static func matrixOrList(_ items: [Value], at range: SourceRange, limit: Int) throws -> Value {
    var rows: [[Double]] = []
    var integral = true
    for item in items {
      guard case .tensor(let row, let rowIntegral) = item, row.rank == 1, !row.scalars.isEmpty else {
        return .list(items)
      }
      rows.append(row.scalars)
      integral = integral && rowIntegral
    }
    let width = rows[0].count
    if let ragged = rows.firstIndex(where: { $0.count != width }) {
      throw Diagnostic(
        "matrix rows must have the same length: row 0 has \(width) elements, row \(ragged) has \(rows[ragged].count)",
        at: range)
    }
    guard rows.count * width <= limit else {
      throw Diagnostic("a matrix of \(rows.count * width) elements is over the limit of \(limit)", at: range)
    }
    do {
      return .tensor(try Tensor(rows), integral: integral)
    } catch let error as TensorError {
      throw shapeError(error, at: range)
    }
  }

  // MARK: - Indexing

  /// A Python index into a collection of `count` items: negatives count
  /// from the end.
  static func position(_ index: Value, count: Int, at range: SourceRange, what: String) throws -> Int {
    let i: Int
    switch index {
    case .int(let n): i = n
    case .bool(let b): i = b ? 1 : 0
    default:
      throw Diagnostic("an index must be an integer, found \(index.repr) (\(index.kindName))", at: range)
    }
    let resolved = i < 0 ? i + count : i
    guard resolved >= 0 && resolved < count else {
      let valid = count == 0 ? "it is empty" : "valid: 0 to \(count - 1), or -\(count) to -1 from the end"
      throw Diagnostic("index \(i) is out of range for a \(what) (\(valid))", at: range)
    }
    return resolved
  }

  static func index(_ base: Value, _ index: Value, at range: SourceRange, indexRange: SourceRange) throws -> Value {
    if case .slice(let slice) = index { return try Operators.slice(base, slice, at: range, indexRange: indexRange) }
    if base.isTraced || index.isTraced { return try Autodiff.index(base, index, at: range, indexRange: indexRange) }
    switch base {
    case .ndarray(let t, let integral):
      return try arrayIndex(t, integral: integral, index, at: range, indexRange: indexRange)
    case .tuple(let items):
      return items[try position(index, count: items.count, at: indexRange, what: base.kindName)]
    case .tensor(let t, let integral):
      let what = base.kindName
      if t.rank == 1 {
        let i = try position(index, count: t.count, at: indexRange, what: what)
        let x = t.scalars[i]
        return Value.element(x, integral: integral)
      }
      let r = try position(index, count: t.shape[0], at: indexRange, what: what)
      do {
        return .tensor(try t.row(r), integral: integral)
      } catch let error as TensorError {
        throw shapeError(error, at: range)
      }
    case .list(let items):
      return items[try position(index, count: items.count, at: indexRange, what: base.kindName)]
    case .string(let s):
      let characters = Array(s)
      return .string(String(characters[try position(index, count: characters.count, at: indexRange, what: "string")]))
    case .table(let table):
      return try tableColumns(table, index, at: indexRange)
    default:
      throw Diagnostic("\(base.aKindName) cannot be indexed", at: range)
    }
  }

  /// `data["y"]` is a column vector; `data[["x1", "x2"]]` a matrix.
  static func tableColumns(_ table: DataTable, _ index: Value, at range: SourceRange) throws -> Value {
    let known = "columns: " + table.columnNames.joined(separator: ", ")
    switch index {
    case .string(let name):
      guard let column = table.column(named: name) else {
        var notes = [known]
        if let guess = Suggestion.closest(to: name, among: table.columnNames) {
          notes.insert("did you mean '\(guess)'?", at: 0)
        }
        throw Diagnostic("no column named '\(name)'", at: range, notes: notes)
      }
      return .tensor(Tensor(column), integral: false)
    case .list(let items):
      var names: [String] = []
      for item in items {
        guard case .string(let name) = item else {
          throw Diagnostic("columns are chosen by name, found \(item.repr)", at: range)
        }
        names.append(name)
      }
      let unknown = table.unknownColumns(names)
      guard unknown.isEmpty, let rows = table.rows(columns: names) else {
        throw Diagnostic("no column named '\(unknown.first ?? "")'", at: range, notes: [known])
      }
      if rows.isEmpty { return .tensor(Tensor([Double]()), integral: false) }
      do {
        return .tensor(try Tensor(rows), integral: false)
      } catch let error as TensorError {
        throw shapeError(error, at: range)
      }
    default:
      throw Diagnostic(
        "a table is indexed by a column name (data[\"y\"]) or a list of names, found \(index.repr)",
        at: range)
    }
  }

  /// Replaces one element in place (`base[index] = value`). Everything is
  /// checked before anything changes, so on an error `base` is as it was.
  /// The vector is moved out of `base` while it changes, so when the
  /// caller holds the only reference it changes without a copy.
  static func setIndex(in base: inout Value, _ index: Value, to value: Value, at range: SourceRange, indexRange: SourceRange) throws {
    if case .ndarray(let t, let integral) = base {
      // An array changes as a tensor does, and stays an array.
      var tensor = Value.tensor(t, integral: integral)
      base = .none
      defer { base = tensor.asArray }
      try setIndex(in: &tensor, index, to: value.withoutArray.0, at: range, indexRange: indexRange)
      return
    }
    if case .slice = index {
      throw Diagnostic("assigning to a slice is not supported; assign the elements one by one", at: indexRange)
    }
    if let traced = try Autodiff.settingElement(of: base, index, to: value, at: range, indexRange: indexRange) {
      base = traced
      return
    }
    // The checks look at `base` through a binding that shares its storage;
    // the change happens after that binding is gone (a tensor bound here
    // and changed made every `v[i] = x` copy the whole vector).
    switch try tensorChange(base, index, to: value, at: range, indexRange: indexRange) {
    case .element(let position, let x, let integral)?:
      var tensor = takeTensor(&base)
      tensor[flat: position] = x
      base = .tensor(tensor, integral: integral)
    case .row(let row, let elements, let integral)?:
      var tensor = takeTensor(&base)
      let columns = tensor.shape[1]
      for c in 0..<columns { tensor[flat: row * columns + c] = elements.scalars[c] }
      base = .tensor(tensor, integral: integral)
    case nil:
      guard case .list(var items) = base else {
        throw Diagnostic("cannot assign into an element of \(base.aKindName)", at: range)
      }
      let i = try position(index, count: items.count, at: indexRange, what: base.kindName)
      base = .none
      items[i] = value
      base = .list(items)
    }
  }

  /// What `setIndex` changes in a tensor, checked; nil when `base` is not one.
  private enum TensorChange {
    case element(Int, Double, integral: Bool)
    case row(Int, Tensor, integral: Bool)
  }

  private static func tensorChange(
    _ base: Value, _ index: Value, to value: Value, at range: SourceRange, indexRange: SourceRange
  ) throws -> TensorChange? {
    guard case .tensor(let t, let integral) = base else { return nil }
    let what = base.kindName
    if t.rank == 1 {
      let i = try position(index, count: t.count, at: indexRange, what: what)
      guard let x = value.number else {
        throw Diagnostic("a vector holds numbers; cannot store \(value.aKindName) in it", at: range)
      }
      let isInt: Bool
      if case .int = value { isInt = true } else { isInt = false }
      return .element(i, x, integral: integral && isInt)
    }
    let r = try position(index, count: t.shape[0], at: indexRange, what: what)
    if value.isTraced { throw Autodiff.notCovered("storing a value being differentiated in a matrix", at: range) }
    guard case .tensor(let row, let rowIntegral) = value, row.rank == 1, row.count == t.shape[1] else {
      throw Diagnostic(
        "a row of this matrix must be a vector of \(t.shape[1]), found \(value.aKindName)", at: range)
    }
    return .row(r, row, integral: integral && rowIntegral)
  }

  /// The tensor in `value`, moved out (leaving `.none`): when `value` held
  /// the only reference, the caller now does, and can change it in place.
  private static func takeTensor(_ value: inout Value) -> Tensor {
    var taken = Value.none
    swap(&taken, &value)
    guard case .tensor(let tensor, _) = taken else { preconditionFailure("checked by tensorChange") }
    return tensor
  }

  // MARK: - Fields

  static func member(_ base: Value, _ field: String, at range: SourceRange) throws -> Value {
    switch base {
    case .module(let module):
      return try module.member(field, at: range)
    case .traced(let traced) where field == "T":
      return try Autodiff.transposed(base, on: traced.tape, at: range)
    case .traced(let traced):
      // shape, size, ndim: facts of the numbers, which do not move.
      return try member(traced.plain, field, at: range)
    case .tensor(let t, let integral), .ndarray(let t, let integral):
      let isArray: Bool
      if case .ndarray = base { isArray = true } else { isArray = false }
      switch field {
      case "T": return isArray ? .ndarray(t.transposed(), integral: integral) : .tensor(t.transposed(), integral: integral)
      case "shape": return .tuple(t.shape.map { .int($0) })
      case "size": return .int(t.count)
      case "ndim": return .int(t.rank)
      default:
        throw Diagnostic(
          "\(base.aKindName) has no field '\(field)'", at: range,
          notes: ["fields: T, shape, size, ndim; methods: sum(), mean(), dot(b), append(x) (lists)"])
      }
    case .network(let box):
      let network = box.network
      switch field {
      case "weights": return .list(network.layers.map { .tensor($0.weights, integral: false) })
      case "biases":
        return .list(network.layers.map { layer in layer.biases.map { .tensor($0, integral: false) } ?? .none })
      case "sizes": return .tensor(Tensor(network.sizes.map(Double.init)), integral: true)
      default:
        throw Diagnostic(
          "a network has no field '\(field)'", at: range, notes: ["fields: weights, biases, sizes"])
      }
    case .table(let table):
      switch field {
      case "columns": return .list(table.columnNames.map { .string($0) })
      case "rows": return .int(table.rowCount)
      default:
        throw Diagnostic("a table has no field '\(field)'", at: range, notes: ["fields: columns, rows"])
      }
    default:
      throw Diagnostic("\(base.aKindName) has no field '\(field)'", at: range)
    }
  }
}
