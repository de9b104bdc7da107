/// Forecast winds looked up in a ``WindGrid`` exactly as BLE's `GridBasedWindField` does (reference §3.3).
///
/// A lookup clips x, y and pressure to the grid (constant extension), reflects
/// time beyond the grid back and forth ("boomerang"), rounds the query point
/// to float32, and interpolates quadrilinearly with scipy `interpn`'s order of
/// operations (corner terms summed in `itertools.product` order, weights
/// multiplied in axis order), so results match BLE to the last bit.
///
/// The grid is stored corner-major (`[x][y][time][pressure][u, v]`) so that a
/// column query reads contiguous memory.
public struct GriddedWindField: Sendable {
    /// East axis (km on the tangent plane).
    public let x: GridAxis
    /// North axis (km on the tangent plane).
    public let y: GridAxis
    /// Pressure axis (Pa).
    public let pressure: GridAxis
    /// Time axis (hours since the grid's start).
    public let time: GridAxis
    /// The grid this field was built from.
    public let grid: WindGrid

    // [x][y][time][pressure][component], float32 as in BLE.
    private let storage: [Float]
    private let xStride: Int
    private let yStride: Int
    private let timeStride: Int

    /// Builds the lookup structure; the grid must be on a tangent plane (x east, y north, km).
    public init(_ grid: WindGrid) throws {
        guard case .tangentPlane = grid.frame else {
            throw WindGridError(file: grid.source, problem: "winds on a latitude/longitude grid must be put on a tangent "
                + "plane around a station first (WindGrid.onTangentPlane)")
        }
        self.grid = grid
        (x, y, pressure, time) = (grid.x, grid.y, grid.pressure, grid.time)
        timeStride = pressure.count * 2
        yStride = time.count * timeStride
        xStride = y.count * yStride
        var storage = [Float](repeating: 0, count: x.count * xStride)
        for t in 0..<time.count {
            for p in 0..<pressure.count {
                for j in 0..<y.count {
                    for i in 0..<x.count {
                        let source = grid.flatIndex(time: t, pressure: p, y: j, x: i)
                        let target = i * xStride + j * yStride + t * timeStride + p * 2
                        storage[target] = grid.u[source]
                        storage[target + 1] = grid.v[source]
                    }
                }
            }
        }
        self.storage = storage
    }

    /// The grid time (hours) BLE looks up for `elapsedSeconds` into the episode.
    ///
    /// Within the grid's span the time is used as is; beyond it, it is reflected:
    /// `c = ⌊t/T⌋ mod 2`, `r = t mod T`, `t' = r` if c is even else `T − r`.
    @inline(__always)
    public func gridHours(elapsedSeconds: Double) -> Double {
        let hours = elapsedSeconds / 3600
        let start = time.lowerBound
        let span = time.upperBound - start
        let relative = hours - start
        if relative < span || span <= 0 { return time.clamp(hours) }
        let cycle = Int((relative / span).rounded(.down)) % 2
        let remainder = relative.truncatingRemainder(dividingBy: span)
        return start + (cycle == 0 ? remainder : span - remainder)
    }

    /// The forecast wind (u east, v north; m/s) at one point.
    ///
    /// - Parameters:
    ///   - xMeters: east offset from the station, m.
    ///   - yMeters: north offset from the station, m.
    ///   - pressurePa: pressure, Pa.
    ///   - elapsedSeconds: time since the grid's start, s.
    @inline(__always)
    public func wind(xMeters: Double, yMeters: Double, pressurePa: Double, elapsedSeconds: Double) -> (u: Double, v: Double) {
        let corner = horizontalCell(xMeters: xMeters, yMeters: yMeters, elapsedSeconds: elapsedSeconds)
        return storage.withUnsafeBufferPointer { values in
            interpolate(values, corner, pressureCell(pressurePa))
        }
    }

