/// The recorded steps of a training run, stored column by column so a plot
/// can take `stepNumbers` and `errors` as they are.
///
/// Every step is kept until `capacity` rows are stored; then the history
/// thins itself evenly: it drops every other kept row and doubles its
/// stride, so it only records steps `1, 1 + stride, 1 + 2·stride, …`.
/// A run of 100 million steps thus fits in bounded memory with evenly
/// spaced rows that always include step 1. Recording costs one comparison
/// per step plus appends into arrays reserved up front.
///
/// Steps are numbered from 1. Each row holds the weights the step started
/// from, its predictions, its error, its deltas (`prediction - goal` per
/// output) and its weight deltas; `weightCount` and `outputCount` say how
/// many values each row has in the vector columns (0 when not recorded).
public struct TrainingHistory: Hashable, Sendable {
  /// The capacity used when none is given.
  public static let defaultCapacity = 10_000

  /// The most rows kept (0: nothing is recorded).
  public let capacity: Int
  /// Values per row in `weights` and `weightDeltas`.
  public let weightCount: Int
  /// Values per row in `predictions` and `deltas`.
  public let outputCount: Int

  /// The step number of each kept row, ascending and evenly spaced.
  public private(set) var stepNumbers: [Int] = []
  /// Row-major: `weightCount` weights per kept row (before the step's update).
  public private(set) var weights: [Double] = []
  /// Row-major: `outputCount` predictions per kept row.
  public private(set) var predictions: [Double] = []
  /// One error per kept row.
  public private(set) var errors: [Double] = []
  /// Row-major: `outputCount` deltas per kept row.
  public private(set) var deltas: [Double] = []
  /// Row-major: `weightCount` weight deltas per kept row.
  public private(set) var weightDeltas: [Double] = []
  /// The total number of steps the run applied (kept or not).
  public internal(set) var stepsSeen: Int = 0
  /// The current spacing between kept step numbers.
  public private(set) var stride: Int = 1
  /// The next step number to record (`Int.max` when recording is off).
  public private(set) var nextDueStep: Int

  /// An empty history; `capacity` is 0 (off) or at least 2.
  public init(weightCount: Int, outputCount: Int, capacity: Int = defaultCapacity) throws {
    guard capacity == 0 || capacity >= 2 else { throw TrainingError.invalidHistoryCapacity(capacity) }
    self.capacity = capacity
    self.weightCount = weightCount
    self.outputCount = outputCount
    self.nextDueStep = capacity == 0 ? Int.max : 1
  }

  /// Reserves storage for the rows a run of `expectedSteps` will keep, so
  /// recording never reallocates.
  mutating func reserve(expectedSteps: Int?) {
    let rows = Swift.min(capacity, expectedSteps ?? capacity)
    guard rows > 0 else { return }
    stepNumbers.reserveCapacity(rows)
    errors.reserveCapacity(rows)
    weights.reserveCapacity(rows * weightCount)
    weightDeltas.reserveCapacity(rows * weightCount)
    predictions.reserveCapacity(rows * outputCount)
    deltas.reserveCapacity(rows * outputCount)
  }

  /// The number of kept rows.
  public var count: Int { stepNumbers.count }

  /// The weights of kept row `row`.
  public func weights(ofRow row: Int) -> ArraySlice<Double> {
    weights[(row * weightCount)..<((row + 1) * weightCount)]
  }

  /// The predictions of kept row `row`.
  public func predictions(ofRow row: Int) -> ArraySlice<Double> {
    predictions[(row * outputCount)..<((row + 1) * outputCount)]
  }

  /// The deltas of kept row `row`.
  public func deltas(ofRow row: Int) -> ArraySlice<Double> {
    deltas[(row * outputCount)..<((row + 1) * outputCount)]
  }

  /// The weight deltas of kept row `row`.
  public func weightDeltas(ofRow row: Int) -> ArraySlice<Double> {
    weightDeltas[(row * weightCount)..<((row + 1) * weightCount)]
  }

  // MARK: - Recording (call only when `step == nextDueStep`)

  /// Records a step of a one-weight, one-output trainer.
  mutating func record(
    step: Int, weight: Double, prediction: Double, error: Double, delta: Double, weightDelta: Double
  ) {
    guard makeRoom(for: step) else { return }
    stepNumbers.append(step)
    errors.append(error)
    if weightCount == 1 {
      weights.append(weight)
      weightDeltas.append(weightDelta)
    }
    if outputCount == 1 {
      predictions.append(prediction)
      deltas.append(delta)
    }
    nextDueStep = step + stride
  }

  /// Records a step of a vector trainer; the buffers must hold `weightCount`
  /// and `outputCount` values (or be empty when that width is 0).
  mutating func record(
    step: Int, weights stepWeights: UnsafeBufferPointer<Double>,
    predictions stepPredictions: UnsafeBufferPointer<Double>, error: Double,
    deltas stepDeltas: UnsafeBufferPointer<Double>,
    weightDeltas stepWeightDeltas: UnsafeBufferPointer<Double>
  ) {
    guard makeRoom(for: step) else { return }
    stepNumbers.append(step)
    errors.append(error)
    weights.append(contentsOf: stepWeights.prefix(weightCount))
    weightDeltas.append(contentsOf: stepWeightDeltas.prefix(weightCount))
    predictions.append(contentsOf: stepPredictions.prefix(outputCount))
    deltas.append(contentsOf: stepDeltas.prefix(outputCount))
    nextDueStep = step + stride
  }

  /// Records only a step's error (network epochs).
  mutating func record(step: Int, error: Double) {
    guard makeRoom(for: step) else { return }
    stepNumbers.append(step)
    errors.append(error)
    nextDueStep = step + stride
  }

  /// Thins when full; returns whether `step` is still due afterwards.
  private mutating func makeRoom(for step: Int) -> Bool {
    guard count == capacity else { return true }
    thin()
    return step == nextDueStep
  }

  /// Keeps rows 0, 2, 4, … and doubles the stride: the kept step numbers
  /// stay evenly spaced and still start at step 1.
  private mutating func thin() {
    let kept = (count + 1) / 2
    Self.keepEvenRows(&stepNumbers, width: 1, kept: kept)
    Self.keepEvenRows(&errors, width: 1, kept: kept)
    Self.keepEvenRows(&weights, width: weightCount, kept: kept)
    Self.keepEvenRows(&weightDeltas, width: weightCount, kept: kept)
    Self.keepEvenRows(&predictions, width: outputCount, kept: kept)
    Self.keepEvenRows(&deltas, width: outputCount, kept: kept)
    stride *= 2
    nextDueStep = (stepNumbers.last ?? 1) + stride
  }

  private static func keepEvenRows<T>(_ column: inout [T], width: Int, kept: Int) {
    guard width > 0, !column.isEmpty else { return }
    for row in 0..<kept {
      for offset in 0..<width { column[row * width + offset] = column[2 * row * width + offset] }
    }
    column.removeLast(column.count - kept * width)
  }
}
