import DescentLanguage
import DescentPlot
import Foundation

/// The folder a fuzzed program may `load` from: the test programs' CSV
/// files (`Tests/Programs`), so seeds that load data reach the CSV reader.
let dataFolder = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("Tests/Programs").path

/// Counts what a program prints and renders its charts as a terminal would,
/// so the renderers run on whatever the fuzzer makes.
final class RenderingSink: OutputSink {
  var bytes = 0
  let renderer = TerminalRenderer(width: 40, height: 12)
  func write(_ text: String) { bytes += text.utf8.count }
  func show(_ chart: Chart) { bytes += renderer.render(chart).utf8.count }
}

/// One input: any bytes, read as a Descent program (invalid UTF-8 repaired
/// as a file read would be). It is lexed, parsed, dumped, checked for
/// completeness as the REPL does, then run with small limits — a step
/// budget, an output limit, a recursion bound and a tensor size bound — so
/// every run ends quickly; its diagnostics are rendered with carets.
///
/// A crash, an AddressSanitizer report, a failed check below or a run over
/// libFuzzer's `-timeout` is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func languageFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let source = Source(name: "fuzz.descent", text: text)

  let parsed = Parser.parse(text)
  _ = ASTDump.dump(parsed.statements)
  _ = Session.isIncomplete(text)

  let sink = RenderingSink()
  let session = Session(output: sink)
  session.stepBudget = 20_000
  session.maxOutputBytes = 50_000
  session.maxCallDepth = 200
  session.maxTensorElements = 1_000_000
  session.baseDirectory = dataFolder
  session.readableRoots = [dataFolder]
  session.allowsFileWrites = false
  // `show graph` draws its tree, not Graphviz: a started process is
  // Foundation's to free (LeakSanitizer counts it), and thousands of runs
  // a second should not start programs.
  session.graphvizProgram = "/nonexistent/dot"
  let result = session.run(source)

  for diagnostic in result.diagnostics {
    // Every diagnostic points at a real place: a line and column from 1,
    // and a range that does not end before it starts.
    precondition(diagnostic.range.start.line >= 1 && diagnostic.range.start.column >= 1, "diagnostic at \(diagnostic.range)")
    precondition(diagnostic.range.start.offset <= diagnostic.range.end.offset, "reversed range \(diagnostic.range)")
    precondition(diagnostic.range.end.offset <= text.utf8.count, "range past the end: \(diagnostic.range)")
    _ = diagnostic.render(source: source)
  }
  // The output limit holds (a little over: the line that crossed it).
  precondition(sink.bytes <= 50_000 + 200_000, "printed \(sink.bytes) bytes")
  return 0
}
