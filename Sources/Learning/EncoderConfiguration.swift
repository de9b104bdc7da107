/// Every setting of the ``ObservationEncoder``: its architecture and its seed.
///
/// It is stored as JSON in every checkpoint; a checkpoint loads only into an encoder of
/// an equal configuration. The defaults are sized so that a forward and backward pass
/// of a batch of 32 observations fits in about 20 ms on one core (see
/// Experiments/LearningBenchmark).
public struct EncoderConfiguration: Codable, Equatable, Sendable {
    /// The network's body: a Performer over the wind column, or a plain MLP over the raw features.
    public enum Architecture: String, Codable, Equatable, Sendable, CaseIterable {
        /// Wind-column tokens, ``PerformerBlock``s, a summary, then the head MLP.
        case performer
        /// The head MLP straight on the 1099 raw features (BLE's QR-DQN network with
        /// `headHiddenWidths = [600] × 7`; the token and block settings are unused).
        case mlp
    }

    /// Performer (the default) or BLE's plain MLP (the ablation).
    public var architecture = Architecture.performer
    /// Width of every token vector (the model dimension); a multiple of `headCount`.
    public var width = 32
    /// Number of Performer blocks.
    public var blockCount = 2
    /// Attention heads per block; each head sees `width / headCount` dimensions.
    public var headCount = 2
    /// Random features m per head (FAVOR+ only); the approximation error falls like 1/√m.
    public var featureCount = 32
    /// Orthogonal (lower variance) or independent random features.
    public var featureKind = RandomFeatureKind.orthogonal
    /// Optimizer steps between redraws of the random features (0: never redraw); see
    /// ``ObservationEncoder/redrawFeaturesIfDue(afterStep:)``.
    public var featureRedrawInterval = 1000
    /// Hidden width of each block's feed-forward sublayer.
    public var feedForwardWidth = 64
    /// Hidden widths of the head MLP that maps the summary (Performer) or the raw features (MLP) to quantiles.
    public var headHiddenWidths = [128]
    /// The nonlinearity in the feed-forward sublayers and the head.
    public var activation = Activation.relu
    /// FAVOR+ (linear) or exact softmax (quadratic, for reference) attention.
    public var attention = AttentionKind.favor
    /// Actions the head scores (BLE: up, stay, down).
    public var actionCount = 3
    /// Quantiles per action (BLE's QR-DQN: 51, at τ̂ᵢ = (i + ½)/51).
    public var quantileCount = 51
    /// A fixed factor on the head's outputs (1: none). Returns here are sums of up to ~140 discounted
    /// rewards, so a factor of 100 lets a freshly initialised network (outputs of order 1) reach
    /// them without its last layer's weights growing a hundredfold first.
    public var outputScale: Float = 1
    /// Seed of the initial weights and of every feature draw.
    public var seed: UInt64 = 0

    public init() {}

    /// BLE's QR-DQN network (ble-reference.md §6.5): 1099 → 600 × 7 (ReLU) → 3 × 51, Dopamine's initialiser.
    public static var bleMLP: EncoderConfiguration {
        var configuration = EncoderConfiguration()
        configuration.architecture = .mlp
        configuration.headHiddenWidths = [Int](repeating: 600, count: 7)
        return configuration
    }

    public init(from decoder: any Decoder) throws {
        // Settings absent from a stored configuration keep their defaults (older files lack `architecture`).
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func read<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let decoded = try container.decodeIfPresent(T.self, forKey: key) { value = decoded }
        }
        try read(.architecture, &architecture)
        try read(.width, &width)
        try read(.blockCount, &blockCount)
        try read(.headCount, &headCount)
        try read(.featureCount, &featureCount)
        try read(.featureKind, &featureKind)
        try read(.featureRedrawInterval, &featureRedrawInterval)
        try read(.feedForwardWidth, &feedForwardWidth)
        try read(.headHiddenWidths, &headHiddenWidths)
        try read(.activation, &activation)
        try read(.attention, &attention)
        try read(.actionCount, &actionCount)
        try read(.quantileCount, &quantileCount)
        try read(.outputScale, &outputScale)
        try read(.seed, &seed)
    }

    /// What is wrong with these settings, one sentence each; empty when the encoder can be built.
    public var problems: [String] {
        var problems: [String] = []
        let positive = [("width", width), ("blockCount", blockCount), ("headCount", headCount),
                        ("featureCount", featureCount), ("feedForwardWidth", feedForwardWidth),
                        ("actionCount", actionCount), ("quantileCount", quantileCount)]
        for (name, value) in positive where value < 1 { problems.append("\(name) must be at least 1, not \(value)") }
        if headCount >= 1, width % headCount != 0 {
            problems.append("width \(width) must be a multiple of headCount \(headCount)")
        }
        if featureRedrawInterval < 0 { problems.append("featureRedrawInterval must not be negative") }
        if headHiddenWidths.contains(where: { $0 < 1 }) { problems.append("headHiddenWidths must all be at least 1") }
        if !(outputScale > 0 && outputScale.isFinite) { problems.append("outputScale must be positive, not \(outputScale)") }
        // Sanity limits, so that a damaged configuration cannot ask for terabytes.
        let limits = [("width", width, 4096), ("blockCount", blockCount, 256), ("headCount", headCount, 256),
                      ("featureCount", featureCount, 65_536), ("feedForwardWidth", feedForwardWidth, 65_536),
                      ("actionCount", actionCount, 4096), ("quantileCount", quantileCount, 4096),
                      ("headHiddenWidths.count", headHiddenWidths.count, 256),
                      ("headHiddenWidths", headHiddenWidths.max() ?? 0, 65_536)]
        for (name, value, limit) in limits where value > limit {
            problems.append("\(name) \(value) exceeds the limit of \(limit)")
        }
        return problems
    }

    /// The number of values the encoder outputs per observation (`actionCount·quantileCount`).
    public var outputCount: Int { actionCount * quantileCount }

    /// The width of what the head reads: own-level token, pooled column and ambient features
    /// (Performer), or the whole observation (MLP).
    public var summaryWidth: Int {
        architecture == .mlp ? ObservationLayout.count : 2 * width + ObservationLayout.ambientCount
    }
}
