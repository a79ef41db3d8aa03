import DescentLanguage
import Foundation
import Testing

/// The limits that keep a run from hanging or flooding: the output limit,
/// the step budget, and the interrupt flag (Ctrl-C).
@Suite struct SessionLimitsTests {
  func session() -> (Session, BufferSink) {
    let sink = BufferSink()
    return (Session(output: sink), sink)
  }

  @Test func outputLimitStopsAPrintLoop() {
    let (session, sink) = session()
    session.maxOutputBytes = 1000
    let result = session.run(Source(name: "t", text: "i = 0\nwhile true {\n  print i\n  i += 1\n}\n"))
    #expect(result.diagnostics.first?.message.hasPrefix("output limit of 1000 bytes") == true)
    #expect(sink.text.utf8.count <= 1000)
  }

  @Test func outputLimitStopsAVerboseTrain() {
    let (session, sink) = session()
    session.maxOutputBytes = 2000
    let text = "weight = 0.5; goal = 0.8; input = 0.5\ntrain 100000000 alpha 0.1 verbose\n"
    let result = session.run(Source(name: "t", text: text))
    #expect(result.diagnostics.first?.message.hasPrefix("output limit") == true)
    #expect(sink.text.utf8.count <= 2000)
    // The train stopped early and kept what it learnt.
    #expect(session.value(of: "weight")?.number.map { $0 > 0.5 } == true)
  }

  /// Raises the flag from another thread, as the SIGINT handler does. A
  /// thread of its own, not a Task or a Dispatch queue: the runs block
  /// their threads, and on a small machine those pools may have no other
  /// thread free while tests run in parallel.
  func raiseSoon(_ session: Session) {
    // A backstop, so a lost interrupt fails the test instead of hanging it.
    session.stepBudget = 100_000_000
    let flag = session.interrupt
    Thread.detachNewThread {
      Thread.sleep(forTimeInterval: 0.1)
      flag.raise()
    }
  }

  /// A loop on registers (`while true { i += 1 }`), and one the call to
  /// `abs` keeps in the general code.
  @Test(arguments: ["i = 0\nwhile true { i += 1 }\n", "i = 0\nwhile true { i += abs(1) }\n"])
  func interruptStopsARunawayLoopAndKeepsVariables(_ text: String) throws {
    let (session, _) = session()
    raiseSoon(session)
    let result = session.run(Source(name: "t", text: text))
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.phase == .interrupt)
    #expect(diagnostic.message.hasPrefix("interrupted at line 2"))
    let rounds = Int(session.value(of: "i")?.number ?? 0)
    #expect(rounds > 0)
    // The count is of rounds that ran: the one the interrupt stopped before
    // it started does not count.
    #expect(diagnostic.message.contains("after \(rounds) steps;"), "\(diagnostic.message), i = \(rounds)")
  }

  @Test func interruptStopsALongTrain() throws {
    let (session, _) = session()
    raiseSoon(session)
    let text = "weight = 0.5; goal = 0.8; input = 0.5\ntrain 100000000000 alpha 0.01\n"
    let result = session.run(Source(name: "t", text: text))
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.phase == .interrupt)
    #expect(session.value(of: "weight")?.number != 0.5)
  }

  @Test func budgetEndsALoopWithTheLine() {
    let (session, _) = session()
    session.stepBudget = 100
    let result = session.run(Source(name: "t", text: "x = 0\n\nwhile true { x += 1 }\n"))
    #expect(result.diagnostics.first?.message.hasPrefix("step budget of 100 spent at line 3") == true)
    #expect(session.value(of: "x")?.number == 100)
  }

  /// A session's functions hold compiled code, and the code refers back to
  /// the session: that reference must not keep the session alive (a
  /// notebook check or a practice grading makes many sessions).
  @Test func aSessionThatDefinedFunctionsIsFreed() {
    weak var freed: Session?
    do {
      let (session, sink) = session()
      let text = """
        def f(w, steps) {
            for t in 0..<steps { w = w * 0.5 }
            return w
        }
        v = [1.0, 2.0]
        for i in 0..<len(v) { v[i] = f(v[i], 2) }
        print v
        """
      session.run(Source(name: "t", text: text))
      #expect(sink.text == "[0.25, 0.5]\n")
      freed = session
    }
    #expect(freed == nil)
  }
}
