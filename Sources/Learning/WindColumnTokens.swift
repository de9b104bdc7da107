/// The wind-column tokens of a batch of observations, packed one sequence per observation.
///
/// Every slot that holds a measurement becomes a token, and so does slot 180 (the
/// balloon's own level) always, since the encoder's summary reads it. Invalid slots
/// are masked out of the attention keys; because nothing downstream reads an invalid
/// token except slot 180, the other invalid slots are not built at all (`.attendable`):
/// the result is the same as carrying all 361 and masking them (`.allSlots`, kept for
/// tests), at about half the cost or less (at most 181 of the 361 slots can be valid).
struct WindColumnTokens {
    /// Which slots become tokens.
    enum Selection {
        /// Valid slots plus slot 180.
        case attendable
        /// All 361 slots (invalid ones masked out of the keys).
        case allSlots
    }

    /// The slot index (0…360) of each token row: the level-embedding index.
    var slots: [Int] = []
    /// The 3 slot features of each token row: `[rows, 3]`.
    var features = Tensor()
    /// One sequence per observation; invalid slots masked out of the keys.
    var layout = SequenceLayout(lengths: [])
    /// The row of slot 180 for each observation.
    var ownRows: [Int] = []
    /// Per row: 1/(valid tokens of its observation) if valid, else 0. The pooled
    /// column is `Σ weight·token` (zero for an observation with no valid slot).
    var poolWeights: [Float] = []

    init(observations: Tensor, selection: Selection) {
        let count = ObservationLayout.count
        precondition(observations.rank == 2 && observations.shape[1] == count,
                     "observations must be [batch, \(count)], got \(observations.shape)")
        let batch = observations.shape[0]
        var lengths: [Int] = []
        var mask: [Float] = []
        var featureValues: [Float] = []
        slots.reserveCapacity(batch * 200)
        featureValues.reserveCapacity(batch * 600)
        observations.withUnsafeBufferPointer { values in
            for b in 0..<batch {
                let observation = values.baseAddress! + b * count
                let firstRow = slots.count
                var validCount = 0
                for slot in 0..<ObservationLayout.slotCount {
                    let triple = observation + ObservationLayout.slotOffset(slot)
                    let isValid = ObservationLayout.isValidSlot(triple)
                    guard isValid || slot == ObservationLayout.ownSlot || selection == .allSlots else { continue }
                    if slot == ObservationLayout.ownSlot { ownRows.append(slots.count) }
                    slots.append(slot)
                    mask.append(isValid ? 1 : 0)
                    featureValues.append(triple[0])
                    featureValues.append(triple[1])
                    featureValues.append(triple[2])
                    if isValid { validCount += 1 }
                }
                lengths.append(slots.count - firstRow)
                let weight: Float = validCount > 0 ? 1 / Float(validCount) : 0
                poolWeights.append(contentsOf: mask[firstRow...].map { $0 * weight })
            }
        }
        features = Tensor(shape: [slots.count, ObservationLayout.featuresPerSlot], scalars: featureValues)
        layout = SequenceLayout(lengths: lengths, keyMask: mask)
    }
}
