import DescentPlot
import Testing

@Suite struct BrailleCanvasTests {
  @Test func dotsMapToBraillePatterns() {
    var canvas = BrailleCanvas(columns: 3, rows: 1)
    canvas.setDot(x: 0, y: 0)  // dot 1
    canvas.setDot(x: 3, y: 3)  // dot 8
    for x in 4...5 { for y in 0...3 { canvas.setDot(x: x, y: y) } }
    #expect(canvas.lines() == ["\u{2801}\u{2880}\u{28FF}"])
    #expect(canvas.isDotSet(x: 3, y: 3))
    #expect(!canvas.isDotSet(x: 2, y: 3))
  }

  @Test func horizontalLineAcrossTwoCells() {
    var canvas = BrailleCanvas(columns: 2, rows: 1)
    canvas.line(from: (0, 0), to: (3, 0))
    #expect(canvas.lines() == ["⠉⠉"])
  }

  @Test func diagonalLineTouchesEveryRow() {
    var canvas = BrailleCanvas(columns: 2, rows: 2)
    canvas.line(from: (0, 7), to: (3, 0))
    for y in 0..<8 { #expect((0..<4).contains { canvas.isDotSet(x: $0, y: y) }) }
  }

  @Test func dotsOffTheCanvasAreIgnored() {
    var canvas = BrailleCanvas(columns: 1, rows: 1)
    canvas.setDot(x: -1, y: 0)
    canvas.setDot(x: 2, y: 0)
    canvas.line(from: (Int.min, 0), to: (Int.max, 0))
    canvas.put("x", column: 5, row: 5)
    #expect(canvas.lines() == [""])
  }

  @Test func asciiFallbackUsesTwoDotsPerCell() {
    var canvas = BrailleCanvas(columns: 3, rows: 1, mode: .ascii)
    canvas.setDot(x: 0, y: 0)
    canvas.setDot(x: 1, y: 1)
    canvas.setDot(x: 2, y: 0)
    canvas.setDot(x: 2, y: 1)
    #expect(canvas.lines() == ["'.:"])
    #expect(canvas.dotWidth == 3 && canvas.dotHeight == 2)
  }

  @Test func textSitsInFrontAndLabelsDoNotOverlap() {
    var canvas = BrailleCanvas(columns: 6, rows: 1)
    canvas.setDot(x: 0, y: 0)
    canvas.put("o", column: 0, row: 0)
    let first = canvas.write("ab", column: 1, row: 0)
    let overlapping = canvas.write("cd", column: 2, row: 0)
    let tooLong = canvas.write("toolong", column: 0, row: 0)
    #expect(first && !overlapping && !tooLong)
    #expect(canvas.lines() == ["oab"])
  }

  @Test func shadesShowBehindDots() {
    var canvas = BrailleCanvas(columns: 3, rows: 1)
    canvas.shade(column: 0, row: 0, level: 4)
    canvas.shade(column: 1, row: 0, level: 1)
    canvas.setDot(x: 2, y: 0)
    #expect(canvas.lines() == ["▓⠁"])
  }

  @Test func colouredRunsShareOneEscape() {
    var canvas = BrailleCanvas(columns: 4, rows: 1)
    canvas.line(from: (0, 0), to: (3, 0), color: .red)
    canvas.put("x", column: 3, row: 0, color: .blue)
    #expect(canvas.lines(color: true) == ["\u{1B}[31m⠉⠉\u{1B}[0m \u{1B}[34mx\u{1B}[0m"])
    #expect(canvas.lines(color: false) == ["⠉⠉ x"])
  }
}
