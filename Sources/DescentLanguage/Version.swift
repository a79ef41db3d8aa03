/// The version of Descent, shown by `descent --version`.
public enum DescentVersion {
  public static let string = "0.1.0"
}
