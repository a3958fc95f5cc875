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
        // `wm render` alone, without the HTTP service's dependencies: what scripts/render-example.sh builds.
        .executable(name: "wm-render", targets: ["wm-render"]),
        .library(name: "WireFormats", targets: ["WireFormats"]),
        .library(name: "SourceData", targets: ["SourceData"]),
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
        // Pinned to 2.1.x: the compiler's fast path (FastTemplate) reads swift-mustache's token tree, which is
        // internal to it and may change in any minor release. Check FastTemplate before widening this.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", .upToNextMinor(from: "2.1.1")),
        // The HTTP service (`wm serve`): only its module and tests use these.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // SHA-256 for the service's ETags (and the tests' checks of the rank files' digests).
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // C shims only: system libraries found with pkg-config.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        // OpenSSL's libcrypto, for the stable block's SHA-256: a library libpq already links, so `wm-render`
        // stays free of swift-crypto's build (see docs/DECISIONS.md).
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // The wire formats every module reads or writes: JSON values, the parser, the one JSON writer,
        // RFC 3339 instants, UUID text. No dependencies.
        .target(name: "WireFormats"),

        // What the sources produce and accept: the snapshot and its rows, activity events (types, validation,
        // write points), the source protocol and the data version. No compiler, no database.
        .target(name: "SourceData", dependencies: ["WireFormats"]),

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
                "Tokenization", "CCmark", "WireFormats",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),

        // Golden-file harness shared by the tests and `wm golden`: cases, expected files, line diffs.
        .target(name: "GoldenFiles", dependencies: ["PromptCompiler", "Tokenization", "WorkingMemory", "SourceData"]),

        // The domain rules and the builder that maps a snapshot onto compiler sections, and the rendering.
        .target(
            name: "WorkingMemory",
            dependencies: [
                "SourceData", "WireFormats", "PromptCompiler", "Tokenization", "CLibCrypto",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // libpq wrapper, migrations, the activity-log store and the PostgreSQL source.
        .target(
            name: "PostgresStore",
            dependencies: ["CLibPQ", "SourceData", "WireFormats", .product(name: "Logging", package: "swift-log")]
        ),

        // The HTTP service: routes, auth, limits, the connection pool, metrics (`wm serve`).
        .target(
            name: "WorkingMemoryService",
            dependencies: [
                "WorkingMemory", "SourceData", "WireFormats", "PostgresStore", "PromptCompiler", "Tokenization",
                .product(name: "Crypto", package: "swift-crypto"),
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

        // The command line's subcommands, all but `serve`: shared by `wm` and `wm-render`.
        .target(
            name: "WMCommands",
            dependencies: [
                "Tokenization", "PromptCompiler", "GoldenFiles", "WorkingMemory", "SourceData", "WireFormats",
                "PostgresStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Thin command line: the subcommands and `wm serve`.
        .executableTarget(
            name: "wm",
            dependencies: [
                "WMCommands", "PostgresStore", "WorkingMemoryService", "WireFormats",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // `wm render` as a program of its own, built without the service's dependencies.
        .executableTarget(
            name: "wm-render",
            dependencies: ["WMCommands", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // The test database every store and service test creates (scripts/test.sh starts the server).
        .target(
            name: "TestDatabaseSupport",
            dependencies: ["PostgresStore"],
            path: "Tests/Support/TestDatabaseSupport"
        ),

        // The seeded generator every test target shares.
        .target(name: "SeededRandom", path: "Tests/Support/SeededRandom"),
        .testTarget(
            name: "TokenizationTests",
            dependencies: ["Tokenization", "SeededRandom", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "PromptCompilerTests",
            dependencies: ["PromptCompiler", "GoldenFiles", "Tokenization", "WireFormats", "SeededRandom"],
            exclude: ["Regressions"]
        ),
        .testTarget(name: "WireFormatsTests", dependencies: ["WireFormats", "SeededRandom"]),
        .testTarget(name: "SourceDataTests", dependencies: ["SourceData", "WireFormats"]),
        .testTarget(
            name: "WorkingMemoryTests",
            dependencies: ["WorkingMemory", "SourceData", "WireFormats", "PromptCompiler", "Tokenization", "SeededRandom"]
        ),
        // End-to-end tests of the built `wm` executable.
        .testTarget(name: "wmTests", dependencies: ["wm", "wm-render"]),
        .testTarget(
            name: "WorkingMemoryServiceTests",
            dependencies: [
                "WorkingMemoryService", "PostgresStore", "WorkingMemory", "SourceData", "WireFormats", "SeededRandom",
                "TestDatabaseSupport",
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
                "PostgresStore", "SourceData", "WireFormats", "TestDatabaseSupport",
                // End-to-end: rows read from PostgreSQL rendered through the builder and compiler.
                "WorkingMemory", "PromptCompiler", "Tokenization",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
