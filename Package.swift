// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Dossier",
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierCore", targets: ["DossierCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // The only system dependency: libcmark, the CommonMark reference implementation.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "DossierCore",
            dependencies: ["CCmark"]
        ),
        .executableTarget(
            name: "dossier",
            dependencies: [
                "DossierCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DossierCoreTests",
            dependencies: ["DossierCore"],
            exclude: ["Fixtures"]
        ),
    ]
)
