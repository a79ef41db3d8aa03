import DescentPlot
import Testing

@Suite struct NumberFormatTests {
  @Test(arguments: [
    (0.0, "0"), (0.25, "0.25"), (1e-5, "1e-05"), (1e10, "1e+10"), (0.30000000000000004, "0.3"),
    (123_456_789, "1.23457e+08"), (-2.5e-7, "-2.5e-07"), (40, "40"), (0.0001, "0.0001"),
    (99999.94, "99999.9"),
    (999_999.5, "1e+06"), (5.403406870691965e16, "5.40341e+16"), (.nan, "nan"),
    (-.infinity, "-inf"),
  ])
  func compact(value: Double, text: String) {
    #expect(NumberFormat.compact(value) == text)
  }

  @Test func scientificAlwaysUsesAnExponent() {
    #expect(NumberFormat.scientific(1) == "1e+00")
    #expect(NumberFormat.scientific(150_000, significant: 2) == "1.5e+05")
    #expect(NumberFormat.scientific(1e-300) == "1e-300")
    #expect(NumberFormat.scientific(1.7976931348623157e308, significant: 3) == "1.8e+308")
  }

  @Test(arguments: [
    (12.5, "12.5"), (40.0, "40"), (-0.25, "-0.25"), (0.004, "0"), (-0.004, "0"), (1.005, "1"),
    (352.0, "352"), (306.857142, "306.86"), (1e300, "1000000000000"), (.nan, "0"),
  ])
  func fixed(value: Double, text: String) {
    #expect(NumberFormat.fixed(value) == text)
  }
}

@Suite struct TicksTests {
  @Test(arguments: [(0.075, 0.1), (3.3, 5), (2.9, 2), (1.2, 1), (7.5, 10), (0.0004, 0.0005)])
  func niceStep(raw: Double, step: Double) {
    #expect(Ticks.niceStep(raw) == step)
  }

  @Test func twentyStepErrorsGetRoundTicks() {
    let y = Ticks.linear(lower: 5.4e-6, upper: 0.3025, target: 5, extend: true)
    #expect(y.lower == 0)
    #expect(y.upper == 0.4)
    #expect(y.ticks.map(\.label) == ["0", "0.1", "0.2", "0.3", "0.4"])
    let x = Ticks.linear(lower: 1, upper: 20, target: 5, extend: true)
    #expect(x.ticks.map(\.label) == ["0", "5", "10", "15", "20"])
  }

  @Test func quarterSteps() {
    let ticks = Ticks.linear(lower: 0, upper: 0.25, target: 6, extend: true)
    #expect(ticks.ticks.map(\.label) == ["0", "0.05", "0.1", "0.15", "0.2", "0.25"])
  }

  @Test func explicitRangeKeepsItsEnds() {
    let ticks = Ticks.linear(lower: 0.33, upper: 0.97, target: 4, extend: false)
    #expect(ticks.lower == 0.33 && ticks.upper == 0.97)
    #expect(ticks.ticks.map(\.label) == ["0.4", "0.6", "0.8"])
  }

  @Test func largeTicksUseExponents() {
    let ticks = Ticks.linear(lower: 0, upper: 150_000, target: 4, extend: true)
    #expect(ticks.ticks.map(\.label) == ["0", "5e+04", "1e+05", "1.5e+05"])
    let negative = Ticks.linear(lower: -3, upper: 3, target: 4, extend: true)
    #expect(negative.ticks.map(\.label) == ["-4", "-2", "0", "2", "4"])
  }

  @Test func logTicksOverAHugeRange() {
    let ticks = Ticks.log(lower: 1e-10, upper: 1e19, target: 5, extend: true)
    #expect(ticks.lower == 1e-10)
    #expect(ticks.upper == 1e20)
    #expect(ticks.ticks.map(\.label) == ["1e-10", "1e+00", "1e+10", "1e+20"])
  }

  /// The labels enclose the data: an error falling to 4.9e-28 was drawn
  /// under a lowest label of 1e-20 (issue 24).
  @Test(arguments: [(4.9e-28, 0.3025), (5.5e-16, 0.3025), (3e-7, 4e12), (1e-3, 2.0)])
  func logTicksEncloseTheData(lower: Double, upper: Double) throws {
    for target in [3, 5, 8] {
      let ticks = Ticks.log(lower: lower, upper: upper, target: target, extend: true)
      let values = ticks.ticks.map(\.value)
      let lowest = try #require(values.first)
      let highest = try #require(values.last)
      #expect(lowest <= lower && highest >= upper, "\(ticks.ticks.map(\.label)) for \(lower)...\(upper)")
      #expect(ticks.lower == lowest && ticks.upper == highest)
    }
  }

  @Test func logTicksOverAFewDecades() {
    let ticks = Ticks.log(lower: 0.01, upper: 100, target: 5, extend: true)
    #expect(ticks.ticks.map(\.label) == ["0.01", "0.1", "1", "10", "100"])
    let narrow = Ticks.log(lower: 2, upper: 8, target: 5, extend: false)
    #expect(narrow.ticks.map(\.label) == ["2", "5"])
  }

  @Test func labelsOfOddValuesDoNotTrap() {
    let ticks = Ticks.label([.nan, .infinity, 0, 1e-300, 1e300], step: .nan)
    #expect(ticks.map(\.label) == ["nan", "inf", "0", "1e-300", "1e+300"])
  }

  @Test func unusableRangesGiveNoTicks() {
    #expect(Ticks.linear(lower: 1, upper: 1, target: 5, extend: true).ticks.isEmpty)
    #expect(Ticks.linear(lower: .nan, upper: 1, target: 5, extend: true).ticks.isEmpty)
    #expect(Ticks.linear(lower: -1e308, upper: 1e308, target: 5, extend: true).ticks.isEmpty)
    #expect(Ticks.log(lower: -1, upper: 10, target: 5, extend: true).ticks.isEmpty)
  }
}
