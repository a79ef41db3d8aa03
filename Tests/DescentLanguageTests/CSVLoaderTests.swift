import DescentLanguage
import Foundation
import Testing

@Suite struct CSVLoaderTests {
  static func parse(_ text: String) throws -> DataTable {
    try CSVLoader.parse(text: text, name: "t.csv")
  }

  /// The error parsing `text` throws; fails the test when it parses.
  static func failure(_ text: String) -> CSVLoadError? {
    #expect(throws: CSVLoadError.self) { try CSVLoader.parse(text: text, name: "t.csv") }
    do {
      _ = try CSVLoader.parse(text: text, name: "t.csv")
      return nil
    } catch {
      return error
    }
  }

  // MARK: - Tables

  @Test func readsHeaderAndNumericColumns() throws {
    let table = try Self.parse("x1,x2,y\n1,2,3\n4.5,-5e-1,6\n")
    #expect(table.columnNames == ["x1", "x2", "y"])
    #expect(table.rowCount == 2)
    #expect(table.columnCount == 3)
    #expect(table.columns == [[1, 4.5], [2, -0.5], [3, 6]])
    #expect(table.column(named: "y") == [3, 6])
    #expect(table.column(named: "z") == nil)
    #expect(table.rows == [[1, 2, 3], [4.5, -0.5, 6]])
    #expect(table.rows(columns: ["y", "x1"]) == [[3, 1], [6, 4.5]])
    #expect(table.rows(columns: ["x1", "nope"]) == nil)
    #expect(table.unknownColumns(["x1", "nope", "y", "gone"]) == ["nope", "gone"])
  }

  @Test func splitsInputsAndGoalsByTarget() throws {
    let table = try Self.parse("x1,y,x2\n1,10,2\n3,30,4\n")
    let split = try #require(table.inputsAndGoals(target: "y"))
    #expect(split.inputs == [[1, 2], [3, 4]])
    #expect(split.goals == [10, 30])
    #expect(table.inputsAndGoals(target: "z") == nil)
  }

  @Test func headerWithoutRowsIsAnEmptyTable() throws {
    let table = try Self.parse("x,y\n")
    #expect(table.columnNames == ["x", "y"])
    #expect(table.rowCount == 0)
    #expect(table.column(named: "x") == [])
    #expect(table.rows == [])
  }

  @Test func quotedFieldsKeepCommasAndDoubledQuotes() throws {
    let table = try Self.parse("\"size, m\",\"the \"\"best\"\" y\"\n\"1.5\",2\n")
    #expect(table.columnNames == ["size, m", "the \"best\" y"])
    #expect(table.columns == [[1.5], [2]])
  }

  @Test(arguments: [
    "a,b\n1,2\n3,4\n",  // trailing newline
    "a,b\n1,2\n3,4",  // none
    "a,b\r\n1,2\r\n3,4\r\n",  // CRLF
    "\u{FEFF}a,b\n1,2\n3,4\n",  // UTF-8 byte order mark
    "a,b\n1,2\n3,4\n\n",  // empty trailing line
    "a,b\n1,2\n\n3,4\n \n",  // blank lines anywhere
    " a , b \n 1 ,\t2\n3 , 4 \n",  // whitespace around names and numbers
    "a,b\n\" 1 \",2\n3,4\n",  // a quoted number
  ])
  func toleratesLayout(text: String) throws {
    let table = try Self.parse(text)
    #expect(table.columnNames == ["a", "b"])
    #expect(table.columns == [[1, 3], [2, 4]])
  }

  @Test func numbersReadLikePythonFloat() throws {
    let table = try Self.parse("v\n1\n1.5\n-2e-3\n+4E2\n.5\n3.\n0.1\n1e-400\n")
    #expect(table.columns[0] == [1, 1.5, -0.002, 400, 0.5, 3, 0.1, 0])
  }

  // MARK: - Errors

  @Test func emptyFileIsAnError() throws {
    for text in ["", "\n\n", "\u{FEFF}", "  \r\n"] {
      let error = try #require(Self.failure(text))
      #expect(error.reason == .empty)
      #expect(error.line == nil)
    }
  }

  @Test func raggedRowNamesItsLine() throws {
    let error = try #require(Self.failure("a,b,c\n1,2,3\n4,5,6\n7,8\n"))
    #expect(error.reason == .raggedRow)
    #expect(error.line == 4)
    #expect(error.column == 3)
    #expect(error.message == "line 4 has 2 fields, the header has 3")
    #expect(error.description == "t.csv: line 4 has 2 fields, the header has 3")
    let extra = try #require(Self.failure("a,b\n1,2,\n"))
    #expect(extra.message == "line 2 has 3 fields, the header has 2")
    #expect(extra.column == 3)
  }

  @Test func nonNumericCellNamesLineAndColumn() throws {
    let error = try #require(Self.failure("x,y\n1,2\n3,abc\n"))
    #expect(error.reason == .notANumber)
    #expect(error.line == 3)
    #expect(error.column == 2)
    #expect(error.columnName == "y")
    #expect(error.message == "line 3, column 'y' (field 2): 'abc' is not a number")
  }

