/// The "ACS power to use" lookup behind observation feature 14 (reference §4.1).
///
/// Not what the ACS really draws (that is ``AltitudeControlSystem/compressorPowerW(pressureRatio:)``):
/// a table of power by pressure-ratio bin and battery state-of-charge bin, both found with
/// bisect-right.
public enum PowerTable {
    /// Upper edges of the pressure-ratio bins (bisect-right).
    public static let pressureRatioEdges: [Double] = [1.08, 1.11, 1.14, 1.17, 1.2, 1.23, 1.26]

    /// Per pressure-ratio bin: the state-of-charge edges (bisect-right) and the power of each SOC bin, W.
    public static let bins: [(socEdges: [Double], powersW: [Double])] = [
        ([0.3, 0.4, 0.5], [0, 150, 175, 200]),   // pr < 1.08
        ([0.3, 0.4, 0.7], [0, 200, 200, 225]),   // [1.08, 1.11)
        ([0.3, 0.4, 0.6], [0, 225, 225, 250]),   // [1.11, 1.14)
        ([0.3, 0.4, 0.5], [0, 200, 225, 250]),   // [1.14, 1.17)
        ([0.3, 0.4, 0.5], [0, 225, 250, 275]),   // [1.17, 1.20)
        ([0.4, 0.5], [0, 275, 300]),             // [1.20, 1.23)
        ([0.5, 0.6], [0, 300, 325]),             // [1.23, 1.26)
        ([0.5, 0.6], [0, 325, 350]),             // ≥ 1.26
    ]

    /// The tabulated power for `pressureRatio` and battery state of charge `stateOfCharge` (0…1), W.
    ///
    /// - Throws: ``BalloonPhysicsError/pressureRatioOutsidePowerTable(_:)`` unless 0.99 ≤ pr ≤ 5 (BLE asserts).
    public static func powerW(pressureRatio: Double, stateOfCharge: Double) throws(BalloonPhysicsError) -> Double {
        guard pressureRatio >= 0.99, pressureRatio <= 5 else { throw .pressureRatioOutsidePowerTable(pressureRatio) }
        let bin = bins[bisectRight(pressureRatioEdges, pressureRatio)]
        return bin.powersW[bisectRight(bin.socEdges, stateOfCharge)]
    }

    /// Python's `bisect.bisect_right`: the number of `edges` ≤ `x`.
    static func bisectRight(_ edges: [Double], _ x: Double) -> Int {
        var count = 0
        while count < edges.count && !(x < edges[count]) { count += 1 }
        return count
    }
}
