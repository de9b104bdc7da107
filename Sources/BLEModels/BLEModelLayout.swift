/// Where one tensor of a BLE model comes from and where loonsim stores it.
public struct BLEModelTensorLayout: Equatable, Sendable {
    /// The name in BLE's file: the Flax dict path or the TF `Const` node name.
    public var sourceName: String
    /// The dataset path in loonsim's HDF5 file, without the leading `/`.
    public var datasetPath: String
    /// The shape BLE's model has; any other shape is refused.
    public var shape: [Int]

    public init(sourceName: String, datasetPath: String, shape: [Int]) {
        self.sourceName = sourceName
        self.datasetPath = datasetPath
        self.shape = shape
    }
}

extension BLEModelFile {
    /// The model's tensors, in forward-pass order.
    ///
    /// Decoder (ble-reference.md §3.4): four Flax `Dense` layers 64 → 1000 → 1000 → 1000 → 4410,
    /// kernels `[in, out]`, stored as `/Dense_k/kernel` and `/Dense_k/bias`.
    /// Perciatelli44 (§6.6): eight layers 1099 → 600 (×7) → 153, weights `[in, out]`,
    /// stored as `/fully_connected[_k]/weights` and `/biases` (the TF names without `Online/`).
    public var tensorLayout: [BLEModelTensorLayout] {
        switch self {
        case .offlineskies22Decoder:
            let widths = [64, 1000, 1000, 1000, 4410]
            return (0..<4).flatMap { layer in
                [BLEModelTensorLayout(sourceName: "params/Dense_\(layer)/kernel", datasetPath: "Dense_\(layer)/kernel",
                                      shape: [widths[layer], widths[layer + 1]]),
                 BLEModelTensorLayout(sourceName: "params/Dense_\(layer)/bias", datasetPath: "Dense_\(layer)/bias",
                                      shape: [widths[layer + 1]])]
            }
        case .perciatelli44:
            let widths = [1099] + [Int](repeating: 600, count: 7) + [153]
            return (0..<8).flatMap { layer in
                let scope = layer == 0 ? "fully_connected" : "fully_connected_\(layer)"
                return [BLEModelTensorLayout(sourceName: "Online/\(scope)/weights", datasetPath: "\(scope)/weights",
                                             shape: [widths[layer], widths[layer + 1]]),
                        BLEModelTensorLayout(sourceName: "Online/\(scope)/biases", datasetPath: "\(scope)/biases",
                                             shape: [widths[layer + 1]])]
            }
        }
    }

    /// Where `loonsim models import-ble` writes the converted model, relative to the repository root.
    ///
    /// These equal `DataFiles.vaeDecoderPath` and `DataFiles.perciatelli44Path` in WindField, which loads them.
    public var outputPath: String {
        switch self {
        case .offlineskies22Decoder: return "WindFields/offlineskies22_decoder.h5"
        case .perciatelli44: return "Experiments/agents/perciatelli44.h5"
        }
    }

    /// The value of the `format` attribute loonsim writes on the converted file's root.
    public var outputFormat: String {
        switch self {
        case .offlineskies22Decoder: return "loonsim-ble-offlineskies22-decoder/1"
        case .perciatelli44: return "loonsim-ble-perciatelli44/1"
        }
    }
}
