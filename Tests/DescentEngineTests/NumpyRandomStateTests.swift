import DescentEngine
import Foundation
import TestSupport
import Testing

/// numpy's legacy RandomState, draw for draw, against the sequences numpy
/// printed (`Tests/Fixtures/numpy/random.json`, from scripts/numpy-fixtures.py):
/// several seeds, each a run of interleaved calls so the cached second
/// normal of the polar method is carried across calls as numpy carries it.
@Suite struct NumpyRandomStateTests {
  /// One call's draws, as text (floats as Python reprs, ints in decimal).
  func draw(_ op: [Any], _ rng: inout NumpyRandomState) throws -> [String] {
    let kind = try #require(op.first as? String)
    func number(_ i: Int) throws -> Double { try #require((op[i] as? NSNumber)?.doubleValue) }
    func count(_ i: Int) throws -> Int { try #require((op[i] as? NSNumber)?.intValue) }
    func texts(_ xs: [Double]) -> [String] { xs.map { "\($0)" } }
    switch kind {
    case "random", "rand": return texts(rng.randomSample(try count(1)))
    case "randn": return texts(rng.standardNormal(try count(1)))
    case "normal":
      return texts(rng.normal(loc: try number(1), scale: try number(2), count: try count(3)))
    case "uniform":
      return texts(rng.uniform(low: try number(1), high: try number(2), count: try count(3)))
    case "randint":
      return rng.randint(low: try count(1), high: try count(2), count: try count(3)).map(
        String.init)
    case "permutation": return rng.permutation(try count(1)).map(String.init)
    case "shuffle":
      var values = Array(0..<(try count(1)))
      rng.shuffle(&values)
      return values.map(String.init)
    case "choice":
      return try #require(rng.choice(try count(1), count: try count(2))).map(String.init)
    case "choice_noreplace":
      return try #require(rng.choice(try count(1), count: try count(2), replace: false)).map(
        String.init)
    case "choice_p":
      let p = try #require(op[1] as? [NSNumber]).map(\.doubleValue)
      return try #require(rng.choice(p.count, count: try count(2), p: p)).map(String.init)
    default:
      Issue.record("unknown op \(kind)")
      return []
    }
  }

  @Test func sequencesMatchNumpy() throws {
    let seeds = try #require(try Fixtures.json("numpy/random.json") as? [[String: Any]])
    #expect(seeds.count >= 5)
    var compared = 0
    for seedCase in seeds {
      let seed = try #require((seedCase["seed"] as? NSNumber)?.uint32Value)
      var rng = NumpyRandomState(seed: seed)
      for call in try #require(seedCase["ops"] as? [[String: Any]]) {
        let op = try #require(call["op"] as? [Any])
        // Floats are Python reprs; Swift's description of a double is the same
        // shortest digits, so compare through Double for a layout-free match.
        let values = try #require(call["values"] as? [Any])
        let want = values.map { value -> String in
          if let text = value as? String, let x = Double(text) { return "\(x)" }
          return "\(value)"
        }
        let got = try draw(op, &rng)
        #expect(got == want, "seed \(seed), \(op)")
        compared += want.count
      }
    }
    #expect(compared > 5000)
  }

  @Test func reseedingRestartsTheSequenceAndDropsTheCachedNormal() {
    var rng = NumpyRandomState(seed: 7)
    let first = rng.standardNormal(3)
    rng.reseed(7)
    #expect(rng.standardNormal(3) == first)
    #expect(NumpyRandomState.isValidSeed(4_294_967_295))
    #expect(!NumpyRandomState.isValidSeed(-1))
    #expect(!NumpyRandomState.isValidSeed(4_294_967_296))
  }

  @Test func seedZeroGivesNumpysFirstDraw() {
    // np.random.seed(0); np.random.random() == 0.5488135039273248
    var rng = NumpyRandomState(seed: 0)
    #expect(rng.nextDouble() == 0.5488135039273248)
  }
}
