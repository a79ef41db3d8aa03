// swift-tools-version:6.1
import PackageDescription

// libFuzzer harnesses for Descent: a package of its own, so the main
// package's `swift build` / `swift test` never build them. `scripts/fuzz`
// builds them with `--sanitize=fuzzer --sanitize=address` (coverage
// instrumentation and AddressSanitizer in every module, Descent's
// included) and runs them.
//
// Each harness is one file exporting `LLVMFuzzerTestOneInput`; libFuzzer
// supplies `main`, so the files are compiled as libraries
// (`-parse-as-library`), with no top-level code.
let package = Package(
  name: "DescentFuzz",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "Descent", path: "..")
  ],
  targets: [
    .executableTarget(
      name: "LanguageFuzzer",
      dependencies: [
        .product(name: "DescentLanguage", package: "Descent")
      ],
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    ),
    .executableTarget(
      name: "NotebookFuzzer",
      dependencies: [
        .product(name: "DescentLanguage", package: "Descent"),
        .product(name: "DescentNotebook", package: "Descent"),
      ],
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    ),
  ]
)
