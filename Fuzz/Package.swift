// swift-tools-version:6.0
// The fuzz targets, kept out of the main package: they build only with libFuzzer
// (`scripts/fuzz` builds them with -sanitize=fuzzer,address and -parse-as-library, in a
// workspace where `../huella` is the checkout).
import PackageDescription

let package = Package(
    name: "huella-fuzz",
    dependencies: [.package(path: "../huella")],
    targets: [
        .target(name: "CFuzzDriver"),
        .executableTarget(
            name: "HuellaFuzz",
            dependencies: [
                "CFuzzDriver",
                .product(name: "HuellaKit", package: "huella"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
