/// The pressures whose winds a balloon flies in and observes: BLE's forecast levels, 5000…14000 Pa
/// (50–140 hPa, ``BLEFieldShape/pressureRangePa``).
///
/// The balloon's accessible range (BalloonPhysics' `PressureRange`: from the highest altitude it can
/// float at down to the 50 000 ft floor, 11.4–12.6 kPa) lies inside it, and the observation reads the
/// wind column at 5000 + 50·k Pa up to 14 000 Pa. A wind grid must hold valid winds at every level a
/// lookup in this band interpolates from; levels beyond those never reach the balloon.
public enum FlyablePressureBand {
    /// The band, Pa.
    public static let rangePa: ClosedRange<Double> = BLEFieldShape.pressureRangePa

    /// The band as text, `50–140 hPa`.
    public static var description: String {
        "\(Int(rangePa.lowerBound / 100))–\(Int(rangePa.upperBound / 100)) hPa"
    }

    /// The indices of the levels that lookups within the band read, of strictly increasing `levelsPa`:
    /// every level inside the band and the nearest level beyond each end (a lookup interpolates from it
    /// up to the band's edge; a grid that stops short of an edge holds its winds there, so its last level
    /// is read).
    public static func levelsRead(of levelsPa: [Double]) -> ClosedRange<Int> {
        precondition(!levelsPa.isEmpty, "a grid has at least one level")
        let first = levelsPa.lastIndex { $0 <= rangePa.lowerBound } ?? 0
        let last = levelsPa.firstIndex { $0 >= rangePa.upperBound } ?? levelsPa.count - 1
        // A grid wholly above or below the band: its lookups all land on the level nearest the band.
        return min(first, last)...max(first, last)
    }
}
