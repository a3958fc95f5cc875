// swift-tools-version:6.1
import PackageDescription

/// The working-memory compiler: activity store, builder, prompt compiler and the `wm` CLI.
///
/// Data flows one way: sources -> snapshot -> builder -> compiler -> rendered prompt + report.
/// See docs/ARCHITECTURE.md.
let package = Package(
    name: "working-memory",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "wm", targets: ["wm"]),
        .library(name: "Tokenization", targets: ["Tokenization"]),
        .library(name: "PromptCompiler", targets: ["PromptCompiler"]),
        .library(name: "WorkingMemory", targets: ["WorkingMemory"]),
        .library(name: "PostgresStore", targets: ["PostgresStore"]),
        .library(name: "WorkingMemoryService", targets: ["WorkingMemoryService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // The HTTP service (`wm serve`): only its module and tests use these.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // C shims only: system libraries found with pkg-config.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),

        // Exact token counts (o200k_base, cl100k_base) and labelled estimates.
        .target(
            name: "Tokenization",
            exclude: ["Resources/LICENSE-tiktoken-ranks.md"],
            resources: [.copy("Resources/o200k_base.bpe"), .copy("Resources/cl100k_base.bpe")]
        ),

        // Pure compiler: templates, allocator, sanitizer, structural guard. No database, no clock.
        .target(
            name: "PromptCompiler",
            dependencies: [
                "Tokenization", "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),

        // Golden-file harness shared by the tests and `wm golden`: cases, expected files, line diffs.
        .target(name: "GoldenFiles", dependencies: ["PromptCompiler", "Tokenization", "WorkingMemory"]),

        // Domain (activity events, snapshot) and the builder that maps a snapshot onto compiler sections.
        .target(
            name: "WorkingMemory",
            dependencies: ["PromptCompiler", "Tokenization", .product(name: "Logging", package: "swift-log")]
        ),

        // libpq wrapper, migrations, the activity-log store and the PostgreSQL source.
        .target(
            name: "PostgresStore",
            dependencies: ["CLibPQ", "WorkingMemory", .product(name: "Logging", package: "swift-log")]
        ),

        // The HTTP service: routes, auth, limits, the connection pool, metrics (`wm serve`).
        .target(
            name: "WorkingMemoryService",
            dependencies: [
                "WorkingMemory", "PostgresStore", "PromptCompiler", "Tokenization",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Thin command line.
        .executableTarget(
            name: "wm",
            dependencies: [
                "Tokenization", "PromptCompiler", "GoldenFiles", "WorkingMemory", "PostgresStore",
                "WorkingMemoryService", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The seeded generator every test target shares.
        .target(name: "SeededRandom", path: "Tests/Support/SeededRandom"),
        .testTarget(
            name: "TokenizationTests",
            dependencies: ["Tokenization", "SeededRandom"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "PromptCompilerTests",
            dependencies: ["PromptCompiler", "GoldenFiles", "Tokenization", "SeededRandom"],
            exclude: ["Regressions"]
        ),
        .testTarget(name: "WorkingMemoryTests", dependencies: ["WorkingMemory", "PromptCompiler", "Tokenization", "SeededRandom"]),
        // End-to-end tests of the built `wm` executable.
        .testTarget(name: "wmTests", dependencies: ["wm"]),
        .testTarget(
            name: "WorkingMemoryServiceTests",
            dependencies: [
                "WorkingMemoryService", "PostgresStore", "WorkingMemory", "SeededRandom",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: [
                "PostgresStore", "WorkingMemory", "PromptCompiler", "Tokenization",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
