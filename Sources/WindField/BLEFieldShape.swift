import Foundation

/// The shape of BLE's generative wind grids (`vae.FieldShape`, reference §3.3).
///
/// BLE's arrays are `(21, 21, 10, 9, 2)` float32 m/s indexed `[x, y, pressure, time, component]`:
/// axis 0 is queried with x (east), although BLE's code calls it "lat" (§3.4 axis caveat).
public enum BLEFieldShape {
    /// Points along x and along y: −500…500 km every 50 km.
    public static let horizontalCount = 21
    /// Half-width of the horizontal box, km.
    public static let halfWidthKm = 500.0
    /// Pressure levels: 5000…14000 Pa every 1000 Pa.
    public static let pressureCount = 10
    public static let pressureRangePa = 5_000.0...14_000.0
    /// Times: 0…48 h every 6 h.
    public static let timeCount = 9
    public static let timeSpanHours = 48.0
    /// Values in one field: 21·21·10·9·2.
    public static let valueCount = horizontalCount * horizontalCount * pressureCount * timeCount * 2

    /// The horizontal axis values, km, exactly as BLE interpolates on them.
    ///
    /// BLE builds its axes with float32 `jnp.linspace(-500, 500, 21)`, which
    /// computes `start·(1 − i/20) + stop·i/20` in float32; four of the 21 points
    /// carry round-off (−49.99997, 100.00002, 150.00002, 400.00003 km). scipy
    /// interpolates on those values, so loonsim uses them too: on the integer
    /// grid the forecast differs from BLE's by up to ~1e-7 m/s (measured against
    /// the exported scenarios' `check_at_initial_state`).
    public static let horizontalKm: [Double] = [
        -500, -450, -400, -350, -300, -250, -200, -150, -100, -49.999969482421875, 0, 50,
        100.00001525878906, 150.00001525878906, 200, 250, 300, 350, 400.0000305175781, 450, 500,
    ]
    /// The pressure axis values, Pa (float32 `jnp.linspace(5000, 14000, 10)`, exact).
    public static let pressuresPa: [Double] = (0..<pressureCount).map { 5_000 + 1_000 * Double($0) }
    /// The time axis values, hours (int32 `jnp.linspace(0, 48, 9)`).
    public static let timesHours: [Double] = (0..<timeCount).map { 6 * Double($0) }
}

extension WindGrid {
    /// A grid from an array in BLE's `[x, y, pressure, time, component]` layout (e.g. a VAE decode).
    ///
    /// The result is on a tangent plane with no station (BLE's generative winds are placeless).
    public init(bleField field: [Float], startTime: Date = Date(timeIntervalSince1970: 0), source: String,
                file: String = "BLE field") throws {
        guard field.count == BLEFieldShape.valueCount else {
            throw WindGridError(file: file, problem: "BLE field holds \(field.count) values, expected \(BLEFieldShape.valueCount) "
                + "(21 × 21 × 10 × 9 × 2)")
        }
        let n = BLEFieldShape.horizontalCount
        let (np, nt) = (BLEFieldShape.pressureCount, BLEFieldShape.timeCount)
        var u = [Float](repeating: 0, count: nt * np * n * n)
        var v = u
        for i in 0..<n {
            for j in 0..<n {
                for p in 0..<np {
                    for t in 0..<nt {
                        let source = (((i * n + j) * np + p) * nt + t) * 2
                        let target = ((t * np + p) * n + j) * n + i
                        u[target] = field[source]
                        v[target] = field[source + 1]
                    }
                }
            }
        }
        try self.init(
            frame: .tangentPlane(station: nil), startTime: startTime,
            x: GridAxis(name: "x", values: BLEFieldShape.horizontalKm, units: "km"),
            y: GridAxis(name: "y", values: BLEFieldShape.horizontalKm, units: "km"),
            pressure: GridAxis(name: "pressure", values: BLEFieldShape.pressuresPa, units: "Pa"),
            time: GridAxis(name: "time", values: BLEFieldShape.timesHours, units: "hours"),
            u: u, v: v, source: source, file: file)
    }
}
