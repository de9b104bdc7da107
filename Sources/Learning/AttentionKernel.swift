/// The parameter-free core of multi-head attention: queries, keys and values in, mixed values out.
///
/// Inputs and output are `[rows, headCount·headWidth]`, head `h` in columns
/// `h·headWidth..<(h+1)·headWidth`, rows laid out by a ``SequenceLayout``. Conformers are
/// ``SoftmaxAttention`` (exact, quadratic) and ``FAVORAttention`` (Performer, linear).
public protocol AttentionKernel: Sendable {
    /// The attention output for one batch, remembering what ``backward(_:)`` needs.
    mutating func forward(query: Tensor, key: Tensor, value: Tensor, layout: SequenceLayout) -> Tensor

    /// dLoss/d(query, key, value) for the last forward, given dLoss/dOutput.
    mutating func backward(_ outputGradient: Tensor) -> (query: Tensor, key: Tensor, value: Tensor)

    /// Bytes of intermediate arrays the kernel holds after a forward and backward of the
    /// last batch (caches plus scratch), computed from their shapes.
    var intermediateByteCount: Int { get }

    /// Draws new random features (FAVOR+); kernels without any do nothing.
    mutating func redrawFeatures(using generator: inout Xoshiro256StarStar)

    /// Non-trainable state to checkpoint (FAVOR+'s feature matrix); none by default.
    mutating func visitBuffers(_ visit: (String, inout Tensor) -> Void)
}

extension AttentionKernel {
    public mutating func redrawFeatures(using generator: inout Xoshiro256StarStar) {}
    public mutating func visitBuffers(_ visit: (String, inout Tensor) -> Void) {}
}

/// Which attention kernel the encoder's blocks use.
public enum AttentionKind: String, Codable, Equatable, Sendable {
    /// FAVOR+ linear attention with positive random features (the Performer).
    case favor
    /// Exact softmax attention, quadratic in sequence length (for reference and tests).
    case softmax
}
