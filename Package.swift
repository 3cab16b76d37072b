// swift-tools-version:6.0
import PackageDescription

let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "huella",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "huella", targets: ["huella"]),
        .library(name: "HuellaKit", targets: ["HuellaKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // libxml2's allocator for huella's parses: an arena per document (HTMLDocument.swift).
        .target(name: "CHuellaArena"),
        .target(name: "HuellaCore", swiftSettings: swift6),
        .target(
            name: "HuellaFetch",
            dependencies: ["CCurl", "HuellaCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swift6
        ),
        .target(
            name: "HuellaExtract",
            dependencies: ["CLibXML2", "CHuellaArena", "HuellaCore", "Yams", "ZIPFoundation", "SwiftCSV"],
            swiftSettings: swift6,
            // Foundation's own ICU (`_FoundationICU`), for its regex engine: ICURegex.swift.
            linkerSettings: [.linkedLibrary("_FoundationICU")]
        ),
        .target(
            name: "HuellaRules",
            dependencies: ["HuellaCore", "Yams"],
            swiftSettings: swift6
        ),
        .target(name: "HuellaReport", dependencies: ["HuellaCore", "HuellaRules"], swiftSettings: swift6),
        .target(
            name: "HuellaStore",
            dependencies: ["HuellaCore", "HuellaFetch", "HuellaExtract", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swift6
        ),
        .target(
            name: "HuellaKit",
            dependencies: [
                "HuellaCore", "HuellaFetch", "HuellaExtract", "HuellaRules", "HuellaReport", "HuellaStore", "Yams", "SwiftCSV",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swift6
        ),
        .executableTarget(
            name: "huella-bench",
            dependencies: ["HuellaCore", "HuellaKit", "HuellaExtract", "HuellaFetch"],
            swiftSettings: swift6
        ),
        .executableTarget(
            name: "huella",
            dependencies: [
                "HuellaKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swift6
        ),
        .target(name: "HuellaTestSupport", dependencies: ["HuellaCore"], swiftSettings: swift6),
        .testTarget(
            name: "HuellaFetchTests",
            dependencies: ["HuellaFetch", "HuellaTestSupport"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "HuellaExtractTests",
            dependencies: ["HuellaExtract", "CHuellaArena", "HuellaTestSupport", "Yams"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "HuellaRulesTests",
            dependencies: ["HuellaRules", "HuellaKit", "HuellaTestSupport"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "HuellaReportTests",
            dependencies: ["HuellaReport", "HuellaKit", "HuellaFetch", "HuellaTestSupport"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "HuellaStoreTests",
            dependencies: ["HuellaStore", "HuellaKit", "HuellaTestSupport"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["huella", "HuellaKit", "HuellaTestSupport"],
            swiftSettings: swift6
        ),
    ]
)
