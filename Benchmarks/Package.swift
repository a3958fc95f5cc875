// swift-tools-version:6.1
import PackageDescription

/// Benchmarks of the working-memory package: `swift package benchmark` from this folder.
/// Not part of CI; see the scripts in ../scripts/ for the set-up each benchmark needs.
let package = Package(
    name: "working-memory-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "working-memory", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ActivityStore",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "PostgresStore", package: "working-memory"),
                .product(name: "SourceData", package: "working-memory"),
            ],
            path: "Benchmarks/ActivityStore",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "SessionStart",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "PostgresStore", package: "working-memory"),
                .product(name: "SourceData", package: "working-memory"),
                .product(name: "WorkingMemory", package: "working-memory"),
                .product(name: "PromptCompiler", package: "working-memory"),
                .product(name: "Tokenization", package: "working-memory"),
            ],
            path: "Benchmarks/SessionStart",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "Tokenizer",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Tokenization", package: "working-memory"),
            ],
            path: "Benchmarks/Tokenizer",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "Compiler",
            dependencies: [
                "CompilerInputs",
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "PromptCompiler", package: "working-memory"),
                .product(name: "Tokenization", package: "working-memory"),
            ],
            path: "Benchmarks/Compiler",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // One user's rendering and what is made from it on request: provenance lines, digest, JSON, explain.
        .executableTarget(
            name: "Rendering",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "WorkingMemory", package: "working-memory"),
                .product(name: "SourceData", package: "working-memory"),
                .product(name: "PromptCompiler", package: "working-memory"),
                .product(name: "Tokenization", package: "working-memory"),
            ],
            path: "Benchmarks/Rendering",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // The render cache's hit, in process: the lookup and the 200 answer, the version check excluded.
        .executableTarget(
            name: "RenderCache",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "WorkingMemoryService", package: "working-memory"),
                .product(name: "WorkingMemory", package: "working-memory"),
                .product(name: "SourceData", package: "working-memory"),
            ],
            path: "Benchmarks/RenderCache",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // The typical block and other inputs, shared by the Compiler benchmark and CompilerProbe.
        .target(
            name: "CompilerInputs",
            dependencies: [.product(name: "PromptCompiler", package: "working-memory")],
            path: "CompilerInputs"
        ),
        // Profiling aid: the typical render in a loop, for perf (see CompilerProbe/main.swift).
        .executableTarget(
            name: "CompilerProbe",
            dependencies: [
                "CompilerInputs",
                .product(name: "PromptCompiler", package: "working-memory"),
                .product(name: "Tokenization", package: "working-memory"),
            ],
            path: "CompilerProbe"
        ),
        // Profiling aid: session start in a loop, time per phase (see SessionProbe/main.swift).
        .executableTarget(
            name: "SessionProbe",
            dependencies: [
                .product(name: "PostgresStore", package: "working-memory"),
                .product(name: "SourceData", package: "working-memory"),
                .product(name: "WorkingMemory", package: "working-memory"),
                .product(name: "PromptCompiler", package: "working-memory"),
                .product(name: "Tokenization", package: "working-memory"),
            ],
            path: "SessionProbe"
        ),
        // Plain figures for scripts/tokenizer/compare-tiktoken.sh (tiktoken on the same file, same run).
        .executableTarget(
            name: "TokenizerProbe",
            dependencies: [.product(name: "Tokenization", package: "working-memory")],
            path: "TokenizerProbe"
        ),
    ],
    swiftLanguageModes: [.v6]
)
