import DescentEngine

/// The session's variables: one slot per name, in chunks that never move.
///
/// Why not an array: compiled code holds the address of each slot it reads
/// or writes, so a global load is one memory read, with no array bounds or
/// exclusivity checks and no look-up by name. New names get new slots;
/// existing slots stay where they are for the whole session.
final class GlobalStore {
  private static let chunkSize = 256
  private var chunks: [UnsafeMutablePointer<Value?>] = []
  private var slotOfName: [String: Int] = [:]
  /// Every name given a slot, in the order first seen.
  private(set) var names: [String] = []

  /// The slot of `name`, made on first use.
  func slot(_ name: String) -> UnsafeMutablePointer<Value?> {
    if let index = slotOfName[name] { return pointer(index) }
    let index = names.count
    if index % GlobalStore.chunkSize == 0 {
      let chunk = UnsafeMutablePointer<Value?>.allocate(capacity: GlobalStore.chunkSize)
      chunk.initialize(repeating: nil, count: GlobalStore.chunkSize)
      chunks.append(chunk)
    }
    slotOfName[name] = index
    names.append(name)
    return pointer(index)
  }

  /// The slot of a name, if it has one.
  func existingSlot(_ name: String) -> UnsafeMutablePointer<Value?>? {
    slotOfName[name].map(pointer)
  }

  private func pointer(_ index: Int) -> UnsafeMutablePointer<Value?> {
    chunks[index / GlobalStore.chunkSize] + index % GlobalStore.chunkSize
  }

  /// The set variables, in the order their names were first seen.
  var variables: [(name: String, value: Value)] {
    names.enumerated().compactMap { index, name in pointer(index).pointee.map { (name, $0) } }
  }

  /// Unsets every variable (slots stay, so compiled code stays valid).
  func clear() {
    for index in names.indices { pointer(index).pointee = nil }
  }

  deinit {
    for chunk in chunks {
      chunk.deinitialize(count: GlobalStore.chunkSize)
      chunk.deallocate()
    }
  }
}

/// Loop iterations and train steps so far in a run, and where to stop.
///
/// Kept behind a pointer so the per-iteration check in every loop is two
/// plain memory reads and a compare.
struct StepCounter {
  var steps = 0
  /// The step budget, or Int.max for none.
  var limit = Int.max

  /// Counts one loop iteration or train step; returns whether the run must
  /// stop (the budget is spent, or Ctrl-C was pressed). The one tick that
  /// the general loops (`Session.tick`) and the register loops share.
  @inline(__always)
  static func countStep(_ counter: UnsafeMutablePointer<StepCounter>, interrupt: InterruptFlag.Handle) -> Bool {
    let steps = counter.pointee.steps &+ 1
    counter.pointee.steps = steps
    return steps > counter.pointee.limit || interrupt.isRaised
  }
}
