// swift-tools-version: 6.0
//
// loonsim: stratospheric-balloon station keeping, faithful to Google's Balloon
// Learning Environment (BLE) and much faster. Modules depend one way only:
// HDF5 → WindField → (physics → environment → agents → evaluation) → Learning → flight logs → CLI.

import PackageDescription

let releaseSpeed: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release))]

let package = Package(
    name: "loonsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "loonsim", targets: ["loonsim"]),
        .library(name: "WindField", targets: ["WindField"]),
        .library(name: "BalloonPhysics", targets: ["BalloonPhysics"]),
        .library(name: "StationKeeping", targets: ["StationKeeping"]),
        .library(name: "Agents", targets: ["Agents"]),
        .library(name: "Evaluation", targets: ["Evaluation"]),
        .library(name: "Learning", targets: ["Learning"]),
        // The C interface the Python package (python/) loads with ctypes.
        .library(name: "LoonsimC", type: .dynamic, targets: ["LoonsimC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // System libraries (Debian: libhdf5-dev, libopenblas-dev; see scripts/setup).
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5", pkgConfig: "hdf5",
                       providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .target(name: "CHDF5Shim", dependencies: ["CHDF5"], path: "Sources/CHDF5Shim"),
        // Dense float32 layers summed in one fixed order on every CPU (AVX-512, AVX2 + FMA, portable),
        // so that a batched forward gives each row the bits it gets alone; FAVOR+'s feature map with
        // Learning's fastExp, the same bits on every path (no contraction into fused multiply-adds).
        // Optimised in debug builds too: the tests fly perciatelli44 through it.
        .target(name: "CDenseKernels", dependencies: ["CWindKernels"], path: "Sources/CDenseKernels",
                cSettings: [.unsafeFlags(["-O2", "-ffp-contract=off"])]),

        // loonsim's documented seeded random numbers (xoshiro256** + SplitMix64).
        .target(name: "Randomness", swiftSettings: releaseSpeed),
        .target(name: "FileErrors", swiftSettings: releaseSpeed),

        // A small, safe Swift layer over HDF5: files, groups, datasets, attributes.
        .target(name: "HDF5", dependencies: ["CHDF5", "CHDF5Shim"], swiftSettings: releaseSpeed),

        // Wind grids (loonsim schema, CF NetCDF4/ERA5), interpolation, VAE winds, simplex noise.
        .target(name: "WindField", dependencies: ["HDF5", "CBLAS", "Randomness", "FileErrors"], swiftSettings: releaseSpeed),

        // Balloon physics (reference §2): atmosphere, sun, thermal, envelope, ACS, power, safety layers, inner step.
        .target(name: "BalloonPhysics", dependencies: ["WindField"], swiftSettings: releaseSpeed),

        // The wind GP's kernel values and triangular solve in C, for AVX2 and AVX-512 chosen at run time
        // (and a portable fallback), all rounding alike: no contraction into fused multiply-adds.
        .target(name: "CWindKernels", path: "Sources/CWindKernels",
                cSettings: [.unsafeFlags(["-ffp-contract=off"])], linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),

        // The station-keeping task (reference §1, §4, §5): scenarios, observation, wind GP, reward, environment.
        .target(name: "StationKeeping", dependencies: ["BalloonPhysics", "WindField", "Randomness", "CBLAS", "CWindKernels", "FileErrors"],
                swiftSettings: releaseSpeed),

        // One-time conversion of BLE's shipped models (wheel → HDF5).
        .target(name: "BLEModels", dependencies: ["HDF5", "FileErrors", .product(name: "ZIPFoundation", package: "ZIPFoundation")], swiftSettings: releaseSpeed),

        // Baseline and learned agents behind one protocol (perciatelli44's network lives here).
        .target(name: "Agents", dependencies: ["StationKeeping", "BalloonPhysics", "WindField", "HDF5", "CDenseKernels", "Randomness"], swiftSettings: releaseSpeed),

        // Evaluation: suites, episodes as BLE's eval loop flies them, TWR50, result files, resume.
        .target(name: "Evaluation", dependencies: ["Agents", "StationKeeping", "BalloonPhysics", "HDF5"],
                swiftSettings: releaseSpeed),

        // Tensors, layers with hand-written gradients, FAVOR+ attention, Adam, checkpoints.
        .target(name: "Learning", dependencies: ["Agents", "Evaluation", "StationKeeping", "BalloonPhysics", "Randomness", "HDF5", "CBLAS", "CDenseKernels", "FileErrors"], swiftSettings: releaseSpeed),

        // A C interface (`@_cdecl` functions over opaque handles) for the Python package in python/.
        .target(name: "LoonsimC", dependencies: ["Evaluation", "Agents", "StationKeeping", "BalloonPhysics", "WindField"],
                swiftSettings: releaseSpeed),

        // Flight logs (one HDF5 file per episode), replay with bit-for-bit verification, summaries, HTML/SVG.
        .target(name: "FlightLog", dependencies: ["Evaluation", "Agents", "StationKeeping", "BalloonPhysics", "WindField", "HDF5", "FileErrors"],
                swiftSettings: releaseSpeed),

        .executableTarget(
            name: "loonsim",
            dependencies: [
                "WindField", "BLEModels", "Agents", "Evaluation", "StationKeeping", "BalloonPhysics", "Learning", "HDF5",
                "FlightLog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: releaseSpeed),

        // Benchmarks: each prints figures against a baseline measured in the same run.
        .executableTarget(name: "WindFieldBenchmark", dependencies: ["WindField"],
                          path: "Experiments/WindFieldBenchmark", swiftSettings: releaseSpeed),

        .executableTarget(name: "FidelityCheck", dependencies: ["StationKeeping", "BalloonPhysics", "WindField", "HDF5", "ExperimentSupport"],
                          path: "Experiments/FidelityCheck", swiftSettings: releaseSpeed),

        .target(name: "AllocationCounter", path: "Experiments/AllocationCounter"),
        .executableTarget(name: "EnvironmentBenchmark",
                          dependencies: ["StationKeeping", "BalloonPhysics", "WindField", "CBLAS", "AllocationCounter"],
                          path: "Experiments/EnvironmentBenchmark", swiftSettings: releaseSpeed),

        .executableTarget(name: "BLEReproduction", dependencies: ["Evaluation", "Agents", "StationKeeping", "WindField", "ExperimentSupport"],
                          path: "Experiments/BLEReproduction", swiftSettings: releaseSpeed),

        .executableTarget(name: "EvaluationBenchmark", dependencies: ["Evaluation", "Agents", "Learning", "StationKeeping", "WindField", "ExperimentSupport"],
                          path: "Experiments/EvaluationBenchmark", swiftSettings: releaseSpeed),

        .executableTarget(name: "LearningBenchmark", dependencies: ["Learning"],
                          path: "Experiments/LearningBenchmark", swiftSettings: releaseSpeed),

        .executableTarget(name: "TrainingBenchmark", dependencies: ["Learning", "StationKeeping", "WindField"],
                          path: "Experiments/TrainingBenchmark", swiftSettings: releaseSpeed),

        .target(name: "ExperimentSupport", dependencies: ["FileErrors"], path: "Experiments/ExperimentSupport"),
        .target(name: "TestSupport", dependencies: ["ExperimentSupport"], path: "Tests/TestSupport"),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness"]),
        .testTarget(name: "CWindKernelsTests", dependencies: ["CWindKernels"]),
        .testTarget(name: "StationKeepingTests", dependencies: ["StationKeeping", "CWindKernels", "BalloonPhysics", "WindField", "HDF5", "TestSupport", "ExperimentSupport"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Agents", "StationKeeping", "WindField", "TestSupport"]),
        .testTarget(name: "HDF5Tests", dependencies: ["HDF5", "TestSupport"]),
        .testTarget(name: "WindFieldTests", dependencies: ["WindField", "HDF5", "TestSupport"]),
        .testTarget(name: "BalloonPhysicsTests", dependencies: ["BalloonPhysics", "WindField", "TestSupport", "ExperimentSupport"]),
        .testTarget(name: "BLEModelsTests", dependencies: ["BLEModels", "WindField", "HDF5", "TestSupport"]),
        .testTarget(name: "AgentsTests", dependencies: ["Agents", "StationKeeping", "BalloonPhysics", "Randomness", "BLEModels", "WindField", "HDF5", "TestSupport", "ExperimentSupport"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "Agents", "BalloonPhysics", "Randomness", "StationKeeping", "WindField", "TestSupport"]),
        .testTarget(name: "FlightLogTests", dependencies: ["FlightLog", "Evaluation", "Agents", "StationKeeping", "WindField", "HDF5", "TestSupport"]),
        .testTarget(name: "loonsimTests", dependencies: ["loonsim", "TestSupport", "FlightLog", "Learning"]),
    ]
)
