import DescentEngine

/// The session's state before an `explore` block: every variable, the
/// digits mode, the random generator, the last training and the focus.
/// Each frame starts from it, so a frame sees the same starting variables
/// whichever frames ran before it.
///
/// Why a deep copy: tensors, strings and tables are values (copy on write),
/// but a network is shared by reference (`NetworkBox`), and a frame that
/// trains it or sets `net.weights[0]` would change the snapshot's network
/// too. So networks are copied when the snapshot is taken and again each
/// time it is restored; two variables naming one network still share one
/// copy, as they did.
struct ExploreSnapshot {
  private let values: [(name: String, value: Value?)]
  private let digits: DigitsMode
  private let random: SeededRandom
  private let lastTraining: TrainingRecord?
  private let focus: Focus

  init(of session: Session) {
    var copies: [ObjectIdentifier: NetworkBox] = [:]
    values = session.globals.names.map { name in
      (name, session.globals.slot(name).pointee.map { ExploreSnapshot.deepCopy($0, &copies) })
    }
    digits = session.digits
    random = session.random
    lastTraining = session.domain.lastTraining
    focus = session.domain.focus
  }

  /// Puts the session back as it was: variables named since are unset.
  func restore(into session: Session) {
    var copies: [ObjectIdentifier: NetworkBox] = [:]
    let known = Dictionary(values.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    for name in session.globals.names {
      session.globals.slot(name).pointee = (known[name] ?? nil).map { ExploreSnapshot.deepCopy($0, &copies) }
    }
    session.digits = digits
    session.random = random
    session.domain.lastTraining = lastTraining
    session.domain.focus = focus
  }

  /// A copy of `value` that shares no network with it.
  static func deepCopy(_ value: Value, _ copies: inout [ObjectIdentifier: NetworkBox]) -> Value {
    switch value {
    case .network(let box):
      if let copy = copies[ObjectIdentifier(box)] { return .network(copy) }
      let copy = NetworkBox(box.network)
      copies[ObjectIdentifier(box)] = copy
      return .network(copy)
    case .list(let items):
      return .list(items.map { deepCopy($0, &copies) })
    default:
      return value
    }
  }
}
