import StationKeeping

/// Hand-made observations for behaviour tests: every wind slot invalid (0, 1, 1) unless set.
struct SyntheticObservation {
    private(set) var values = [Float](repeating: 0, count: Observation.count)

    init() {
        for slot in 0..<Observation.slotCount { setSlot(slot, uncertainty: 0, bearing: 1, magnitude: 1) }
    }

    /// Sets the balloon's pressure feature so that BLE decodes `pressurePa`.
    mutating func setPressure(_ pressurePa: Double) {
        values[Observation.Ambient.pressure.rawValue] = Float((pressurePa - 5_000) / 9_000)
    }

    /// Sets the distance feature, `d/(d + 250)`.
    mutating func setDistance(km: Double) {
        values[Observation.Ambient.distanceToStation.rawValue] = Float(km / (km + 250))
    }

    /// Sets one slot's features: uncertainty, bearing (angle/π) and magnitude (`|w|/(|w| + 30)`).
    mutating func setSlot(_ slot: Int, uncertainty: Float, bearing: Float, magnitude: Float) {
        let index = Observation.slotIndex(slot)
        values[index] = uncertainty
        values[index + 1] = bearing
        values[index + 2] = magnitude
    }

    var observation: Observation { Observation(values: values) }
}
