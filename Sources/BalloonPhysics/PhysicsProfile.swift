/// Which of BLE's quirks a simulation reproduces (reference §14.1, design notes "Physics profiles").
///
/// `ble` (the default) reproduces what BLE *actually* computes, quirks included, so that
/// results compare with published BLE numbers. `corrected` computes what BLE's code appears
/// to intend. Every result should name the profile it was made with.
///
/// The quirks, and where each one is handled:
/// 1. **ACS fan-efficiency table order** (reference §2.5), here: `ble` interpolates the
///    scrambled (as-simulated) table, `corrected` the intended one
///    (``AltitudeControlSystem/fanEfficiency(pressureRatio:powerW:profile:)``).
/// 2. **Power-safety-layer sunrise/sunset** (reference §2.9), here: `ble` computes them once at
///    launch and rolls them by whole days; `corrected` recomputes them for the balloon's current
///    position whenever one of them has passed (``PowerSafetyLayer``).
/// 3. **Upwelling IR ≈ 315 W/m²** (reference §2.8), in scenario sampling: `ble` draws
///    `315·sigmoid(N(2, 315²))` with rejection below 225 (practically always ~315);
///    `corrected` uses a scale small enough for the intended ~5.5 % rejection rate.
/// 4. **Random-walk variance growing with cumulative time** (reference §6.2), in the agents.
/// 5. **x ↔ grid axis 0 in the wind lookup** (reference §3.4), in the wind field.
/// 6. **Reward radius fixed at 50 km** (reference §5.1), in the reward.
public enum PhysicsProfile: String, Sendable, Codable, CaseIterable {
    /// BLE's as-simulated behaviour, quirks included.
    case ble
    /// The behaviour BLE's code appears to intend.
    case corrected

    /// Whether the ACS interpolates the fan-efficiency table BLE intended rather than the one it uses.
    public var usesIntendedFanEfficiencyTable: Bool { self == .corrected }

    /// Whether the power safety layer recomputes sunrise and sunset for the current position when they roll.
    public var recomputesPowerSafetySunTimes: Bool { self == .corrected }
}
