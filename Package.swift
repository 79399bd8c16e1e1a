// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "nyhetsbrev",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nyhetsbrev", targets: ["nyhetsbrev"]),
        .library(name: "NyhetsbrevCore", targets: ["NyhetsbrevCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
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
        .target(
            name: "NyhetsbrevCore",
            dependencies: [
                "CCurl",
                "CLibXML2",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "nyhetsbrev",
            dependencies: [
                "NyhetsbrevCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmarks and the fuzz target live beside their scripts in Benchmarks/.
        .executableTarget(
            name: "ParseBench",
            dependencies: ["NyhetsbrevCore"],
            path: "Benchmarks/ParseBench"
        ),
        .systemLibrary(
            name: "CFuzzerDriver",
            path: "Benchmarks/Fuzz/CFuzzerDriver"
        ),
        .executableTarget(
            name: "FeedFuzzer",
            dependencies: ["NyhetsbrevCore", "CFuzzerDriver"],
            path: "Benchmarks/Fuzz/FeedFuzzer"
        ),
        .testTarget(
            name: "NyhetsbrevCoreTests",
            dependencies: ["NyhetsbrevCore", .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
