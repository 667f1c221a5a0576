// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "vouch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vouch", targets: ["vouch"]),
        .executable(name: "vouch-bench", targets: ["VouchBench"]),
        .executable(name: "vouch-fuzz", targets: ["VouchFuzz"]),
        .library(name: "VouchCore", targets: ["VouchCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        // ICU behind a plain-C header: Foundation bundles its own ICU, so no
        // Swift module may see the system's unicode/*.h.
        .target(
            name: "CICU",
            linkerSettings: [
                .linkedLibrary("icui18n"),
                .linkedLibrary("icuuc"),
                .linkedLibrary("icudata"),
            ]
        ),
        // The engine: facts, text, rules, matching, context, check, output.
        // No CLI or server dependencies.
        .target(
            name: "VouchCore",
            dependencies: ["CICU", .product(name: "Yams", package: "Yams")]
        ),
        // The default rule pack and templates, embedded at build time so the
        // binary works from any directory.
        .executableTarget(name: "VouchEmbed"),
        .plugin(
            name: "EmbedDefaultPack",
            capability: .buildTool(),
            dependencies: ["VouchEmbed"]
        ),
        .target(
            name: "VouchDefaultPack",
            plugins: ["EmbedDefaultPack"]
        ),
        // Approved messages from facts: fills Templates/ and checks the result.
        .target(
            name: "VouchCompose",
            dependencies: ["VouchCore", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // The pre-send check service and review page: HTTP on Hummingbird,
        // incidents and sent messages in SQLite.
        .target(
            name: "VouchServer",
            dependencies: [
                "VouchCore",
                "VouchCompose",
                "VouchDefaultPack",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "vouch",
            dependencies: [
                "VouchCore",
                "VouchCompose",
                "VouchServer",
                "VouchDefaultPack",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark driver behind scripts/bench: corpora, a 10x pack,
        // in-process timing.
        .executableTarget(
            name: "VouchBench",
            dependencies: [
                "VouchCore",
                "VouchDefaultPack",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fuzz driver: mutated inputs against the contracts of check,
        // facts loading and the HTTP request decoder.
        .executableTarget(
            name: "VouchFuzz",
            dependencies: [
                "VouchCore",
                "VouchServer",
                "VouchDefaultPack",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "VouchCoreTests",
            dependencies: ["VouchCore", "VouchDefaultPack"]
        ),
        .testTarget(
            name: "VouchComposeTests",
            dependencies: ["VouchCompose", "VouchDefaultPack"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "VouchServerTests",
            dependencies: [
                "VouchServer",
                "VouchCompose",
                "VouchDefaultPack",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "VouchCLITests",
            dependencies: ["vouch"],
            exclude: ["Snapshots"]
        ),
    ]
)
