/// One coordinate axis of a wind grid: strictly increasing values in canonical units.
///
/// Canonical units: km for tangent-plane x/y, degrees for latitude/longitude,
/// Pa for pressure, hours (since the grid's start time) for time. An axis may
/// hold a single point, in which case the field is constant along it.
public struct GridAxis: Sendable, Equatable {
    /// The axis name as it appears in files (`x`, `latitude`, `pressure`, `time`).
    public let name: String
    /// Strictly increasing coordinates.
    public let values: [Double]
    /// Canonical unit of `values` (`km`, `degrees_north`, `Pa`, `hours`).
    public let units: String

    /// Whether the points are evenly spaced (to 0.1 % of a step), which allows O(1) lookup.
    public let isUniform: Bool
    private let first: Double
    private let spacing: Double

    /// Makes an axis; the values must already be strictly increasing (see ``validated(name:values:units:file:)``).
    public init(name: String, values: [Double], units: String) {
        precondition(!values.isEmpty, "an axis needs at least one point")
        self.name = name
        self.values = values
        self.units = units
        self.first = values[0]
        if values.count >= 2 {
            let step = (values[values.count - 1] - values[0]) / Double(values.count - 1)
            self.spacing = step
            // Near-uniform is enough: the cell search below corrects the first guess
            // against the stored values (BLE's own axes carry float32 round-off).
            self.isUniform = values.indices.allSatisfy { abs(values[$0] - (values[0] + Double($0) * step)) <= 1e-3 * abs(step) }
        } else {
            self.spacing = 1
            self.isUniform = true
        }
    }

    /// An axis from file values, which may run in either direction.
    ///
    /// Throws when a value is not finite, repeated, or out of order.
    /// - Returns: the ascending axis and whether the file's order was reversed.
    public static func validated(name: String, values: [Double], units: String, file: String)
        throws -> (axis: GridAxis, reversed: Bool)
    {
        guard !values.isEmpty else { throw WindGridError(file: file, problem: "axis '\(name)' is empty") }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw WindGridError(file: file, problem: "axis '\(name)' holds a non-finite value at index \(bad)")
        }
        let reversed = values.count >= 2 && values[1] < values[0]
        let ascending = reversed ? Array(values.reversed()) : values
        for index in ascending.indices.dropFirst() {
            let original = reversed ? values.count - 1 - index : index
            if ascending[index] == ascending[index - 1] {
                throw WindGridError(file: file, problem: "axis '\(name)' repeats the value \(ascending[index]) (index \(original))")
            }
            if ascending[index] < ascending[index - 1] {
                throw WindGridError(file: file, problem: "axis '\(name)' is not monotonic (at index \(original))")
            }
        }
        return (GridAxis(name: name, values: ascending, units: units), reversed)
    }

    /// Number of points.
    @inlinable public var count: Int { values.count }
    /// The first (smallest) coordinate.
    public var lowerBound: Double { values[0] }
    /// The last (largest) coordinate.
    public var upperBound: Double { values[values.count - 1] }

    /// The cell holding `coordinate` and the fraction of the way through it, as scipy's
    /// `RegularGridInterpolator` finds them; `coordinate` must already lie within the axis.
    ///
    /// Returns `(lower, upper, fraction)` with the value at `coordinate` equal to
    /// `(1 − fraction)·f[lower] + fraction·f[upper]`. The fraction is computed as
    /// `(c − g[i]) / (g[i+1] − g[i])` from the stored grid values, like scipy does.
    @inline(__always)
    public func cell(containing coordinate: Double) -> (lower: Int, upper: Int, fraction: Double) {
        let n = values.count
        if n == 1 { return (0, 0, 0) }
        var lower: Int
        if isUniform {
            lower = Int(((coordinate - first) / spacing).rounded(.down))
            lower = min(max(lower, 0), n - 2)
            // Correct the guess against the stored values (round-off at cell edges).
            while coordinate < values[lower], lower > 0 { lower -= 1 }
            while coordinate >= values[lower + 1], lower < n - 2 { lower += 1 }
        } else {
            var low = 0
            var high = n - 1
            while high - low > 1 {
                let middle = (low + high) / 2
                if values[middle] <= coordinate { low = middle } else { high = middle }
            }
            lower = low
        }
        let fraction = (coordinate - values[lower]) / (values[lower + 1] - values[lower])
        return (lower, lower + 1, fraction)
    }

    /// `coordinate` limited to the axis range (BLE's clipping: constant extension beyond the edges).
    @inline(__always)
    public func clamp(_ coordinate: Double) -> Double {
        min(max(coordinate, values[0]), values[values.count - 1])
    }
}
