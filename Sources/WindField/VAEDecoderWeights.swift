import HDF5

/// The float32 parameters of BLE's offlineskies22 VAE decoder, as stored in loonsim's HDF5 file.
///
/// Four Flax `Dense` layers 64 → 1000 → 1000 → 1000 → 4410 (ble-reference.md §3.4). Kernels are
/// `[in, out]` row-major (`y = x·W + b`), read from `/Dense_k/kernel` and `/Dense_k/bias`, the layout
/// `loonsim models import-ble` writes to `WindFields/offlineskies22_decoder.h5`.
public struct VAEDecoderWeights: Sendable {
    /// The width of each layer's input and output: `widths[k]` → `widths[k + 1]`.
    public static let widths = [64, 1000, 1000, 1000, 4410]

    /// The four layers' tensors.
    public let layers: DenseLayerWeights
    /// `kernels[k]` has `widths[k] · widths[k + 1]` values, `[in, out]` row-major.
    public var kernels: [[Float]] { layers.kernels }
    /// `biases[k]` has `widths[k + 1]` values.
    public var biases: [[Float]] { layers.biases }

    /// Where the decoder's tensors live in its file.
    static let layout = DenseLayerWeights.Layout(group: { "Dense_\($0)" }, kernel: "kernel", bias: "bias",
                                                 modelName: "BLE's offlineskies22 decoder",
                                                 fileDescription: "an offlineskies22 decoder file")

    /// Reads and checks every tensor of the decoder file at `path`.
    ///
    /// The error names the file and the dataset that is missing or misshapen.
    public init(contentsOf path: String) throws {
        layers = try DenseLayerWeights(contentsOf: path, widths: Self.widths, layout: Self.layout)
    }

    /// Wraps tensors already in memory; the counts must match ``widths``.
    public init(kernels: [[Float]], biases: [[Float]]) {
        layers = DenseLayerWeights(widths: Self.widths, kernels: kernels, biases: biases)
    }
}
