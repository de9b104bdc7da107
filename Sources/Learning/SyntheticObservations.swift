/// Plausible random BLE observations, for tests and benchmarks (not for training).
///
/// Each has random ambient features in [0, 1] (feature 15, the pressure ratio, in
/// [1, 1.35]), a balloon level b in 20…160 and an accessible band of levels
/// kLow…kHigh (kLow in 0…20, kHigh in 110…140). Slot j holds level k = j − 180 + b and
/// is valid when k lies in the band, as in ble-reference.md §4.2; about 120 of the 361
/// slots are valid. Valid triples are (uncertainty U[0,1], bearing U[0,1], magnitude
/// U[0, 0.6]); invalid ones are (0, 1, 1).
public enum SyntheticObservations {
    /// A batch `[count, 1099]`, a function of the generator's state only.
    public static func batch(count: Int, using generator: inout Xoshiro256StarStar) -> Tensor {
        var values = [Float](repeating: 0, count: count * ObservationLayout.count)
        for b in 0..<count {
            let base = b * ObservationLayout.count
            for i in 0..<ObservationLayout.ambientCount { values[base + i] = Float(generator.nextUniform()) }
            values[base + 15] = 1 + 0.35 * Float(generator.nextUniform())
            let level = 20 + generator.nextInt(below: 141)
            let lowest = generator.nextInt(below: 21)
            let highest = 110 + generator.nextInt(below: 31)
            for slot in 0..<ObservationLayout.slotCount {
                let offset = base + ObservationLayout.slotOffset(slot)
                let k = slot - ObservationLayout.ownSlot + level
                if k >= lowest && k <= highest {
                    values[offset] = Float(generator.nextUniform())
                    values[offset + 1] = Float(generator.nextUniform())
                    values[offset + 2] = 0.6 * Float(generator.nextUniform())
                } else {
                    (values[offset], values[offset + 1], values[offset + 2]) = (0, 1, 1)
                }
            }
        }
        return Tensor(shape: [count, ObservationLayout.count], scalars: values)
    }
}
