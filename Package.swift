// swift-tools-version:6.1
import PackageDescription

// Executables are linked by lld with packed relative relocations (RELR,
// glibc 2.36+, Debian 12's): a position-independent Swift binary otherwise
// carries ~2 MB of relocation records that every process reads and keeps
// resident at start, about 5 % of a fetch cycle's peak memory.
let compactRelocations: [LinkerSetting] = [
    .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux]))
]

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
            ],
            linkerSettings: compactRelocations
        ),
        // Benchmarks and the fuzz target live beside their scripts in Benchmarks/.
        .executableTarget(
            name: "ParseBench",
            dependencies: ["NyhetsbrevCore"],
            path: "Benchmarks/ParseBench",
            linkerSettings: compactRelocations
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
