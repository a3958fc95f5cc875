// swift-tools-version:6.1
import PackageDescription

/// libFuzzer target over template compilation and rendering. Not part of CI: run ./fuzz/run.sh.
let package = Package(
    name: "prompt-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "working-memory", path: "..")],
    targets: [
        .executableTarget(
            name: "PromptFuzz",
            dependencies: [
                .product(name: "PromptCompiler", package: "working-memory"),
                .product(name: "Tokenization", package: "working-memory"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
