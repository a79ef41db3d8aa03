extension Tensor {
  /// The element at a position of the row-major storage, readable and
  /// settable in place (the language's `w[i] = x` on a uniquely held
  /// vector changes it without a copy). The position must be valid:
  /// callers check the user's index first and report it when it is not.
  public subscript(flat position: Int) -> Double {
    get { scalars[position] }
    set {
      precondition(position >= 0 && position < scalars.count, "flat index checked by the caller")
      scalars[position] = newValue
    }
  }
}
