/// The baseline agents' constants, with units and the reference section each comes from.
///
/// StationSeeker's constants are the Nature paper's, as BLE 1.0.1's `station_seeker_agent.py`
/// holds them (ble-reference.md §6.1); the random walk's are BLE's `random_walk_agent.py` and
/// `sampling.sample_pressure` (§6.2). Values BLE applies to float32 features are also given
/// as the float32 they become (NumPy 2 converts a Python float to the other operand's float32).
public enum AgentConstants {

    /// StationSeeker (ble-reference.md §6.1).
    public enum StationSeeker {
        /// Distance scale of the proximity blend `α = exp(−d/35)`, km ("half radius").
        public static let halfRadiusKm = 35.0
        /// k₁: weight of the wind speed in the close-range term `exp(−k₁·|w|)`, per m/s.
        public static let magnitudeWeight = 0.07
        /// Bearing weight close to the station (d ≤ 250 km), per radian.
        public static let closeBearingWeight = 0.6
        /// Bearing weight far from the station (d ≥ 500 km), per radian.
        public static let farBearingWeight = 0.45
        /// Distance up to which the close bearing weight applies, km; the weight ramps linearly to the far one beyond.
        public static let closeBearingKm = 250.0
        /// Distance from which the far bearing weight applies, km.
        public static let farBearingKm = 500.0
        /// g_unknown: the score of a wind about which nothing is known (uncertainty 1).
        public static let unknownWindScore = 0.5
        /// k₂: weight of the hysteresis term that favours staying.
        public static let hysteresisWeight = 0.05
        /// k₃: decay of the hysteresis term per slot away from the balloon's level.
        public static let hysteresisDecayPerSlot = 0.001
        /// ε: added to the confidence `1 − u`.
        public static let confidenceEpsilon = 0.01
    }

    /// The random walk (ble-reference.md §6.2, §14.1 quirk 4).
    public enum RandomWalk {
        /// Range of the target pressure drawn at each episode start, Pa (BLE's conservative
        /// bounds, without an atmosphere: `sample_pressure(key)`).
        public static let targetRangePa = 6_500.0...11_400.0
        /// The target's standard deviation per second of time, Pa/s (BLE's `_STDDEV`, "~10 Pa/min").
        public static let standardDeviationPaPerSecond = 0.1666
        /// Half-width of the band around the target where the agent stays, Pa.
        public static let hysteresisPa = 100.0
        /// The time one agent step covers, s (BLE's `AGENT_TIME_STEP`, reference §1).
        public static let stepSeconds = 180.0
    }

    /// The feature normalisations StationSeeker and the random walk undo (ble-reference.md §4.1, §4.2).
    public enum Features {
        /// Pressure feature offset: `P = 5000 + 9000·f₀`, Pa.
        public static let pressureOffsetPa = 5_000.0
        /// Pressure feature scale, Pa.
        public static let pressureScalePa = 9_000.0
        /// Distance feature squash constant: `d = 250·f₇/(1 − f₇)`, km.
        public static let distanceSquashKm = 250.0
        /// Wind-magnitude squash constant: `|w| = 30·m/(1 − m)`, m/s.
        public static let windSquashMetresPerSecond = 30.0
    }
}
