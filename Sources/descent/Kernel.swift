import ArgumentParser
import DescentKernel
import Foundation

/// `descent kernel`: Descent as a Jupyter kernel, and its installation.
struct Kernel: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kernel",
    abstract: "Run Descent as a Jupyter kernel (Jupyter starts it), or install its kernelspec.",
    discussion: """
      `descent kernel install` once, then pick "Descent" in JupyterLab,
      Notebook or VS Code. Jupyter runs `descent kernel --connection-file F`
      itself. Cells may start with `#| budget=N` and `#| digits=N` lines,
      the options a lesson cell's info string takes.
      """,
    // `serve` is the default, so Jupyter's `descent kernel --connection-file F`
    // works; its options live there, not here, so that `install --budget`
    // is not taken for the kernel's own --budget.
    subcommands: [KernelServe.self, KernelInstall.self],
    defaultSubcommand: KernelServe.self)
}

/// `descent kernel [serve] --connection-file F`: the kernel itself.
struct KernelServe: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the Jupyter protocol on the sockets the connection file names.")

  @Option(help: "The connection file Jupyter wrote (ports and signing key).")
  var connectionFile: String?

  @Option(help: "Stop each cell after N loop iterations and train steps (default: no budget, as in the REPL).")
  var budget: Int?

  func validate() throws {
    if let budget, budget <= 0 { throw ValidationError("--budget must be a positive number") }
  }

  func run() throws {
    guard let connectionFile else {
      throw ValidationError("--connection-file is needed (Jupyter passes it); to install the kernel: descent kernel install")
    }
    let kernel: JupyterKernel
    do {
      kernel = try JupyterKernel(
        connectionFile: connectionFile, budget: budget, log: { Terminal.standardError($0 + "\n") })
    } catch {
      Terminal.standardError("descent kernel: \(error)\n")
      throw ExitCode.failure
    }
    let status = kernel.run()
    if status != 0 { throw ExitCode(status) }
  }
}

/// `descent kernel install`: writes the kernelspec where Jupyter finds it.
struct KernelInstall: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "install",
    abstract: "Install the Descent kernelspec for Jupyter.",
    discussion: """
      Writes kernel.json and the logos into the user's Jupyter data folder
      ($JUPYTER_DATA_DIR/kernels, else ~/.local/share/jupyter/kernels), or
      into PREFIX/share/jupyter/kernels with --prefix (a virtual
      environment's folder, say). Then `jupyter kernelspec list` shows it.
      """)

  @Flag(help: "Install for the current user (the default).")
  var user = false

  @Option(help: "Install below this prefix: PREFIX/share/jupyter/kernels/NAME.")
  var prefix: String?

  @Option(help: "The kernel's name in Jupyter.")
  var name = "descent"

  @Option(help: "Give every cell a step budget of N loop iterations and train steps.")
  var budget: Int?

  func validate() throws {
    if user && prefix != nil { throw ValidationError("--user and --prefix cannot be used together") }
    if let budget, budget <= 0 { throw ValidationError("--budget must be a positive number") }
  }

  func run() throws {
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    do {
      let spec = try KernelSpec(name: name, executable: executable, budget: budget)
      let folder = prefix.map { KernelSpec.kernelsFolder(prefix: $0) } ?? KernelSpec.userKernelsFolder()
      let written = try spec.install(into: folder)
      print("Installed the Descent kernel '\(name)' in \(written)")
    } catch {
      Terminal.standardError("descent kernel install: \(error)\n")
      throw ExitCode(ExitStatus.usage)
    }
  }
}
