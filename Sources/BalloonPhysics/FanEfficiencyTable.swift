/// The ACS fan efficiency `Eff(pr, W)` in kg of air per Wh: bilinear on a 13 × 4 grid, clamped
/// to the grid's box (scipy `interp2d`, linear, `fill_value=None`; reference §2.5).
///
/// Two readings of BLE's flat list of 52 values exist. ``asSimulated`` is what BLE interpolates
/// (each consecutive 4 values belong to one pressure ratio); ``intended`` is what the list was
/// written as (each consecutive 13 values belong to one power). Under ``PhysicsProfile/ble`` the
/// ACS uses the former, under ``PhysicsProfile/corrected`` the latter.
///
/// Evaluation follows FITPACK's `bispev` for a degree-1 spline (clamp, find the cell, de Boor
/// weights `1/(t₁ − t₀)·(t₁ − x)` and `1/(t₁ − t₀)·(x − t₀)`, sum in its order), so values agree with
/// scipy's to the last bits; it allocates nothing.
public struct FanEfficiencyTable: Sendable, Equatable {
    /// The grid's pressure ratios (13, increasing).
    public let pressureRatios: [Double]
    /// The grid's powers, W (4, increasing).
    public let powersW: [Double]
    /// Efficiencies, kg/Wh, pressure-ratio-major: `values[i * 4 + j]` is at `(pressureRatios[i], powersW[j])`.
    public let values: [Double]

    /// The table BLE actually interpolates (the as-simulated table of reference §2.5).
    public static let asSimulated = FanEfficiencyTable(reading: AltitudeControlConstants.fanEfficienciesAsWritten, powerMajor: false)

    /// The table BLE's list was written as (rows of power), which BLE does not use.
    public static let intended = FanEfficiencyTable(reading: AltitudeControlConstants.fanEfficienciesAsWritten, powerMajor: true)

    /// The table `profile` flies with.
    @inlinable
    public static func table(for profile: PhysicsProfile) -> FanEfficiencyTable {
        profile.usesIntendedFanEfficiencyTable ? intended : asSimulated
    }

    private init(reading flat: [Double], powerMajor: Bool) {
        let prs = AltitudeControlConstants.fanPressureRatioRange, ws = AltitudeControlConstants.fanPowerRangeW
        pressureRatios = linspace(prs.lowest, prs.highest, prs.count)
        powersW = linspace(ws.lowest, ws.highest, ws.count)
        var table = [Double](repeating: 0, count: prs.count * ws.count)
        for i in 0..<prs.count {
            for j in 0..<ws.count {
                table[i * ws.count + j] = powerMajor ? flat[j * prs.count + i] : flat[i * ws.count + j]
            }
        }
        values = table
    }

    /// The efficiency at `pressureRatio` and `powerW`, kg/Wh; queries outside the grid are clamped to its edges.
    @inlinable
    public func efficiencyKgPerWh(pressureRatio: Double, powerW: Double) -> Double {
        let (i, wx0, wx1) = Self.cellWeights(pressureRatios, pressureRatio)
        let (j, wy0, wy1) = Self.cellWeights(powersW, powerW)
        let n = powersW.count
        var sum = 0.0
        sum = sum + values[i * n + j] * wx0 * wy0
        sum = sum + values[i * n + j + 1] * wx0 * wy1
        sum = sum + values[(i + 1) * n + j] * wx1 * wy0
        sum = sum + values[(i + 1) * n + j + 1] * wx1 * wy1
        return sum
    }

    /// The cell `[knots[k], knots[k+1]]` holding the clamped `x`, and its two degree-1 B-spline weights.
    @inlinable
    static func cellWeights(_ knots: [Double], _ x: Double) -> (index: Int, lower: Double, upper: Double) {
        let last = knots.count - 1
        var arg = x
        if arg < knots[0] { arg = knots[0] }
        if arg > knots[last] { arg = knots[last] }
        var k = 0
        while k < last - 1 && !(arg < knots[k + 1]) { k += 1 }
        let f = 1.0 / (knots[k + 1] - knots[k])
        return (k, 0.0 + f * (knots[k + 1] - arg), f * (arg - knots[k]))
    }
}
