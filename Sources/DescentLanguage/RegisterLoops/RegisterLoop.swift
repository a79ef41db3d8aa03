import DescentEngine

/// Loops over numbers, compiled a second time to run on unboxed registers.
///
/// Why: the course's loops (`pred = input * weight` and four more lines, a
/// million times) spent their time moving `Value`s, a large enum with
/// strings and tensors among its cases, in and out of variables. A loop
/// whose body only does arithmetic on numbers and on elements of vectors
/// (calling `len` and the numeric built-ins at most) is compiled again
/// here, to closures over registers that hold a `Number` (a double or an
/// integer: nothing to retain or release) or a vector's elements in a
/// plain buffer.
///
/// When such a loop starts, its variables are loaded into registers if each
/// holds what the loop expects (a number, or nothing yet; a vector for the
/// names it indexes); if one does not, the general code runs instead. The
/// registers go back into the variables when the loop ends, breaks or
/// fails, so the session sees what the general code would leave: the same
/// values, the same errors at the same places, the same step counts.
final class RegisterLoop {
  private let numberSlots: [NameSlot]
  /// The number registers the loop assigns (the others are only read).
  private let numbersWritten: [Int]
  private let vectorSlots: [NameSlot]
  /// By vector register: whether the loop writes it.
  private let vectorWritten: [Bool]
  /// The variables named like the built-ins the loop calls: all unset, or
  /// the general code runs (a function of that name would be called).
  private let builtinSlots: [NameSlot]
  private let body: RegisterCode
  /// The source ranges of the loop's operations, by site (see `RegisterSites`).
  private let ranges: UnsafeMutablePointer<SourceRange>
  private let rangeCount: Int
  private let reads: [Int: (name: String, isLocal: Bool)]
  private unowned let session: Session

  /// The register version of `loop`, or nil when the loop does something
  /// registers cannot (calls, strings, printing, whole vectors).
  fileprivate init?(_ loop: Stmt, compiler: Compiler) {
    var layout = RegisterLayout()
    guard layout.statement(loop) else { return nil }
    let sites = RegisterSites()
    body = RegisterCompiler(compiler: compiler, layout: layout, sites: sites).compile(loop)
    numberSlots = layout.numbers.names.map { compiler.slot(for: $0) }
    numbersWritten = layout.numbers.written.sorted()
    vectorSlots = layout.vectors.names.map { compiler.slot(for: $0) }
    vectorWritten = layout.vectors.names.indices.map { layout.vectors.written.contains($0) }
    builtinSlots = layout.builtins.map { compiler.slot(for: $0) }
    rangeCount = sites.ranges.count
    ranges = UnsafeMutablePointer.allocate(capacity: max(1, rangeCount))
    ranges.initialize(from: sites.ranges, count: rangeCount)
    reads = sites.reads
    session = compiler.session
  }

  deinit {
    ranges.deinitialize(count: rangeCount)
    ranges.deallocate()
  }

  /// Runs the loop on registers; nil (having changed nothing) when a
  /// variable holds something else, so the caller runs the general code.
  fileprivate func run(_ frame: Frame) throws -> Flow? {
    for slot in builtinSlots {
      if case .some = RegisterLoop.read(slot, frame) { return nil }
    }
    // (Capacity at least 1: an empty allocation has no base address.)
    return try withUnsafeTemporaryAllocation(of: Number.self, capacity: max(1, numberSlots.count)) { numbers in
      for (i, slot) in numberSlots.enumerated() {
        switch RegisterLoop.read(slot, frame) {
        case .int(let n)?: numbers.initializeElement(at: i, to: .int(n))
        case .float(let x)?: numbers.initializeElement(at: i, to: .float(x))
        case nil: numbers.initializeElement(at: i, to: .unset)
        default: return nil
        }
      }
      for slot in vectorSlots {
        guard case .tensor(let t, _)? = RegisterLoop.read(slot, frame), t.rank == 1 else { return nil }
      }
      // The loop works on the vectors' own storage. A vector it writes is
      // taken out of its variable while it runs, so the storage is not
      // shared and changes in place (see `HeldVectors`). A vector it only
      // reads is used where it is.
      let count = vectorSlots.count
      return try withUnsafeTemporaryAllocation(of: Tensor.self, capacity: max(1, count)) { held in
        try withUnsafeTemporaryAllocation(of: VectorRegister.self, capacity: max(1, count)) { vectors in
          let tensors = held.baseAddress!
          for i in 0..<count {
            let value = vectorWritten[i] ? RegisterLoop.take(vectorSlots[i], frame) : RegisterLoop.read(vectorSlots[i], frame)
            guard case .tensor(let tensor, let integral)? = value else {
              preconditionFailure("a register loop holds only the vectors it checked")
            }
            (tensors + i).initialize(to: tensor)
            vectors.initializeElement(
              at: i, to: VectorRegister(elements: HeldVectors.emptyStorage, count: 0, integral: integral))
          }
          let registers = Registers(
            numbers: numbers.baseAddress!, vectors: vectors.baseAddress!, ranges: UnsafePointer(ranges))
          let outcome = HeldVectors.lend(tensors, count: count, written: vectorWritten, to: vectors.baseAddress!) {
            Result { try body(registers) }
          }
          store(registers, tensors, frame)
          switch outcome {
          case .success(let flow):
            return flow
          case .failure(let unset as UnsetRead):
            // The message suggests known names, so it is made once the
            // variables hold the registers' values.
            let range = ranges[unset.site]
            guard let (name, isLocal) = reads[unset.site] else { throw Diagnostic("unset variable", at: range) }
            throw isLocal ? Compiler.unassignedLocal(name, at: range) : session.undefinedName(name, at: range)
          case .failure(let error):
            throw error
          }
        }
      }
    }
  }

