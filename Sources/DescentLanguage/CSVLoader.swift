import CSV
import Foundation

/// Why a CSV file could not become a `DataTable`, and where in the file.
///
/// Show `description` ("admissions.csv: line 4 has 2 fields, the header has
/// 3"); `message` alone leaves out the file name, for callers that put it
/// elsewhere.
public struct CSVLoadError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What kind of problem it is, for callers and tests that branch on it.
  public enum Reason: String, Sendable, Hashable {
    case fileNotFound, unreadable, notUTF8, binaryData, empty
    case emptyColumnName, duplicateColumnName, raggedRow
    case emptyCell, notANumber, notFinite
  }

  public var reason: Reason
  /// The file's name or path as the caller gave it.
  public var file: String
  /// The 1-based line of the file where the problem is (the line a row
  /// starts on, when a quoted field spans lines).
  public var line: Int?
  /// The 1-based field position in the row, when one field is at fault.
  public var column: Int?
  /// The header name of that column, when there is one.
  public var columnName: String?
  /// What went wrong, naming the line and column in words.
  public var message: String

  /// Makes an error; `message` should already name the line and column.
  public init(
    _ reason: Reason, file: String, line: Int? = nil, column: Int? = nil,
    columnName: String? = nil, message: String
  ) {
    self.reason = reason
    self.file = file
    self.line = line
    self.column = column
    self.columnName = columnName
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}

/// Reads a CSV file of numbers with a header row into a `DataTable`.
///
/// The CSV syntax (quotes, doubled quotes, CRLF) is yaslab/CSV.swift's; this
/// type adds what a learner's data needs: a header of unique names, numeric
/// cells, and errors that say which line and column is wrong.
///
/// Rules, chosen to be forgiving of hand-written files:
/// - a UTF-8 byte order mark is skipped; blank lines (anywhere) are skipped;
/// - whitespace around header names and numbers is ignored;
/// - a header without rows is a table of 0 rows;
/// - a cell is a number as Python's `float()` writes one (`1`, `-2.5`, `.5`,
///   `3.`, `1e-3`, `+4E2`), but `nan` and `inf` are refused: training on
///   them only ends in a diverged run, so the file is the place to say so.
public enum CSVLoader {
  /// Loads and parses a CSV file.
  ///
  /// - Parameter name: how errors name the file; the URL's path by default.
  public static func load(contentsOf url: URL, name: String? = nil) throws(CSVLoadError)
    -> DataTable
  {
    let file = name ?? url.path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw CSVLoadError(.fileNotFound, file: file, message: "no such file")
    }
    if isDirectory.boolValue {
      throw CSVLoadError(.unreadable, file: file, message: "is a folder, not a CSV file")
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw CSVLoadError(
        .unreadable, file: file, message: "cannot be read (\(error.localizedDescription))")
    }
    return try parse(text: try decode(data, file: file), name: file)
  }

  /// Parses CSV text (a header row, then rows of numbers) into a table.
  ///
  /// - Parameter name: how errors name the source, usually its file name.
  public static func parse(text: String, name: String) throws(CSVLoadError) -> DataTable {
    var text = Substring(text)
    if text.unicodeScalars.first == "\u{FEFF}" { text = Substring(text.unicodeScalars.dropFirst()) }
    if let nul = text.unicodeScalars.firstIndex(of: "\0") {
      throw binaryDataError(file: name, line: 1 + lineBreakCount(text.unicodeScalars[..<nul]))
    }
    let reader: CSVReader
    do {
      reader = try CSVReader(string: String(text))
    } catch {
      throw CSVLoadError(.unreadable, file: name, message: "cannot be read as CSV (\(error))")
    }
    var builder: TableBuilder?
    var nextLine = 1
    while let fields = reader.next() {
      let line = nextLine
      // The reader hides line breaks inside quoted fields; count them so
      // later rows still report the line an editor shows.
      nextLine += 1 + fields.reduce(0) { $0 + lineBreakCount($1.unicodeScalars) }
      if fields.count == 1 && fields[0].allSatisfy(\.isWhitespace) { continue }
      if builder == nil {
        builder = try TableBuilder(header: fields, line: line, file: name)
      } else {
        try builder?.append(fields, line: line)
      }
    }
    guard let builder else {
      throw CSVLoadError(
        .empty, file: name, message: "is empty; expected a header row of column names")
    }
    return DataTable(columnNames: builder.names, columns: builder.columns)
  }

  // MARK: - Bytes to text

  /// The file's bytes as text, refusing what is not UTF-8 text.
  static func decode(_ data: Data, file: String) throws(CSVLoadError) -> String {
    let bytes = [UInt8](data)
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      throw CSVLoadError(
        .notUTF8, file: file, line: 1,
        message: "is UTF-16 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet)")
    }
    if let nul = bytes.firstIndex(of: 0) {
      throw binaryDataError(file: file, line: 1 + bytes[..<nul].count(where: { $0 == 0x0A }))
    }
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    let line = firstInvalidUTF8Line(bytes)
    throw CSVLoadError(
      .notUTF8, file: file, line: line,
      message: "line \(line) is not valid UTF-8 text; save the file as UTF-8")
  }

  static func binaryDataError(file: String, line: Int) -> CSVLoadError {
    CSVLoadError(
      .binaryData, file: file, line: line,
      message: "line \(line) holds a NUL byte: this looks like binary data, not a CSV file")
  }

  /// The 1-based line on which UTF-8 decoding of `bytes` first fails.
  static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    var line = 1
    while case .scalarValue(let scalar) = decoder.decode(&iterator) {
      if scalar == "\n" { line += 1 }
    }
    return line
  }

  // MARK: - Lines

  /// Line breaks in a field, counting CRLF once, as the reader does.
  static func lineBreakCount(_ scalars: some Sequence<Unicode.Scalar>) -> Int {
    var count = 0
    var previous: Unicode.Scalar?
    for scalar in scalars {
      if scalar == "\n" && previous != "\r" || scalar == "\r" { count += 1 }
      previous = scalar
    }
    return count
  }
}