    /// The forecast winds at many pressures over one (x, y, t), written to `u` and `v`.
    ///
    /// Each value equals ``wind(xMeters:yMeters:pressurePa:elapsedSeconds:)`` at that
    /// pressure bit for bit; the horizontal and time cells are found once.
    /// The three buffers must have the same count. Does not allocate.
    public func column(xMeters: Double, yMeters: Double, elapsedSeconds: Double,
                       pressuresPa: UnsafeBufferPointer<Double>,
                       u: UnsafeMutableBufferPointer<Double>, v: UnsafeMutableBufferPointer<Double>) {
        precondition(u.count == pressuresPa.count && v.count == pressuresPa.count, "column buffers differ in size")
        let corner = horizontalCell(xMeters: xMeters, yMeters: yMeters, elapsedSeconds: elapsedSeconds)
        storage.withUnsafeBufferPointer { values in
            // Four levels at a time: independent sums run side by side (each lane
            // still adds its 16 terms in scipy's order, so the bits are unchanged).
            var index = 0
            while index + 4 <= pressuresPa.count {
                let cells = (pressureCell(pressuresPa[index]), pressureCell(pressuresPa[index + 1]),
                             pressureCell(pressuresPa[index + 2]), pressureCell(pressuresPa[index + 3]))
                let sum = interpolateFour(values, corner, cells)
                for lane in 0..<4 {
                    u[index + lane] = sum[2 * lane]
                    v[index + lane] = sum[2 * lane + 1]
                }
                index += 4
            }
            while index < pressuresPa.count {
                let wind = interpolate(values, corner, pressureCell(pressuresPa[index]))
                u[index] = wind.u
                v[index] = wind.v
                index += 1
            }
        }
    }

    @inline(__always)
    func pressureCell(_ pressurePa: Double) -> (lower: Int, upper: Int, fraction: Double) {
        pressure.cell(containing: Double(Float(pressure.clamp(pressurePa))))
    }

    /// ``interpolate(_:_:_:)`` for four pressure cells at once; lanes are (u₀, v₀, u₁, v₁, …).
    @inline(__always)
    func interpolateFour(_ values: UnsafeBufferPointer<Float>, _ c: HorizontalCell,
                         _ p: ((lower: Int, upper: Int, fraction: Double), (lower: Int, upper: Int, fraction: Double),
                               (lower: Int, upper: Int, fraction: Double), (lower: Int, upper: Int, fraction: Double)))
        -> SIMD8<Double>
    {
        let base = values.baseAddress!
        let lowerOffsets = (p.0.lower * 2, p.1.lower * 2, p.2.lower * 2, p.3.lower * 2)
        let upperOffsets = (p.0.upper * 2, p.1.upper * 2, p.2.upper * 2, p.3.upper * 2)
        let pw0 = SIMD8<Double>(1 - p.0.fraction, 1 - p.0.fraction, 1 - p.1.fraction, 1 - p.1.fraction,
                                1 - p.2.fraction, 1 - p.2.fraction, 1 - p.3.fraction, 1 - p.3.fraction)
        let pw1 = SIMD8<Double>(p.0.fraction, p.0.fraction, p.1.fraction, p.1.fraction,
                                p.2.fraction, p.2.fraction, p.3.fraction, p.3.fraction)
        @inline(__always) func gather(_ at: Int, _ o: (Int, Int, Int, Int)) -> SIMD8<Double> {
            let a = base + at
            return SIMD8(Double(a[o.0]), Double(a[o.0 + 1]), Double(a[o.1]), Double(a[o.1 + 1]),
                         Double(a[o.2]), Double(a[o.2 + 1]), Double(a[o.3]), Double(a[o.3 + 1]))
        }
        let tw0 = 1 - c.tFraction
        let tw1 = c.tFraction
        let t0 = c.tLower * timeStride
        let t1 = c.tUpper * timeStride
        var sum = SIMD8<Double>(repeating: 0)
        @inline(__always) func add(_ i: Int, _ wx: Double, _ j: Int, _ wy: Double) {
            let wxy = wx * wy
            let corner = i * xStride + j * yStride
            let wp0 = wxy * pw0
            let wp1 = wxy * pw1
            sum = sum + gather(corner + t0, lowerOffsets) * (wp0 * tw0)
            sum = sum + gather(corner + t1, lowerOffsets) * (wp0 * tw1)
            sum = sum + gather(corner + t0, upperOffsets) * (wp1 * tw0)
            sum = sum + gather(corner + t1, upperOffsets) * (wp1 * tw1)
        }
        add(c.xLower, 1 - c.xFraction, c.yLower, 1 - c.yFraction)
        add(c.xLower, 1 - c.xFraction, c.yUpper, c.yFraction)
        add(c.xUpper, c.xFraction, c.yLower, 1 - c.yFraction)
        add(c.xUpper, c.xFraction, c.yUpper, c.yFraction)
        return sum
    }

