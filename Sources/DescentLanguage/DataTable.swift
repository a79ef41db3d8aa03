/// A table of numbers with named columns: what `data = load "file.csv"` gives.
///
/// Storage is by column, because the language mostly reads columns:
/// `data["y"]` is a column vector and `load ... target "y"` makes `goals`
/// from one column. Rows are built on demand for `data[["x1", "x2"]]` and
/// for `inputs`.
public struct DataTable: Sendable, Hashable {
  /// The header, in file order; names are unique and non-empty.
  public let columnNames: [String]
  /// One array per column, each `rowCount` long, in the order of `columnNames`.
  public let columns: [[Double]]

  /// Makes a table from columns of equal length, one per name.
  ///
  /// Mismatched counts are a programmer error (the loader checks the file).
  public init(columnNames: [String], columns: [[Double]]) {
    precondition(columnNames.count == columns.count, "one column per name")
    precondition(Set(columnNames).count == columnNames.count, "column names must be unique")
    precondition(columns.allSatisfy { $0.count == columns.first?.count }, "ragged columns")
    self.columnNames = columnNames
    self.columns = columns
  }

  /// The number of data rows (the header is not a row).
  public var rowCount: Int { columns.first?.count ?? 0 }

  /// The number of columns.
  public var columnCount: Int { columnNames.count }

  /// The 0-based position of a column, or nil when there is none by that name.
  public func columnIndex(named name: String) -> Int? {
    columnNames.firstIndex(of: name)
  }

  /// A column's values top to bottom, for `data["y"]`; nil for an unknown name.
  public func column(named name: String) -> [Double]? {
    columnIndex(named: name).map { columns[$0] }
  }

  /// The names in `names` that are not columns of this table, in order, so a
  /// caller can say which one is wrong (and suggest a near one).
  public func unknownColumns(_ names: [String]) -> [String] {
    names.filter { columnIndex(named: $0) == nil }
  }

  /// The table as rows × the named columns, for `data[["x1", "x2"]]`; nil if
  /// any name is unknown (see `unknownColumns(_:)`).
  public func rows(columns names: [String]) -> [[Double]]? {
    var indices: [Int] = []
    for name in names {
      guard let index = columnIndex(named: name) else { return nil }
      indices.append(index)
    }
    return rows(columnIndices: indices)
  }

  /// Every row with all its columns, in file order.
  public var rows: [[Double]] {
    rows(columnIndices: Array(columns.indices))
  }

  /// What `load "file.csv" target "y"` sets: `inputs` are the rows of every
  /// other column (in file order), `goals` the target column; nil for an
  /// unknown target.
  public func inputsAndGoals(target: String) -> (inputs: [[Double]], goals: [Double])? {
    guard let targetIndex = columnIndex(named: target) else { return nil }
    let others = columns.indices.filter { $0 != targetIndex }
    return (rows(columnIndices: others), columns[targetIndex])
  }

  private func rows(columnIndices: [Int]) -> [[Double]] {
    (0..<rowCount).map { row in columnIndices.map { columns[$0][row] } }
  }
}
