import StationKeeping

/// The layout of BLE's 1099-value observation as the encoder reads it, taken from the one
/// type that owns it, `StationKeeping.Observation` (ble-reference.md §4).
///
/// 16 ambient features, then 361 wind-column slots of 3 features each at
/// `16 + 3j + {0, 1, 2}` = (uncertainty, bearing, magnitude). Slot 180 is the balloon's own
/// pressure level; lower slots are higher altitudes. A slot is invalid (padding beyond the 181
/// levels, or outside the accessible pressure range) exactly when its triple is (0, 1, 1).
public enum ObservationLayout {
    /// Ambient features at the start of the observation.
    public static let ambientCount = Observation.ambientCount
    /// Wind-column slots.
    public static let slotCount = Observation.slotCount
    /// Features per slot: uncertainty, bearing, magnitude.
    public static let featuresPerSlot = 3
    /// The slot at the balloon's own level.
    public static let ownSlot = Observation.balloonSlot
    /// Values in one observation: 16 + 361·3 = 1099.
    public static let count = Observation.count

    /// The index of slot `j`'s first feature (its uncertainty).
    public static func slotOffset(_ slot: Int) -> Int { Observation.slotIndex(slot) }

    /// Whether the triple at `features` (uncertainty, bearing, magnitude) is a real wind
    /// measurement rather than the invalid marker (0, 1, 1).
    public static func isValidSlot(_ features: UnsafePointer<Float>) -> Bool {
        let invalid = Observation.invalidSlot
        return !(features[0] == invalid.uncertainty && features[1] == invalid.bearing && features[2] == invalid.magnitude)
    }
}
