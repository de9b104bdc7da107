/// Wind statistics of one pressure level of a grid, over all x, y and times.
public struct WindLevelSummary: Sendable, Equatable {
    /// The level's pressure, Pa.
    public var pressurePa: Double
    /// Mean wind speed, m/s.
    public var meanSpeed: Double
    /// 95th-percentile wind speed (nearest rank), m/s.
    public var p95Speed: Double
    /// Largest wind speed, m/s.
    public var maxSpeed: Double
    /// Mean eastward and northward components, m/s.
    public var meanU: Double
    public var meanV: Double
}

extension WindGrid {
    /// Per-level wind statistics, from the lowest pressure (highest altitude) down.
    public func levelSummaries() -> [WindLevelSummary] {
        let plane = y.count * x.count
        return (0..<pressure.count).map { p in
            var speeds: [Double] = []
            speeds.reserveCapacity(plane * time.count)
            var sumU = 0.0
            var sumV = 0.0
            for t in 0..<time.count {
                let start = flatIndex(time: t, pressure: p, y: 0, x: 0)
                for index in start..<(start + plane) {
                    let (uu, vv) = (Double(u[index]), Double(v[index]))
                    speeds.append((uu * uu + vv * vv).squareRoot())
                    sumU += uu
                    sumV += vv
                }
            }
            speeds.sort()
            let count = Double(speeds.count)
            let rank = max(Int((0.95 * count).rounded(.up)) - 1, 0)
            return WindLevelSummary(pressurePa: pressure.values[p], meanSpeed: speeds.reduce(0, +) / count,
                                    p95Speed: speeds[rank], maxSpeed: speeds.last ?? 0,
                                    meanU: sumU / count, meanV: sumV / count)
        }
    }
}
