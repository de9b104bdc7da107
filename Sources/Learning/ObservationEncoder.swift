/// The Q-network's body and head: BLE observations in, per-action return quantiles out.
///
/// For each observation (float32[1099], ``ObservationLayout``):
/// 1. Each wind-column slot becomes a token: its 3 features through a linear layer, plus a
///    learned embedding of its slot index (its pressure level relative to the balloon).
///    Invalid slots are **masked out of the attention keys** (see ``WindColumnTokens``).
/// 2. A stack of pre-norm ``PerformerBlock``s mixes the tokens of each observation, then a
///    final layer norm.
/// 3. The summary joins the slot-180 token (the balloon's own level), the mean of the valid
///    tokens (the pooled column; zero if none) and the 16 ambient features.
/// 4. An MLP head maps the summary to `actionCount × quantileCount` values.
///
/// With ``EncoderConfiguration/Architecture/mlp`` steps 1–3 are skipped: the head reads the raw
/// 1099 features (BLE's QR-DQN network), and the Performer parts below are nil.
///
/// ``forward(_:)`` takes a batch `[B, 1099]` and returns `[B, actionCount, quantileCount]`
/// (action-major); ``backward(_:)`` takes dLoss/dOutput of that shape and accumulates every
/// parameter's gradient (call ``ParameterContainer/zeroGradients()`` first). The encoder is a
/// value: copying it (e.g. into a target network) copies its weights lazily.
public struct ObservationEncoder: ParameterContainer, Sendable {
    /// The settings this encoder was built from.
    public let configuration: EncoderConfiguration
    /// Slot features (uncertainty, bearing, magnitude) → token width (Performer only).
    public var slotInput: Linear?
    /// One learned vector per slot index 0…360 (Performer only).
    public var levelEmbedding: Embedding?
    public var blocks: [PerformerBlock]
    public var finalNorm: LayerNorm?
    /// Summary (or raw features, MLP) → `actionCount·quantileCount`.
    public var head: MultilayerPerceptron
    /// How many times the random features have been redrawn since initialisation.
    public internal(set) var featureDrawCount = 0
    /// Which slots become tokens (tests compare the two; results agree).
    var tokenSelection = WindColumnTokens.Selection.attendable

    private var tokens = WindColumnTokens(observations: Tensor(zeros: [0, ObservationLayout.count]), selection: .attendable)
    private var hidden = Tensor()
    private var summary = Tensor()
    private var tokenGradient = Tensor()

    /// A freshly initialised encoder; the weights depend only on `configuration` (its seed included).
    ///
    /// - Precondition: `configuration.problems` is empty.
    public init(configuration: EncoderConfiguration) {
        precondition(configuration.problems.isEmpty,
                     "invalid encoder configuration: \(configuration.problems.joined(separator: "; "))")
        self.configuration = configuration
        let c = configuration
        var generator = Xoshiro256StarStar(seed: c.seed, label: "encoder.parameters")
        guard c.architecture == .performer else {
            (slotInput, levelEmbedding, blocks, finalNorm) = (nil, nil, [], nil)
            head = MultilayerPerceptron(
                widths: [c.summaryWidth] + c.headHiddenWidths + [c.outputCount], activation: c.activation,
                hiddenInitialization: .varianceScalingUniform(scale: 1 / Float(3).squareRoot()),
                outputInitialization: .varianceScalingUniform(scale: 1 / Float(3).squareRoot()), using: &generator)
            return
        }
        slotInput = Linear(inputWidth: ObservationLayout.featuresPerSlot, outputWidth: c.width, using: &generator)
        levelEmbedding = Embedding(count: ObservationLayout.slotCount, width: c.width, using: &generator)
        blocks = (0..<c.blockCount).map { _ in
            PerformerBlock(width: c.width, headCount: c.headCount, feedForwardWidth: c.feedForwardWidth,
                           activation: c.activation, attentionKind: c.attention, featureCount: c.featureCount,
                           featureKind: c.featureKind, using: &generator)
        }
        finalNorm = LayerNorm(width: c.width)
        head = MultilayerPerceptron(
            widths: [c.summaryWidth] + c.headHiddenWidths + [c.outputCount], activation: c.activation,
            hiddenInitialization: .varianceScalingUniform(scale: 1 / Float(3).squareRoot()),
            outputInitialization: .varianceScalingUniform(scale: 1 / Float(3).squareRoot()), using: &generator)
        drawFeatures()
    }

