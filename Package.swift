// swift-tools-version:6.1
import PackageDescription

// Dependencies come from this machine's local package copies (see README):
// they are named by their usual GitHub URLs and a listed version.
let package = Package(
  name: "Descent",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "descent", targets: ["descent"]),
    .library(name: "DescentEngine", targets: ["DescentEngine"]),
    .library(name: "DescentLanguage", targets: ["DescentLanguage"]),
    .library(name: "DescentNotebook", targets: ["DescentNotebook"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    // MARK: - System libraries (Debian -dev packages, installed by scripts/setup)
    // libedit for the REPL's line editing: the header only (histedit.h in
    // /usr/include). No pkgConfig on purpose: its `-ledit` would load
    // libedit, libtinfo, libbsd and libmd at every start; the shim opens
    // libedit on first use instead (Sources/CEditLine/shim.h).
    .systemLibrary(
      name: "CEditLine",
      providers: [.apt(["libedit-dev"])]
    ),
    .systemLibrary(
      name: "CMark",
      pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
    // OpenBLAS for the engine's matrix products (cblas_dgemm / cblas_dgemv):
    // the header only, from Debian's alternatives (/usr/include/<triple>/
    // cblas.h). No pkgConfig on purpose: its `-lopenblas` would load the
    // library at every start; DescentEngine opens it on first use instead.
    .systemLibrary(
      name: "CBLAS",
      providers: [.apt(["libopenblas-dev"])]
    ),
    // ZeroMQ sockets and HMAC-SHA256 signing for the Jupyter kernel: the
    // headers only, no pkgConfig; both libraries are opened on first use
    // (Sources/CZeroMQ/shim.h says why).
    .systemLibrary(
      name: "CZeroMQ",
      providers: [.apt(["libzmq3-dev"])]
    ),
    .systemLibrary(
      name: "COpenSSL",
      providers: [.apt(["libssl-dev"])]
    ),

    // MARK: - Modules, each depending only on the ones above it
    .target(name: "DescentEngine", dependencies: ["CBLAS"]),
    .target(name: "DescentPlot"),
    .target(
      name: "DescentLanguage",
      dependencies: [
        "DescentEngine",
        "DescentPlot",
        .product(name: "CSV", package: "CSV.swift"),
      ]
    ),
    // The live training view's pure parts: progress maths and frame text.
    .target(name: "DescentLive", dependencies: ["DescentEngine", "DescentPlot"]),
    .target(
      name: "DescentNotebook",
      dependencies: ["DescentLanguage", "DescentPlot", "CMark", "Yams"],
      // `Lessons` is a symlink to the top-level `Notebooks/` folder, so every
      // lesson (and its data files) ships in the resource bundle without a
      // copy. `.process` flattens folders, so resource names must be unique:
      // figure files carry their notebook's name for that reason.
      // `Reference` is a symlink to `Grammar/`, for the language reference
      // the REPL's `:help TOPIC` prints (`LanguageReference`).
      resources: [.process("Lessons"), .process("Reference")]
    ),
    .target(
      name: "DescentKernel",
      dependencies: ["DescentLanguage", "DescentPlot", "DescentNotebook", "DescentLive", "CZeroMQ", "COpenSSL"]
    ),
    .target(name: "DescentExport", dependencies: ["DescentLanguage", "DescentNotebook"]),
    .executableTarget(
      name: "descent",
      dependencies: [
        "DescentLanguage",
        "DescentNotebook",
        "DescentKernel",
        "DescentExport",
        "DescentLive",
        "CEditLine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Tests
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "DescentEngineTests", dependencies: ["DescentEngine", "TestSupport"]),
    .testTarget(
      name: "DescentPlotTests", dependencies: ["DescentPlot", "TestSupport"], exclude: ["Snapshots"]),
    .testTarget(
      name: "DescentLanguageTests", dependencies: ["DescentLanguage", "TestSupport"], exclude: ["ParseDumps"]),
    .testTarget(
      name: "DescentNotebookTests", dependencies: ["DescentNotebook", "TestSupport"],
      exclude: ["Notebooks"]),
    .testTarget(name: "DescentKernelTests", dependencies: ["DescentKernel", "DescentLanguage", "DescentLive"]),
    .testTarget(name: "DescentExportTests", dependencies: ["DescentExport", "DescentLanguage", "TestSupport"]),
    .testTarget(name: "DescentLiveTests", dependencies: ["DescentLive", "TestSupport"]),
    .testTarget(name: "DescentREPLTests", dependencies: ["descent", "DescentLanguage", "TestSupport"]),
  ]
)
