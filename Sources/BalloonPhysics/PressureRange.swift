import WindField

/// BLE's `pressure_range_builder`: the accessible pressure range of a balloon (reference §4.3).
///
/// 1. Safe superpressures: [250, 2380 − 250] Pa (the envelope layer's buffer).
/// 2. Search column: `linspace(1000, P_atm(50 000 ft), 20)`.
/// 3. Highest altitude, ballonet empty and gas at ambient temperature:
///    `(P/T)* = (m_pay + m_env + n_He M_He) R / (M_air V₀)`; P_min interpolates P as a function
///    of `P/T_atm(P)` over the column (linear, extrapolating at the ends).
/// 4. P_max = P_atm(50 000 ft).
/// 5. Lower bound: P_min if its stable superpressure (``StableInitialization``) is safe; otherwise
///    walk the column upwards from P_min to the first safe point and interpolate linearly where SP
///    crosses the violated bound, between it and the last unsafe point.
/// 6. Upper bound: the same from P_max, walking downwards.
///
/// Every stable-superpressure probe sees the same sun (at the balloon's position and time), so it
/// is computed once. Typically 3–5 probes per call. Steps 2–4 depend only on the balloon and the
/// atmosphere: a ``SearchColumn`` holds them, so that a caller asking every step (the observation)
/// makes them once per episode and the query allocates nothing.
public enum PressureRange {
    /// Number of points in the search column.
    public static let columnCount = 20
    /// Lowest pressure of the search column, Pa.
    public static let columnLowestPa = 1000.0

    /// The sun-independent part of the accessible range of one balloon in one atmosphere (steps 2–4).
    public struct SearchColumn: Sendable, Equatable {
        /// The balloon and atmosphere it was made for.
        public let vehicle: FlightVehicle
        public let atmosphere: Atmosphere
        /// `linspace(1000, P_atm(50 000 ft), 20)`, Pa, ascending.
        public let pressuresPa: [Double]
        /// P_min, the pressure of the highest reachable altitude, Pa.
        public let highestAltitudePa: Double

        /// Makes the column of `vehicle` in `atmosphere`.
        ///
        /// - Throws: the atmosphere's domain errors; ``BalloonPhysicsError/pressureColumnNotMonotonic``.
        public init(vehicle: FlightVehicle = .ble, atmosphere: Atmosphere) throws(BalloonPhysicsError) {
            self.vehicle = vehicle
            self.atmosphere = atmosphere
            pressuresPa = linspace(PressureRange.columnLowestPa, atmosphere.floorPressurePa, PressureRange.columnCount)
            highestAltitudePa = try PressureRange.highestAltitudePressurePa(vehicle: vehicle, column: pressuresPa,
                                                                           atmosphere: atmosphere)
        }

        /// Whether this column serves `state`'s balloon and atmosphere.
        public func serves(_ state: BalloonState) -> Bool { vehicle == state.vehicle && atmosphere == state.atmosphere }
    }

    /// The accessible range of `state`'s balloon, at its position, time and IR.
    ///
    /// - Parameters:
    ///   - column: the search column of `state`'s balloon and atmosphere, when the caller keeps one
    ///     (it must ``SearchColumn/serves(_:)`` the state); made here otherwise.
    ///   - sun: `state.sun`, when the caller has already computed it.
    /// - Throws: ``BalloonPhysicsError/noSafePressure`` when no column point is safe (BLE raises);
    ///   the stable initialisation's domain errors.
    public static func accessible(for state: BalloonState, column: SearchColumn? = nil, sun: SolarPosition? = nil)
        throws(BalloonPhysicsError) -> AccessiblePressureRange
    {
        let column = if let column { column } else { try SearchColumn(vehicle: state.vehicle, atmosphere: state.atmosphere) }
        precondition(column.serves(state), "the search column was made for another balloon or atmosphere")
        return try accessible(column: column, sun: sun ?? state.sun, upwellingInfraredWPerM2: state.upwellingInfraredWPerM2,
                              earthAbsorptivity: state.earthAbsorptivity)
    }

    /// The accessible range of a balloon `vehicle` under `sun` with Earth IR `upwellingInfraredWPerM2`.
    public static func accessible(vehicle: FlightVehicle = .ble, sun: SolarPosition, upwellingInfraredWPerM2: Double,
                                  atmosphere: Atmosphere) throws(BalloonPhysicsError) -> AccessiblePressureRange {
        try accessible(column: SearchColumn(vehicle: vehicle, atmosphere: atmosphere), sun: sun,
                       upwellingInfraredWPerM2: upwellingInfraredWPerM2,
                       earthAbsorptivity: Thermal.earthAbsorptivity(upwellingInfraredWPerM2: upwellingInfraredWPerM2))
    }