/// Checks the header, then turns each row's fields into numbers by column.
private struct TableBuilder {
  let file: String
  let names: [String]
  var columns: [[Double]]

  init(header: [String], line: Int, file: String) throws(CSVLoadError) {
    let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
    for (index, name) in names.enumerated() {
      if name.isEmpty {
        throw CSVLoadError(
          .emptyColumnName, file: file, line: line, column: index + 1,
          message: "line \(line) (the header): column \(index + 1) has no name")
      }
      if let first = names[..<index].firstIndex(of: name) {
        throw CSVLoadError(
          .duplicateColumnName, file: file, line: line, column: index + 1, columnName: name,
          message: "line \(line) (the header): column \(index + 1) is named '\(name)', "
            + "like column \(first + 1); column names must differ")
      }
    }
    self.file = file
    self.names = names
    self.columns = Array(repeating: [], count: names.count)
  }

  mutating func append(_ fields: [String], line: Int) throws(CSVLoadError) {
    guard fields.count == names.count else {
      let what = fields.count == 1 ? "1 field" : "\(fields.count) fields"
      throw CSVLoadError(
        .raggedRow, file: file, line: line, column: min(fields.count, names.count) + 1,
        message: "line \(line) has \(what), the header has \(names.count)")
    }
    for (index, field) in fields.enumerated() {
      columns[index].append(try number(field, line: line, column: index))
    }
  }

  func number(_ field: String, line: Int, column index: Int) throws(CSVLoadError) -> Double {
    let text = field.trimmingCharacters(in: .whitespacesAndNewlines)
    let name = names[index]
    let place = "line \(line), column '\(name)' (field \(index + 1))"
    func failure(_ reason: CSVLoadError.Reason, _ message: String) -> CSVLoadError {
      CSVLoadError(
        reason, file: file, line: line, column: index + 1, columnName: name,
        message: place + message)
    }
    if text.isEmpty { throw failure(.emptyCell, " is empty; every cell must hold a number") }
    if PythonFloatSyntax.isSpecialValue(text) {
      throw failure(.notFinite, ": '\(text)' is not a finite number; data must be finite")
    }
    guard PythonFloatSyntax.isDecimal(text) else {
      var shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
      shown = shown.replacingOccurrences(of: "\r", with: "\\r")
        .replacingOccurrences(of: "\n", with: "\\n")
      // A quote left open swallows line breaks and commas into one field.
      let hint = text.contains(where: \.isNewline) ? " (is a quote left open?)" : ""
      throw failure(.notANumber, ": '\(shown)' is not a number" + hint)
    }
    guard let value = Double(text), value.isFinite else {
      throw failure(.notFinite, ": '\(text)' is too large for a double")
    }
    return value
  }
}

/// The decimal syntax Python's `float()` reads, so `Double(_:)`'s extras
/// (hex floats, `nan(...)`) are not taken as numbers.
private enum PythonFloatSyntax {
  /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
  static func isDecimal(_ text: String) -> Bool {
    var bytes = Substring(text).utf8[...]
    func digits() -> Int {
      let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
      bytes = bytes.dropFirst(count)
      return count
    }
    func skip(_ options: String) -> Bool {
      guard let first = bytes.first, options.utf8.contains(first) else { return false }
      bytes = bytes.dropFirst()
      return true
    }
    _ = skip("+-")
    var mantissaDigits = digits()
    if skip(".") { mantissaDigits += digits() }
    guard mantissaDigits > 0 else { return false }
    if skip("eE") {
      _ = skip("+-")
      guard digits() > 0 else { return false }
    }
    return bytes.isEmpty
  }

  /// `nan`, `inf`, `infinity`, any case, with a sign: Python reads them.
  static func isSpecialValue(_ text: String) -> Bool {
    var word = text.lowercased()
    if word.hasPrefix("+") || word.hasPrefix("-") { word.removeFirst() }
    return word == "nan" || word == "inf" || word == "infinity"
  }
}