    /// Quantiles `[B, actionCount, quantileCount]` for observations `[B, 1099]`.
    public mutating func forward(_ observations: Tensor) -> Tensor {
        let batch = observations.shape[0]
        guard configuration.architecture == .performer else {
            return scaled(head.forward(observations)).reshaped([batch, configuration.actionCount, configuration.quantileCount])
        }
        let width = configuration.width
        tokens = WindColumnTokens(observations: observations, selection: tokenSelection)
        var x = slotInput!.forward(tokens.features) + levelEmbedding!.forward(tokens.slots)
        for index in blocks.indices { x = blocks[index].forward(x, layout: tokens.layout) }
        hidden = finalNorm!.forward(x)

        let (summaryWidth, ambientCount) = (configuration.summaryWidth, ObservationLayout.ambientCount)
        summary.resize(to: [batch, summaryWidth])
        summary.zero()
        let (layout, ownRows, poolWeights) = (tokens.layout, tokens.ownRows, tokens.poolWeights)
        hidden.withUnsafeBufferPointer { h in
            observations.withUnsafeBufferPointer { o in
                summary.withUnsafeMutableBufferPointer { out in
                    for b in 0..<batch {
                        let row = out.baseAddress! + b * summaryWidth
                        row.update(from: h.baseAddress! + ownRows[b] * width, count: width)
                        for r in layout.rows(of: b) where poolWeights[r] != 0 {
                            for c in 0..<width { row[width + c] += poolWeights[r] * h[r * width + c] }
                        }
                        (row + 2 * width).update(from: o.baseAddress! + b * ObservationLayout.count, count: ambientCount)
                    }
                }
            }
        }
        return scaled(head.forward(summary)).reshaped([batch, configuration.actionCount, configuration.quantileCount])
    }

    /// Accumulates dLoss/dParameters for the last forward, given dLoss/dOutput `[B, actionCount, quantileCount]`.
    public mutating func backward(_ outputGradient: Tensor) {
        let batch = outputGradient.shape[0]
        precondition(outputGradient.shape == [batch, configuration.actionCount, configuration.quantileCount],
                     "ObservationEncoder backward: gradient \(outputGradient.shape) for a batch of \(batch)")
        let summaryGradient = head.backward(scaled(outputGradient.reshaped([batch, configuration.outputCount])))
        guard configuration.architecture == .performer else { return }
        let (width, summaryWidth) = (configuration.width, configuration.summaryWidth)
        let (layout, ownRows, poolWeights) = (tokens.layout, tokens.ownRows, tokens.poolWeights)
        tokenGradient.resize(to: hidden.shape)
        tokenGradient.zero()
        summaryGradient.withUnsafeBufferPointer { dSummary in
            tokenGradient.withUnsafeMutableBufferPointer { dh in
                for b in 0..<batch {
                    let row = dSummary.baseAddress! + b * summaryWidth
                    for c in 0..<width { dh[ownRows[b] * width + c] += row[c] }
                    for r in layout.rows(of: b) where poolWeights[r] != 0 {
                        for c in 0..<width { dh[r * width + c] += poolWeights[r] * row[width + c] }
                    }
                }
            }
        }
        var gradient = finalNorm!.backward(tokenGradient)
        for index in blocks.indices.reversed() { gradient = blocks[index].backward(gradient) }
        _ = slotInput!.backward(gradient)
        levelEmbedding!.backward(gradient)
    }

    /// `values · outputScale` (the same tensor when the scale is 1).
    private func scaled(_ values: Tensor) -> Tensor {
        let scale = configuration.outputScale
        guard scale != 1 else { return values }
        var result = values
        result.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] *= scale }
        }
        return result
    }

    /// Draws new FAVOR+ random features in every block (no-op for softmax attention).
    ///
    /// Draw number k of block i comes from its own labelled stream under the configuration's
    /// seed, so the features depend only on (seed, i, k).
    public mutating func redrawRandomFeatures() {
        featureDrawCount += 1
        drawFeatures()
    }

    /// Redraws the features when `step` (optimizer steps taken) is a positive multiple of
    /// `featureRedrawInterval`; returns whether it did.
    @discardableResult
    public mutating func redrawFeaturesIfDue(afterStep step: Int) -> Bool {
        let interval = configuration.featureRedrawInterval
        guard interval > 0, step > 0, step % interval == 0 else { return false }
        redrawRandomFeatures()
        return true
    }

    /// Bytes of attention intermediates held by all blocks after the last forward and backward.
    public var attentionIntermediateByteCount: Int {
        blocks.reduce(0) { $0 + $1.attention.kernel.intermediateByteCount }
    }

    /// The number of token rows in the last forward (valid slots plus slot 180, over the batch).
    public var lastTokenCount: Int { tokens.slots.count }

    public mutating func visitParameters(_ visit: (String, inout Parameter) -> Void) {
        slotInput?.visitParameters { visit("slotInput." + $0, &$1) }
        levelEmbedding?.visitParameters { visit("levelEmbedding." + $0, &$1) }
        for index in blocks.indices {
            blocks[index].visitParameters { visit("blocks.\(index)." + $0, &$1) }
        }
        finalNorm?.visitParameters { visit("finalNorm." + $0, &$1) }
        head.visitParameters { visit("head." + $0, &$1) }
    }

    public mutating func visitBuffers(_ visit: (String, inout Tensor) -> Void) {
        for index in blocks.indices {
            blocks[index].visitBuffers { visit("blocks.\(index)." + $0, &$1) }
        }
    }

    private mutating func drawFeatures() {
        for index in blocks.indices {
            var generator = Xoshiro256StarStar(seed: configuration.seed,
                                               label: "encoder.features.block\(index).draw\(featureDrawCount)")
            blocks[index].redrawFeatures(using: &generator)
        }
    }
}
