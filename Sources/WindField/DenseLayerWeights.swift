import HDF5

/// The float32 kernels and biases of a stack of dense layers, as `loonsim models import-ble` stores
/// BLE's networks: layer `k` maps `widths[k]` → `widths[k + 1]` with a kernel `[in, out]` row-major
/// (`y = x·W + b`) and a bias.
///
/// Used by the VAE decoder (`/Dense_k/kernel`, `/Dense_k/bias`) and by perciatelli44
/// (`/fully_connected[_k]/weights`, `/biases`).
public struct DenseLayerWeights: Sendable, Equatable {
    /// Input and output widths: `widths[k]` → `widths[k + 1]`.
    public let widths: [Int]
    /// `kernels[k]` has `widths[k] · widths[k + 1]` values, `[in, out]` row-major.
    public let kernels: [[Float]]
    /// `biases[k]` has `widths[k + 1]` values.
    public let biases: [[Float]]

    /// Where layer `k`'s tensors live in a file: its group and the two dataset names.
    public struct Layout: Sendable {
        public var group: @Sendable (Int) -> String
        public var kernel: String
        public var bias: String
        /// The model's name for error messages (e.g. "BLE's perciatelli44").
        public var modelName: String
        /// What a file of this model is called in error messages (e.g. "a perciatelli44 file").
        public var fileDescription: String

        public init(group: @escaping @Sendable (Int) -> String, kernel: String, bias: String, modelName: String,
                    fileDescription: String) {
            self.group = group
            self.kernel = kernel
            self.bias = bias
            self.modelName = modelName
            self.fileDescription = fileDescription
        }
    }

    /// Reads and checks every tensor of the network file at `path`.
    ///
    /// The error names the file and the dataset that is missing or misshapen.
    public init(contentsOf path: String, widths: [Int], layout: Layout) throws {
        let file = try HDF5File.open(path)
        defer { file.close() }
        var kernels: [[Float]] = []
        var biases: [[Float]] = []
        for layer in 0..<(widths.count - 1) {
            let group = layout.group(layer)
            let shape = [widths[layer], widths[layer + 1]]
            kernels.append(try Self.read(file, group, layout.kernel, shape: shape, layout: layout))
            biases.append(try Self.read(file, group, layout.bias, shape: [shape[1]], layout: layout))
        }
        self.init(widths: widths, kernels: kernels, biases: biases)
    }

    /// Wraps tensors already in memory; their counts must match `widths`.
    public init(widths: [Int], kernels: [[Float]], biases: [[Float]]) {
        let layers = widths.count - 1
        precondition(kernels.count == layers && biases.count == layers, "the network has \(layers) layers")
        for layer in 0..<layers {
            precondition(kernels[layer].count == widths[layer] * widths[layer + 1], "kernel \(layer) size")
            precondition(biases[layer].count == widths[layer + 1], "bias \(layer) size")
        }
        self.widths = widths
        self.kernels = kernels
        self.biases = biases
    }

    private static func read(_ file: HDF5File, _ group: String, _ name: String, shape: [Int], layout: Layout) throws -> [Float] {
        let path = "/\(group)/\(name)"
        guard file.contains(group) else {
            throw HDF5Error(file: file.filePath, object: "dataset '\(path)'",
                            problem: "is missing; not \(layout.fileDescription) (make one with `loonsim models import-ble`)")
        }
        let dataset = try file.group(group).dataset(name)
        let found = try dataset.shape()
        guard found == shape else {
            throw HDF5Error(file: file.filePath, object: "dataset '\(path)'",
                            problem: "has shape \(found), expected \(shape) (\(layout.modelName))")
        }
        return try dataset.read(as: Float.self)
    }
}
