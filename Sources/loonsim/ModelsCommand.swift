import ArgumentParser
import BLEModels
import Foundation

/// `loonsim models …`: the model files loonsim ships.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Convert BLE's shipped models into the files loonsim runs.",
        subcommands: [ImportBLE.self])

    /// `loonsim models import-ble WHEEL`: converts BLE's decoder and perciatelli44 into loonsim's HDF5 files.
    struct ImportBLE: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-ble",
            abstract: "Convert BLE's VAE wind decoder and perciatelli44 agent into loonsim's HDF5 files.",
            discussion: """
                Reads offlineskies22_decoder.msgpack (Flax) and perciatelli44.pb (TensorFlow) from \
                BLE's wheel (balloon_learning_environment-1.0.1-py3-none-any.whl) or from an unpacked \
                models folder, checks every tensor's shape, and writes \
                WindFields/offlineskies22_decoder.h5 and Experiments/agents/perciatelli44.h5 under \
                --out-root. Both files are replaced atomically; nothing is written if either model is bad.
                """)

        @Argument(help: "BLE's wheel (.whl), or a folder holding models/ or the two model files.")
        var source: String

        @Option(name: .customLong("out-root"), help: "The loonsim folder to write into.")
        var outputRoot: String = "."

        @Option(name: .customLong("ble-version"), help: "The BLE version to record (default: read from the wheel).")
        var bleVersion: String?

        @Option(name: .customLong("deflate"), help: "Store chunked and zlib-compressed at this level (1-9) instead of contiguously.")
        var deflateLevel: Int?

        func validate() throws {
            if let deflateLevel, !(1...9).contains(deflateLevel) {
                throw ValidationError("--deflate must be between 1 and 9")
            }
        }

        func run() throws {
            let imported = try reportingErrors {
                try BLEModelConverter.importModels(
                    from: source, outputRoot: outputRoot, bleVersion: bleVersion, deflateLevel: deflateLevel)
            }
            for model in imported {
                let bytes = (try? FileManager.default.attributesOfItem(atPath: model.outputPath)[.size] as? Int) ?? 0
                print("\(model.outputPath): \(model.file.tensorLayout.count) tensors, \(model.parameterCount) parameters, "
                      + "\(bytes) bytes, from \(model.provenance) (sha256 \(model.sourceSHA256))")
            }
        }
    }
}
