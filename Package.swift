// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "gongzhi",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "gongzhi", targets: ["gongzhi"])
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
  ],
  targets: [
    .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
    .systemLibrary(
      name: "CLibpq", path: "Sources/CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    .systemLibrary(name: "CXlsxwriter", path: "Sources/CXlsxwriter"),
    .target(
      name: "TUI",
      dependencies: ["CNcursesw", "Domain", .product(name: "TOMLKit", package: "TOMLKit")]
    ),
    .target(name: "Domain"),
    .target(
      name: "Store",
      dependencies: [
        "Domain", "CLibpq",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "TOMLKit", package: "TOMLKit"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    .target(
      name: "App",
      dependencies: [
        "TUI", "Store", "Domain", "CXlsxwriter",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    .executableTarget(
      name: "gongzhi",
      dependencies: [
        "App", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]
    ),
    // The fuzz mutator shared by TUITests and StoreTests (test targets cannot import each other).
    .target(name: "FuzzSupport", dependencies: ["Domain"], path: "Tests/FuzzSupport"),
    // The test server and GONGZHI_TEST_DB (which backend the App and Store suites use).
    .target(name: "TestServer", dependencies: ["Store", "Domain"], path: "Tests/TestServer"),
    .testTarget(name: "TUITests", dependencies: ["TUI", "Domain", "FuzzSupport"], exclude: ["Snapshots"]),
    .testTarget(name: "DomainTests", dependencies: ["Domain"]),
    .testTarget(
      name: "StoreTests",
      dependencies: [
        "Store", "Domain", "FuzzSupport", "TestServer",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "AppTests", dependencies: ["App", "TUI", "Store", "Domain", "TestServer"], exclude: ["Snapshots"]),
  ],
  swiftLanguageModes: [.v6]
)