    /// The x, y and time cells of a query, with the corner offsets into storage.
    struct HorizontalCell {
        var xLower: Int, xUpper: Int, xFraction: Double
        var yLower: Int, yUpper: Int, yFraction: Double
        var tLower: Int, tUpper: Int, tFraction: Double
    }

    @inline(__always)
    func horizontalCell(xMeters: Double, yMeters: Double, elapsedSeconds: Double) -> HorizontalCell {
        // BLE packs the clipped query as float32 before interpolating.
        let xKm = Double(Float(x.clamp(xMeters / 1000)))
        let yKm = Double(Float(y.clamp(yMeters / 1000)))
        let hours = Double(Float(gridHours(elapsedSeconds: elapsedSeconds)))
        let cx = x.cell(containing: xKm)
        let cy = y.cell(containing: yKm)
        let ct = time.cell(containing: hours)
        return HorizontalCell(xLower: cx.lower, xUpper: cx.upper, xFraction: cx.fraction,
                              yLower: cy.lower, yUpper: cy.upper, yFraction: cy.fraction,
                              tLower: ct.lower, tUpper: ct.upper, tFraction: ct.fraction)
    }

    /// Sums the 16 corner terms in scipy's order: x, y, pressure, time, lower corner first,
    /// each weight the product `((w_x·w_y)·w_p)·w_t`. u and v travel together as one SIMD
    /// pair; each lane rounds exactly like the scalar sum (no fused multiply-add).
    @inline(__always)
    func interpolate(_ values: UnsafeBufferPointer<Float>, _ c: HorizontalCell,
                     _ p: (lower: Int, upper: Int, fraction: Double)) -> (u: Double, v: Double) {
        let base = values.baseAddress!
        @inline(__always) func pair(_ offset: Int) -> SIMD2<Double> {
            SIMD2(Double(base[offset]), Double(base[offset + 1]))
        }
        let pw0 = 1 - p.fraction
        let pw1 = p.fraction
        let tw0 = 1 - c.tFraction
        let tw1 = c.tFraction
        let t0 = c.tLower * timeStride
        let t1 = c.tUpper * timeStride
        let p0 = p.lower * 2
        let p1 = p.upper * 2
        var sum = SIMD2<Double>(repeating: 0)
        @inline(__always) func add(_ i: Int, _ wx: Double, _ j: Int, _ wy: Double) {
            let wxy = wx * wy
            let corner = i * xStride + j * yStride
            let wp0 = wxy * pw0
            let wp1 = wxy * pw1
            sum = sum + pair(corner + t0 + p0) * (wp0 * tw0)
            sum = sum + pair(corner + t1 + p0) * (wp0 * tw1)
            sum = sum + pair(corner + t0 + p1) * (wp1 * tw0)
            sum = sum + pair(corner + t1 + p1) * (wp1 * tw1)
        }
        add(c.xLower, 1 - c.xFraction, c.yLower, 1 - c.yFraction)
        add(c.xLower, 1 - c.xFraction, c.yUpper, c.yFraction)
        add(c.xUpper, c.xFraction, c.yLower, 1 - c.yFraction)
        add(c.xUpper, c.xFraction, c.yUpper, c.yFraction)
        return (sum.x, sum.y)
    }
}
