/// A horizontal wind, m/s: `u` toward the east, `v` toward the north.
public struct WindVector: Sendable, Equatable, Hashable, Codable {
    /// Eastward component, m/s.
    public var uMetersPerSecond: Double
    /// Northward component, m/s.
    public var vMetersPerSecond: Double

    public init(uMetersPerSecond: Double, vMetersPerSecond: Double) {
        self.uMetersPerSecond = uMetersPerSecond
        self.vMetersPerSecond = vMetersPerSecond
    }
}
