/// The tables and constants of BLE's altitude control system (reference §2.5, §11).
public enum AltitudeControlConstants {
    /// Pressure ratios of the compressor-power nodes.
    public static let compressorPressureRatios: [Double] = [1.0, 1.05, 1.2, 1.25, 1.35]

    /// Compressor power at each node, W.
    public static let compressorPowersW: [Double] = [100.0, 100.0, 300.0, 400.0, 400.0]

    /// Discharge coefficient of the vent valve (measured).
    public static let valveDischargeCoefficient = 0.62

    /// The 52 fan efficiencies, kg of air per Wh, in the order BLE writes them: read naturally,
    /// four rows (100, 200, 300, 400 W) of 13 pressure ratios (1.05 … 1.35). scipy's `interp2d`
    /// reads the same list pressure-ratio-major (13 rows of 4 powers): see ``FanEfficiencyTable``.
    public static let fanEfficienciesAsWritten: [Double] = [
        0.4, 0.4, 0.3, 0.2, 0.2, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
        0.4, 0.3, 0.3, 0.30, 0.25, 0.23, 0.20, 0.15, 0.12, 0.10, 0.0, 0.0, 0.0,
        0.0, 0.3, 0.25, 0.25, 0.25, 0.20, 0.20, 0.20, 0.2, 0.15, 0.13, 0.12, 0.11,
        0.0, 0.23, 0.23, 0.23, 0.23, 0.23, 0.20, 0.20, 0.20, 0.18, 0.16, 0.15, 0.13,
    ]

    /// Lowest and highest pressure ratio of the efficiency grid (13 points, `linspace`).
    public static let fanPressureRatioRange = (lowest: 1.05, highest: 1.35, count: 13)

    /// Lowest and highest power of the efficiency grid (4 points, `linspace`), W.
    public static let fanPowerRangeW = (lowest: 100.0, highest: 400.0, count: 4)
}
