import Testing

@testable import DescentEngine

/// Tensor construction, numpy broadcasting, products, reductions and typed errors.
@Suite struct TensorTests {
  @Test func constructionAndRaggedRows() throws {
    let m = try Tensor([[1, 2, 3], [4, 5, 6]])
    #expect(m.shape == [2, 3])
    #expect(m.scalars == [1, 2, 3, 4, 5, 6])
    #expect(m.rows == [[1, 2, 3], [4, 5, 6]])
    #expect(throws: TensorError.raggedRows(row: 1, expected: 2, found: 1)) { try Tensor([[1, 2], [3]]) }
    #expect(throws: TensorError.invalidShape([2, 2, 2])) { try Tensor.zeros([2, 2, 2]) }
    #expect(throws: TensorError.scalarCountMismatch(shape: [2, 2], count: 3)) {
      try Tensor(shape: [2, 2], scalars: [1, 2, 3])
    }
    #expect(try Tensor.ones([3]).scalars == [1, 1, 1])
    #expect(try m.element(at: [1, 2]) == 6)
    #expect(throws: TensorError.indexOutOfRange(index: [2, 0], shape: [2, 3])) { try m.element(at: [2, 0]) }
    #expect(try m.row(1) == Tensor([4, 5, 6]))
  }

  @Test func broadcastingFollowsNumpy() throws {
    let m = try Tensor([[1, 2, 3], [4, 5, 6]])
    #expect(try m + Tensor([10, 20, 30]) == Tensor([[11, 22, 33], [14, 25, 36]]))
    #expect(try Tensor([10, 20, 30]) - m == Tensor([[9, 18, 27], [6, 15, 24]]))
    #expect(try m * Tensor([[2], [3]]) == Tensor([[2, 4, 6], [12, 15, 18]]))
    #expect(try m / m == Tensor([[1, 1, 1], [1, 1, 1]]))
    #expect(m * 2 == (try Tensor([[2, 4, 6], [8, 10, 12]])))
    #expect(1 - Tensor([0.25]) == Tensor([0.75]))
    #expect(throws: TensorError.shapeMismatch(operation: "+", lhs: [2, 3], rhs: [2])) {
      try m + Tensor([1, 2])
    }
    #expect(throws: TensorError.shapeMismatch(operation: "*", lhs: [3], rhs: [2])) {
      try Tensor([1, 2, 3]) * Tensor([1, 2])
    }
  }

  @Test func productsAndTranspose() throws {
    let m = try Tensor([[1, 2, 3], [4, 5, 6]])
    #expect(try Tensor([1, 2, 3]).dot(Tensor([4, 5, 6])) == 32)
    #expect(try m.matmul(m.transposed()) == Tensor([[14, 32], [32, 77]]))
    #expect(try Tensor([1, 1]).matmul(m) == Tensor([5, 7, 9]))
    #expect(try m.matmul(Tensor([1, 0, -1])) == Tensor([-2, -2]))
    #expect(try Tensor([1, 2]).outer(Tensor([3, 4, 5])) == Tensor([[3, 4, 5], [6, 8, 10]]))
    #expect(m.transposed().shape == [3, 2])
    #expect(Tensor([1, 2]).transposed() == Tensor([1, 2]))
    #expect(throws: TensorError.shapeMismatch(operation: "matmul", lhs: [2, 3], rhs: [2, 3])) {
      try m.matmul(m)
    }
    #expect(throws: TensorError.shapeMismatch(operation: "dot", lhs: [2], rhs: [3])) {
      try Tensor([1, 2]).dot(Tensor([1, 2, 3]))
    }
    #expect(try Tensor([[Double]]()).matmul(Tensor(shape: [0, 2], scalars: [])) == Tensor(shape: [0, 2], scalars: []))
  }

  @Test func reductions() throws {
    let m = try Tensor([[1, 2, 3], [4, 5, 6]])
    #expect(m.sum() == 21)
    #expect(m.mean() == 3.5)
    #expect(try m.min() == 1)
    #expect(try m.max() == 6)
    #expect(try m.sum(alongAxis: 0) == Tensor([5, 7, 9]))
    #expect(try m.mean(alongAxis: 1) == Tensor([2, 5]))
    #expect(throws: TensorError.empty(operation: "max")) { try Tensor([Double]()).max() }
    #expect(throws: TensorError.invalidAxis(axis: 2, rank: 2)) { try m.sum(alongAxis: 2) }
    #expect(Tensor([Double]()).mean().isNaN)
  }

  @Test func lossesAndTheirGradients() throws {
    let pred = Tensor([1, 2, 4])
    let goal = Tensor([1, 3, 2])
    #expect(try Loss.sumOfSquaredErrors.value(prediction: pred, goal: goal) == 5)
    #expect(try Loss.squaredError.value(prediction: pred, goal: goal) == 5)
    #expect(try Loss.meanSquaredError.value(prediction: pred, goal: goal) == 5.0 / 3)
    #expect(try Loss.sumOfSquaredErrors.gradient(prediction: pred, goal: goal) == Tensor([0, -2, 4]))
    let meanGradient = try Loss.meanSquaredError.gradient(prediction: pred, goal: goal)
    let expected: [Double] = [0, 2.0 / 3 * -1, 2.0 / 3 * 2]
    #expect(meanGradient.scalars == expected)
    #expect(throws: TensorError.self) { try Loss.meanSquaredError.value(prediction: pred, goal: Tensor([1])) }
  }
}
