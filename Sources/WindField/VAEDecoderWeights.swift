import HDF5

/// The float32 parameters of BLE's offlineskies22 VAE decoder, as stored in loonsim's HDF5 file.
///
/// Four Flax `Dense` layers 64 → 1000 → 1000 → 1000 → 4410 (ble-reference.md §3.4). Kernels are
/// `[in, out]` row-major (`y = x·W + b`), read from `/Dense_k/kernel` and `/Dense_k/bias`, the layout
/// `loonsim models import-ble` writes to `WindFields/offlineskies22_decoder.h5`.
public struct VAEDecoderWeights: Sendable {
    /// The width of each layer's input and output: `widths[k]` → `widths[k + 1]`.
    public static let widths = [64, 1000, 1000, 1000, 4410]

    /// `kernels[k]` has `widths[k] · widths[k + 1]` values, `[in, out]` row-major.
    public let kernels: [[Float]]
    /// `biases[k]` has `widths[k + 1]` values.
    public let biases: [[Float]]

    /// Reads and checks every tensor of the decoder file at `path`.
    ///
    /// The error names the file and the dataset that is missing or misshapen.
    public init(contentsOf path: String) throws {
        let file = try HDF5File.open(path)
        var kernels: [[Float]] = []
        var biases: [[Float]] = []
        for layer in 0..<(Self.widths.count - 1) {
            let shape = [Self.widths[layer], Self.widths[layer + 1]]
            kernels.append(try Self.read(file, "Dense_\(layer)", "kernel", shape: shape))
            biases.append(try Self.read(file, "Dense_\(layer)", "bias", shape: [shape[1]]))
        }
        self.kernels = kernels
        self.biases = biases
    }

    /// Wraps tensors already in memory; the counts must match ``widths``.
    public init(kernels: [[Float]], biases: [[Float]]) {
        let layers = Self.widths.count - 1
        precondition(kernels.count == layers && biases.count == layers, "the decoder has \(layers) layers")
        for layer in 0..<layers {
            precondition(kernels[layer].count == Self.widths[layer] * Self.widths[layer + 1], "kernel \(layer) size")
            precondition(biases[layer].count == Self.widths[layer + 1], "bias \(layer) size")
        }
        self.kernels = kernels
        self.biases = biases
    }

    private static func read(_ file: HDF5File, _ group: String, _ name: String, shape: [Int]) throws -> [Float] {
        let path = "/\(group)/\(name)"
        guard file.contains(group) else {
            throw HDF5Error(file: file.filePath, object: "dataset '\(path)'",
                            problem: "is missing; not an offlineskies22 decoder file (make one with `loonsim models import-ble`)")
        }
        let dataset = try file.group(group).dataset(name)
        let found = try dataset.shape()
        guard found == shape else {
            throw HDF5Error(file: file.filePath, object: "dataset '\(path)'",
                            problem: "has shape \(found), expected \(shape) (BLE's offlineskies22 decoder)")
        }
        return try dataset.read(as: Float.self)
    }
}
