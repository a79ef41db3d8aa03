import DescentNotebook
import Foundation

/// The kernelspec folder `jupyter kernelspec list` finds: `kernel.json`
/// (how to start `descent kernel`) and the logos.
public struct KernelSpec {
  /// The kernel's name in Jupyter (the folder name): letters, digits, `.`, `_`, `-`.
  public var name: String
  /// The `descent` executable the kernel runs.
  public var executable: String
  /// A step budget for every cell (`descent kernel --budget N`), if any.
  public var budget: Int?

  /// A spec; throws for a name Jupyter would not accept.
  public init(name: String = "descent", executable: String, budget: Int? = nil) throws(KernelSpecError) {
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))
    guard !name.isEmpty, name.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }) else {
      throw KernelSpecError("kernel name '\(name)' may hold only ASCII letters, digits, '.', '_' and '-'")
    }
    self.name = name
    self.executable = executable
    self.budget = budget
  }

  /// The `kernel.json` text.
  public var kernelJSON: String {
    let spec: [String: Any] = [
      "argv": [executable, "kernel", "--connection-file", "{connection_file}"]
        + (budget.map { ["--budget", String($0)] } ?? []),
      "display_name": name == "descent" ? "Descent" : "Descent (\(name))",
      "language": "descent",
      "interrupt_mode": "signal",
      "metadata": ["debugger": false],
    ]
    let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? JSONSerialization.data(withJSONObject: spec, options: options)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Where Jupyter looks for a user's kernels: `$JUPYTER_DATA_DIR/kernels`,
  /// else `$XDG_DATA_HOME/jupyter/kernels`, else `~/.local/share/jupyter/kernels`.
  public static func userKernelsFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty { return data + "/kernels" }
    if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/jupyter/kernels" }
    return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/jupyter/kernels"
  }

  /// The kernels folder below an installation prefix (`--prefix P`).
  public static func kernelsFolder(prefix: String) -> String { prefix + "/share/jupyter/kernels" }

  /// Writes the spec into `kernelsFolder/NAME`, each file atomically;
  /// returns the spec's folder.
  @discardableResult
  public func install(into kernelsFolder: String) throws(KernelSpecError) -> String {
    let folder = kernelsFolder + "/" + name
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw KernelSpecError("cannot make the folder \(folder): \(error.localizedDescription)")
    }
    let files: [(String, [UInt8])] = [
      ("kernel.json", Array(kernelJSON.utf8)),
      ("logo-svg.svg", Array(KernelLogo.svg.utf8)),
      ("logo-32x32.png", KernelLogo.png(size: 32)),
      ("logo-64x64.png", KernelLogo.png(size: 64)),
    ]
    for (file, bytes) in files {
      do { try AtomicFile.write(bytes, to: folder + "/" + file) } catch {
        throw KernelSpecError(error.description)
      }
    }
    return folder
  }
}

/// Why a kernelspec could not be written.
public struct KernelSpecError: Error, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}
