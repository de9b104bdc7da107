import Foundation

/// How a grid's two horizontal axes are laid out.
public enum HorizontalFrame: Sendable, Equatable {
    /// A flat local tangent plane around a station: `x` east and `y` north, in km.
    /// The station may be unknown (BLE's generative winds are placeless).
    case tangentPlane(station: GeoPoint?)
    /// Longitude (x, degrees east) and latitude (y, degrees north).
    case latitudeLongitude

    /// The name used in loonsim's file schema.
    public var schemaName: String {
        switch self {
        case .tangentPlane: return "tangent_plane"
        case .latitudeLongitude: return "latitude_longitude"
        }
    }
}

/// A point on the Earth, in degrees.
public struct GeoPoint: Sendable, Equatable, Codable {
    public var latitudeDeg: Double
    public var longitudeDeg: Double

    public init(latitudeDeg: Double, longitudeDeg: Double) {
        self.latitudeDeg = latitudeDeg
        self.longitudeDeg = longitudeDeg
    }
}

/// Gridded horizontal winds over time, pressure and two horizontal axes.
///
/// `u` (eastward) and `v` (northward) are float32 m/s in row-major order
/// `(time, pressure, y, x)`, the order of loonsim's file schema and of ERA5.
/// Every value is finite; the axes are strictly increasing.
public struct WindGrid: Sendable, Equatable {
    public var frame: HorizontalFrame
    /// The instant the time axis counts from, whole seconds UTC.
    public var startTime: Date
    /// East axis: km on a tangent plane, degrees east for latitude/longitude.
    public var x: GridAxis
    /// North axis: km on a tangent plane, degrees north for latitude/longitude.
    public var y: GridAxis
    /// Pressure axis, Pa (ascending, so from the highest altitude down).
    public var pressure: GridAxis
    /// Time axis, hours since ``startTime``.
    public var time: GridAxis
    /// Eastward wind, m/s, `(time, pressure, y, x)`.
    public var u: [Float]
    /// Northward wind, m/s, `(time, pressure, y, x)`.
    public var v: [Float]
    /// Free text saying where the winds came from.
    public var source: String

    /// Makes a grid, checking that the arrays match the axes and hold only finite values.
    public init(frame: HorizontalFrame, startTime: Date, x: GridAxis, y: GridAxis, pressure: GridAxis,
                time: GridAxis, u: [Float], v: [Float], source: String, file: String = "wind grid") throws {
        self.frame = frame
        self.startTime = startTime
        self.x = x
        self.y = y
        self.pressure = pressure
        self.time = time
        self.u = u
        self.v = v
        self.source = source
        let expected = time.count * pressure.count * y.count * x.count
        for (name, values) in [("u", u), ("v", v)] {
            guard values.count == expected else {
                throw WindGridError(file: file, problem: "'\(name)' holds \(values.count) values, the axes need \(expected)")
            }
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                let index = Self.index(flat: bad, shape: shape)
                throw WindGridError(file: file, problem: "'\(name)' holds a non-finite value (\(values[bad])) at "
                    + "time \(index[0]), pressure \(index[1]), y \(index[2]), x \(index[3])")
            }
        }
    }

    /// `[time, pressure, y, x]` counts.
    public var shape: [Int] { [time.count, pressure.count, y.count, x.count] }

    /// Flat index of `(t, p, j, i)` in ``u`` and ``v``.
    @inlinable
    public func flatIndex(time t: Int, pressure p: Int, y j: Int, x i: Int) -> Int {
        ((t * pressure.count + p) * y.count + j) * x.count + i
    }

    static func index(flat: Int, shape: [Int]) -> [Int] {
        var rest = flat
        var index = [Int](repeating: 0, count: shape.count)
        for dimension in shape.indices.reversed() {
            index[dimension] = rest % shape[dimension]
            rest /= shape[dimension]
        }
        return index
    }
}
