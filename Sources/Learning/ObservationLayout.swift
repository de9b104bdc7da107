/// The layout of BLE's 1099-value observation (`PerciatelliFeatureConstructor`, ble-reference.md §4).
///
/// 16 ambient features (pressure, battery, sun, heading and distance to the station,
/// last command, safety flags, …), then 361 wind-column slots of 3 features each at
/// `16 + 3j + {0, 1, 2}` = (uncertainty, bearing, magnitude). Slot 180 is the
/// balloon's own pressure level; lower slots are higher altitudes. A slot is invalid
/// (padding beyond the 181 levels, or outside the accessible pressure range) exactly
/// when its triple is (0, 1, 1); a valid magnitude is always below 1.
///
/// `StationKeeping.Observation` owns this layout; Learning does not depend on StationKeeping
/// (yet), so the encoder reads the few constants it needs from here. They must stay equal.
public enum ObservationLayout {
    /// Ambient features at the start of the observation.
    public static let ambientCount = 16
    /// Wind-column slots.
    public static let slotCount = 361
    /// Features per slot: uncertainty, bearing, magnitude.
    public static let featuresPerSlot = 3
    /// The slot at the balloon's own level.
    public static let ownSlot = 180
    /// Values in one observation: 16 + 361·3 = 1099.
    public static let count = ambientCount + slotCount * featuresPerSlot

    /// The index of slot `j`'s first feature (its uncertainty).
    public static func slotOffset(_ slot: Int) -> Int { ambientCount + featuresPerSlot * slot }

    /// Whether the triple at `features` (uncertainty, bearing, magnitude) is a real wind
    /// measurement rather than the invalid marker (0, 1, 1).
    public static func isValidSlot(_ features: UnsafePointer<Float>) -> Bool {
        !(features[0] == 0 && features[1] == 1 && features[2] == 1)
    }
}