  /// Puts the registers the loop assigns back into their variables, and
  /// the vectors it writes (changed in place) with their integer flags;
  /// empties the buffer of held tensors.
  private func store(_ registers: Registers, _ tensors: UnsafeMutablePointer<Tensor>, _ frame: Frame) {
    for i in numbersWritten {
      switch registers.numbers[i] {
      case .int(let n): RegisterLoop.write(numberSlots[i], frame, .int(n))
      case .float(let x): RegisterLoop.write(numberSlots[i], frame, .float(x))
      case .unset: break  // never set, here or before
      }
    }
    for i in vectorSlots.indices {
      let tensor = (tensors + i).move()
      if vectorWritten[i] {
        RegisterLoop.write(vectorSlots[i], frame, .tensor(tensor, integral: registers.vectors[i].integral))
      }
    }
  }

  /// The value of a variable, moved out: the variable is unset until the
  /// loop puts it back, so the value's storage is not shared through it.
  private static func take(_ slot: NameSlot, _ frame: Frame) -> Value? {
    var value: Value? = nil
    switch slot {
    case .global(let pointer): swap(&value, &pointer.pointee)
    case .local(let index): swap(&value, &frame.locals[index])
    }
    return value
  }

  private static func read(_ slot: NameSlot, _ frame: Frame) -> Value? {
    switch slot {
    case .global(let pointer): return pointer.pointee
    case .local(let index): return frame.locals[index]
    }
  }

  private static func write(_ slot: NameSlot, _ frame: Frame, _ value: Value) {
    switch slot {
    case .global(let pointer): pointer.pointee = value
    case .local(let index): frame.locals[index] = value
    }
  }
}

/// A number register: Python's int or float, or a variable not set yet.
enum Number {
  case float(Double)
  case int(Int)
  case unset

  /// The number as a value (`unset` is read through `RegisterRead`, which
  /// throws first, so it never gets here).
  var value: Value {
    switch self {
    case .float(let x): return .float(x)
    case .int(let n): return .int(n)
    case .unset: return .none
    }
  }

  /// A value the general operators computed from numbers: a number again.
  init(_ value: Value, at range: SourceRange) throws {
    switch value {
    case .float(let x): self = .float(x)
    case .int(let n): self = .int(n)
    default: throw Diagnostic("expected a number here, found \(value.aKindName)", at: range)
    }
  }

  /// An element of a vector, as `Value.element` makes it.
  @inline(__always)
  static func element(_ x: Double, integral: Bool) -> Number {
    if integral, let n = Int(exactly: x) { return .int(n) }
    return .float(x)
  }
}

/// The registers of one run of a loop.
struct Registers {
  let numbers: UnsafeMutablePointer<Number>
  let vectors: UnsafeMutablePointer<VectorRegister>
  /// The source ranges of the loop's operations, by site.
  let ranges: UnsafePointer<SourceRange>
}

/// A variable read before it was set, thrown inside the loop and turned
/// into "name 'x' is not defined" once the variables are back.
struct UnsetRead: Error {
  let site: Int
}

/// Which names a loop uses as numbers and which as vectors, and whether the
/// loop is one registers can run at all.
struct RegisterLayout {
  /// Names and their registers, in the order first seen.
  struct Names {
    private(set) var names: [String] = []
    private(set) var index: [String: Int] = [:]
    /// The registers the loop assigns (the others are only read).
    private(set) var written: Set<Int> = []

