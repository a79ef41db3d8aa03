import DescentEngine
import Foundation

/// The last training of a session: what `show history`, `plot error` and
/// `check gradient` read.
struct TrainingRecord {
  var history: TrainingHistory
  var weightNames: [String]
}

extension Compiler {
  func compileDomain(_ statement: Stmt) -> StmtCode {
    let session = self.session
    let range = statement.range
    switch statement.kind {
    case .seed(let value):
      let code = compile(value)
      return { frame in
        let n = try Compiler.wholeNumber(try code(frame), what: "the seed", at: value.range)
        session.random = SeededRandom(seed: UInt64(bitPattern: Int64(n)))
        return .normal
      }
    case .load(let path, let target):
      let store = storeCode(for: slot(for: "data"))
      return { frame in
        let table = try session.loadTable(path, at: range)
        guard let target else {
          store(frame, table)
          return .normal
        }
        guard case .table(let data) = table else { return .normal }
        try session.setInputsAndGoals(from: data, target: target, at: range)
        return .normal
      }
    default:
      return { _ in throw Diagnostic("WIP", at: range) }
    }
  }
}

extension Session {
  /// Reads a CSV file relative to the running file's folder.
  func loadTable(_ path: String, at range: SourceRange) throws -> Value {
    let url =
      path.hasPrefix("/")
      ? URL(fileURLWithPath: path)
      : URL(fileURLWithPath: baseDirectory).appendingPathComponent(path)
    do {
      return .table(try CSVLoader.load(contentsOf: url, name: path))
    } catch {
      var notes: [String] = []
      if let line = error.line { notes.append("in \(path), line \(line)\(error.column.map { ", field \($0)" } ?? "")") }
      throw Diagnostic(error.message, at: range, notes: notes)
    }
  }

  /// `load "f.csv" target "y"`: `inputs` are the other columns, `goals` the target.
  func setInputsAndGoals(from data: DataTable, target: String, at range: SourceRange) throws {
    guard let (inputs, goals) = data.inputsAndGoals(target: target) else {
      var notes = ["columns: " + data.columnNames.joined(separator: ", ")]
      if let guess = Suggestion.closest(to: target, among: data.columnNames) {
        notes.insert("did you mean '\(guess)'?", at: 0)
      }
      throw Diagnostic("no column named '\(target)'", at: range, notes: notes)
    }
    setValue(.table(data), for: "data")
    if inputs.isEmpty || inputs[0].isEmpty {
      setValue(.tensor(Tensor([Double]()), integral: false), for: "inputs")
    } else {
      setValue(.tensor(try Tensor(inputs), integral: false), for: "inputs")
    }
    setValue(.tensor(Tensor(goals), integral: false), for: "goals")
  }

  func setMember(_ owner: Value, _ field: String, to value: Value, at range: SourceRange) throws {
    throw Diagnostic("cannot set '\(field)' of \(owner.aKindName)", at: range)
  }

  func makeNetwork(_ spec: NetworkSpec, seed: Int?, at range: SourceRange) throws -> NetworkBox {
    throw Diagnostic("WIP", at: range)
  }
}