  @Test(arguments: ["0x1p3", "1,5", "1_000", "1e", "e5", ".", "-", "1.2.3", "12abc", "½"])
  func rejectsWhatPythonFloatRejects(cell: String) throws {
    let error = try #require(Self.failure("x\n\"\(cell)\"\n"))
    #expect(error.reason == .notANumber)
    #expect(error.line == 2)
  }

  @Test(arguments: ["nan", "NaN", "inf", "-inf", "+Infinity", "1e400", "-1e999"])
  func rejectsNonFiniteNumbers(cell: String) throws {
    let error = try #require(Self.failure("x,y\n1,\(cell)\n"))
    #expect(error.reason == .notFinite)
    #expect(error.line == 2)
    #expect(error.column == 2)
  }

  @Test func emptyCellIsAnError() throws {
    let error = try #require(Self.failure("x,y,z\n1,2,3\n4, ,6\n"))
    #expect(error.reason == .emptyCell)
    #expect(error.line == 3)
    #expect(error.column == 2)
    #expect(error.message == "line 3, column 'y' (field 2) is empty; every cell must hold a number")
  }

  @Test func duplicateAndEmptyColumnNames() throws {
    let duplicate = try #require(Self.failure("x,y, x\n1,2,3\n"))
    #expect(duplicate.reason == .duplicateColumnName)
    #expect(duplicate.line == 1)
    #expect(duplicate.column == 3)
    #expect(duplicate.columnName == "x")
    let empty = try #require(Self.failure("x,,z\n1,2,3\n"))
    #expect(empty.reason == .emptyColumnName)
    #expect(empty.column == 2)
    let trailingComma = try #require(Self.failure("x,y,\n1,2,3\n"))
    #expect(trailingComma.reason == .emptyColumnName)
    #expect(trailingComma.column == 3)
  }

  @Test func linesCountBlankLinesAndBreaksInsideQuotes() throws {
    let error = try #require(Self.failure("\"x\ny\",z\n\n1,2\r\n\"3\r\n\",4\nq,5\n"))
    // Header spans lines 1–2, blank line 3, row on 4, quoted break 5–6, bad row on 7.
    #expect(error.line == 7)
    #expect(error.column == 1)
  }

  @Test func unclosedQuoteGetsAHint() throws {
    let error = try #require(Self.failure("x,y\n1,\"2\n3,4\n"))
    #expect(error.reason == .notANumber)
    #expect(error.line == 2)
    #expect(error.message.hasSuffix("is not a number (is a quote left open?)"))
    #expect(error.message.contains("'2\\n3,4'"))
  }

  @Test func nulCharacterMeansBinaryData() throws {
    let error = try #require(Self.failure("x\n1\n2\u{0}\n"))
    #expect(error.reason == .binaryData)
    #expect(error.line == 3)
  }

  // MARK: - Files

  /// Writes bytes to a fresh temporary file; the caller removes the folder.
  static func temporaryFile(_ bytes: [UInt8], name: String = "data.csv") throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("descent-csv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
  }

  static func loadFailure(_ url: URL) -> CSVLoadError? {
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    do {
      _ = try CSVLoader.load(contentsOf: url, name: "data.csv")
      Issue.record("expected an error loading \(url.path)")
      return nil
    } catch {
      return error
    }
  }

  @Test func loadsAFileWithBOMAndCRLF() throws {
    let text = "\u{FEFF}\"hours\", score ,passed\r\n1, 52.5 ,0\r\n2,\"61\",1\r\n3,78.25,1\r\n"
    let url = try Self.temporaryFile(Array(text.utf8))
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let table = try CSVLoader.load(contentsOf: url)
    #expect(table.columnNames == ["hours", "score", "passed"])
    #expect(table.column(named: "score") == [52.5, 61, 78.25])
    #expect(table.inputsAndGoals(target: "passed")?.goals == [0, 1, 1])
  }

  @Test func invalidUTF8NamesItsLine() throws {
    let url = try Self.temporaryFile(Array("x,y\n1,2\n3,".utf8) + [0xE9, 0x0A])
    let error = try #require(Self.loadFailure(url))
    #expect(error.reason == .notUTF8)
    #expect(error.line == 3)
    #expect(error.description.hasPrefix("data.csv: line 3 is not valid UTF-8"))
  }

  @Test func utf16AndBinaryFilesAreRefused() throws {
    let utf16 = try Self.temporaryFile([0xFF, 0xFE] + Array("x\n1\n".utf8).flatMap { [$0, 0] })
    #expect(Self.loadFailure(utf16)?.reason == .notUTF8)
    let binary = try Self.temporaryFile([
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D,
    ])
    let error = try #require(Self.loadFailure(binary))
    #expect(error.reason == .binaryData)
    #expect(error.line == 3)
  }

  @Test func missingFileAndFolderAreErrors() throws {
    let missing = FileManager.default.temporaryDirectory
      .appendingPathComponent("descent-no-such-\(UUID().uuidString).csv")
    #expect(throws: CSVLoadError(.fileNotFound, file: missing.path, message: "no such file")) {
      try CSVLoader.load(contentsOf: missing)
    }
    let file = try Self.temporaryFile(Array("x\n1\n".utf8))
    let folder = file.deletingLastPathComponent()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(throws: CSVLoadError.self) { try CSVLoader.load(contentsOf: folder) }
    do {
      _ = try CSVLoader.load(contentsOf: folder)
    } catch {
      #expect(error.reason == .unreadable)
    }
  }
}
