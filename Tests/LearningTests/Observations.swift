import Learning

/// A BLE observation whose listed slots hold random wind features and whose other slots
/// are invalid (0, 1, 1); ambient features random in [0, 1].
func makeObservation(validSlots: [Int], seed: UInt64) -> [Float] {
    var generator = Xoshiro256StarStar(seed: seed)
    var values = [Float](repeating: 0, count: ObservationLayout.count)
    for i in 0..<ObservationLayout.ambientCount { values[i] = Float(generator.nextUniform()) }
    for slot in 0..<ObservationLayout.slotCount {
        let offset = ObservationLayout.slotOffset(slot)
        if validSlots.contains(slot) {
            values[offset] = Float(generator.nextUniform())
            values[offset + 1] = Float(generator.nextUniform())
            values[offset + 2] = 0.9 * Float(generator.nextUniform())
        } else {
            (values[offset], values[offset + 1], values[offset + 2]) = (0, 1, 1)
        }
    }
    return values
}

/// Observations stacked into a `[count, 1099]` batch.
func observationBatch(_ observations: [[Float]]) -> Tensor {
    Tensor(shape: [observations.count, ObservationLayout.count], scalars: observations.flatMap { $0 })
}

/// Three small observations covering the cases: own level valid; own level invalid with
/// valid slots elsewhere; nothing valid at all.
func edgeCaseObservations() -> Tensor {
    observationBatch([
        makeObservation(validSlots: Array(172..<188), seed: 1),
        makeObservation(validSlots: Array(100..<108) + Array(300..<304), seed: 2),
        makeObservation(validSlots: [], seed: 3),
    ])
}

/// A small encoder configuration for gradient checks (smooth activation, few quantiles).
func tinyConfiguration(seed: UInt64 = 1) -> EncoderConfiguration {
    var configuration = EncoderConfiguration()
    (configuration.width, configuration.headCount, configuration.featureCount) = (8, 2, 6)
    (configuration.feedForwardWidth, configuration.blockCount, configuration.headHiddenWidths) = (12, 2, [10])
    (configuration.quantileCount, configuration.activation, configuration.seed) = (4, .gelu, seed)
    return configuration
}
