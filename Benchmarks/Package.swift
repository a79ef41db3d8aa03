// swift-tools-version:6.1
import PackageDescription

// Descent's benchmarks: a package of its own, so the main package's
// `swift build` / `swift test` (and CI) never build or run them.
// Run from this folder: `swift package benchmark` (see README.md).
let package = Package(
  name: "DescentBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "Descent", path: ".."),
    // The MallocInterposer trait gives the malloc counts per iteration;
    // naming the traits also leaves out the default RuntimeInterposer.
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "EngineBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "DescentEngine", package: "Descent"),
      ],
      path: "Benchmarks/EngineBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .executableTarget(
      name: "InterpreterBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "DescentLanguage", package: "Descent"),
      ],
      path: "Benchmarks/InterpreterBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .executableTarget(
      name: "DerivativeBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "DescentLanguage", package: "Descent"),
      ],
      path: "Benchmarks/DerivativeBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
  ]
)
