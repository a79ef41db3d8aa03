import DescentPlot
import Testing

@Suite struct ScaleTests {
  @Test func linearMapsEnds() {
    let s = Scale(lower: 2, upper: 4)
    #expect(s.fraction(2) == 0)
    #expect(s.fraction(4) == 1)
    #expect(s.fraction(3) == 0.5)
  }

  @Test func logRejectsNonPositive() {
    let s = Scale(kind: .log, lower: 1, upper: 100)
    #expect(s.fraction(10) == 0.5)
    #expect(s.fraction(0) == nil)
  }
}