    static func accessible(column: SearchColumn, sun: SolarPosition, upwellingInfraredWPerM2: Double,
                           earthAbsorptivity: Double) throws(BalloonPhysicsError) -> AccessiblePressureRange {
        let vehicle = column.vehicle, atmosphere = column.atmosphere
        let buffer = SafetyLayerConstants.envelopeBufferPa
        let safeLowest = buffer, safeHighest = vehicle.maximumSuperpressurePa - buffer

        func superpressure(_ pressure: Double) throws(BalloonPhysicsError) -> Double {
            try StableInitialization.parameters(pressurePa: pressure, vehicle: vehicle, sun: sun,
                                                upwellingInfraredWPerM2: upwellingInfraredWPerM2,
                                                earthAbsorptivity: earthAbsorptivity, atmosphere: atmosphere).superpressurePa
        }
        let lower = try safeBound(from: column.highestAltitudePa, column: column.pressuresPa, upwards: true,
                                  safeLowest: safeLowest, safeHighest: safeHighest, superpressure: superpressure)
        let upper = try safeBound(from: atmosphere.floorPressurePa, column: column.pressuresPa, upwards: false,
                                  safeLowest: safeLowest, safeHighest: safeHighest, superpressure: superpressure)
        return AccessiblePressureRange(lowestPa: lower, highestPa: upper)
    }

    /// BLE's `_search_for_safe_pressure`: `start` if its superpressure is safe, otherwise the
    /// interpolated crossing between the last unsafe and the first safe point of `column` walked
    /// from `start` upwards (ascending P, skipping points below `start`) or downwards. A point equal
    /// to `start` (P_max is the column's last point) gives `start`'s own result, so it is not probed again.
    static func safeBound(from start: Double, column: [Double], upwards: Bool, safeLowest: Double, safeHighest: Double,
                          superpressure: (Double) throws(BalloonPhysicsError) -> Double) throws(BalloonPhysicsError) -> Double {
        var sp = try superpressure(start)
        if safeLowest <= sp && sp <= safeHighest { return start }
        var last = (pressure: start, superpressure: sp)
        for k in 0..<column.count {
            let pressure = column[upwards ? k : column.count - 1 - k]
            // A point equal to `start` would repeat its (unsafe) probe: skip it too.
            if upwards ? pressure <= start : pressure >= start { continue }
            sp = try superpressure(pressure)
            if sp > safeHighest || sp < safeLowest {
                last = (pressure, sp)
                continue
            }
            return upwards
                ? try crossing(last.pressure, last.superpressure, pressure, sp, safeLowest, safeHighest)
                : try crossing(pressure, sp, last.pressure, last.superpressure, safeLowest, safeHighest)
        }
        throw .noSafePressure
    }

    /// P_min: the pressure where `P/T_atm(P)` equals the empty-ballonet float value, interpolated
    /// (and extrapolated) linearly over `column` like scipy `interp1d`.
    static func highestAltitudePressurePa(vehicle: FlightVehicle, column: [Double],
                                          atmosphere: Atmosphere) throws(BalloonPhysicsError) -> Double {
        let emptyMass = vehicle.payloadMassKg + vehicle.envelopeMassKg + vehicle.heliumMols * PhysicsConstants.heliumMolarMass
        let target = emptyMass * PhysicsConstants.universalGasConstant
            / (PhysicsConstants.dryAirMolarMass * vehicle.envelopeVolumeBaseM3)
        var ratios = [Double](repeating: 0, count: column.count)
        for k in 0..<column.count {
            ratios[k] = column[k] / (try atmosphere.atPressure(column[k]).temperatureK)
            guard k == 0 || ratios[k] > ratios[k - 1] else { throw .pressureColumnNotMonotonic }
        }
        var hi = 1
        while hi < ratios.count - 1 && !(ratios[hi] >= target) { hi += 1 }
        let lo = hi - 1
        let slope = (column[hi] - column[lo]) / (ratios[hi] - ratios[lo])
        return slope * (target - ratios[lo]) + column[lo]
    }

    /// The pressure in [p1, p2] (p1 < p2) where the superpressure crosses the violated safe bound,
    /// by linear interpolation (BLE's `_compute_safe_pressure`).
    static func crossing(_ p1: Double, _ sp1: Double, _ p2: Double, _ sp2: Double,
                         _ safeLowest: Double, _ safeHighest: Double) throws(BalloonPhysicsError) -> Double {
        guard p1 < p2, sp1 != sp2 else { throw .noSuperpressureCrossing(pressure1Pa: p1, pressure2Pa: p2) }
        let bound: Double
        if (sp1 < safeLowest && sp2 >= safeLowest) || (sp1 >= safeLowest && sp2 < safeLowest) {
            bound = safeLowest
        } else if (sp1 > safeHighest && sp2 <= safeHighest) || (sp1 <= safeHighest && sp2 > safeHighest) {
            bound = safeHighest
        } else {
            throw .noSuperpressureCrossing(pressure1Pa: p1, pressure2Pa: p2)
        }
        let fraction = abs((bound - sp1) / (sp2 - sp1))
        return fraction * (p2 - p1) + p1
    }
}

extension BalloonState {
    /// The pressures this balloon can reach with a safe superpressure, now (``PressureRange``).
    public func accessiblePressureRange() throws(BalloonPhysicsError) -> AccessiblePressureRange {
        try PressureRange.accessible(for: self)
    }
}