    subscript(name: String) -> Int? { index[name] }

    mutating func add(_ name: String, written isWritten: Bool) {
      let register = index[name] ?? names.count
      if register == names.count {
        names.append(name)
        index[name] = register
      }
      if isWritten { written.insert(register) }
    }
  }

  private(set) var numbers = Names()
  private(set) var vectors = Names()
  /// Built-in functions the loop calls; each must still be the built-in
  /// (its name unassigned) when the loop starts.
  private(set) var builtins: [String] = []

  /// Built-ins that give a number for numbers, with no side effects; a
  /// loop calls them through `Builtin.call`, so their rules and errors
  /// are the general code's.
  static let numericBuiltins: Set<String> = [
    "sigmoid", "sigmoid_prime", "relu", "relu_prime", "tanh", "exp", "log", "sqrt", "abs", "round",
    "float", "int", "min", "max",
  ]

  /// Takes in a statement; false when registers cannot run it.
  mutating func statement(_ statement: Stmt) -> Bool {
    switch statement.kind {
    case .assign(let target, _, let value):
      guard expression(value) else { return false }
      switch target.kind {
      case .name(let name): return number(name, written: true)
      case .index(let base, let index):
        guard case .name(let name) = base.kind else { return false }
        return vector(name, written: true) && expression(index)
      default: return false
      }
    case .ifElse(let condition, let then, let otherwise):
      return self.condition(condition) && block(then) && block(otherwise ?? [])
    case .whileLoop(let condition, let body):
      return self.condition(condition) && block(body)
    case .forLoop(let variable, _, let start, let upper?, _, let body):
      return number(variable, written: true) && expression(start) && expression(upper) && block(body)
    case .repeatLoop(let count, let body):
      return expression(count) && block(body)
    case .breakLoop, .continueLoop:
      return true
    default:
      return false
    }
  }

  private mutating func block(_ statements: [Stmt]) -> Bool {
    statements.allSatisfy { statement($0) }
  }

  /// An expression whose value is a number.
  private mutating func expression(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .integer, .float: return true
    case .name(let name): return number(name, written: false)
    case .unary(_, let operand): return expression(operand)
    case .binary(let op, let left, let right): return op != .matmul && expression(left) && expression(right)
    case .index(let base, let index):
      guard case .name(let name) = base.kind else { return false }
      return vector(name, written: false) && expression(index)
    case .call(let callee, let arguments):
      guard case .name(let name) = callee.kind, numbers[name] == nil, vectors[name] == nil else { return false }
      if name == "len", arguments.count == 1, case .name(let vectorName) = arguments[0].kind {
        builtin(name)
        return vector(vectorName, written: false)
      }
      guard RegisterLayout.numericBuiltins.contains(name), !arguments.isEmpty else { return false }
      builtin(name)
      return arguments.allSatisfy { expression($0) }
    default: return false
    }
  }

  private mutating func builtin(_ name: String) {
    if !builtins.contains(name) { builtins.append(name) }
  }

  /// An `if` or `while` test.
  private mutating func condition(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .comparison(let operators, let operands):
      return operators.count == 1 && expression(operands[0]) && expression(operands[1])
    case .and(let left, let right), .or(let left, let right):
      return condition(left) && condition(right)
    case .not(let operand):
      return condition(operand)
    case .bool:
      return true
    default:
      return expression(expr)
    }
  }

  /// A name used as a number; false if the loop also indexes it.
  private mutating func number(_ name: String, written: Bool) -> Bool {
    guard vectors[name] == nil, !builtins.contains(name) else { return false }
    numbers.add(name, written: written)
    return true
  }

  /// A name the loop indexes; false if the loop also uses it as a number.
  private mutating func vector(_ name: String, written: Bool) -> Bool {
    guard numbers[name] == nil, !builtins.contains(name) else { return false }
    vectors.add(name, written: written)
    return true
  }
}

extension Compiler {
  /// The register compiler's one entry point: `loop` on registers when it
  /// can run there, else `general` (the loop by the general rules), which
  /// also runs whenever a variable holds something the registers cannot.
  func compileOnRegisters(_ loop: Stmt, general: @escaping StmtCode) -> StmtCode {
    guard session.registerLoops, let registers = RegisterLoop(loop, compiler: self) else { return general }
    return { frame in try registers.run(frame) ?? general(frame) }
  }
}
