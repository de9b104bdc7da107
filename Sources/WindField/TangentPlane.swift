import Foundation

/// The flat (x east, y north) plane around a station on which loonsim flies, and its link to the sphere.
public enum TangentPlane {
    /// Earth radius for the plane ↔ sphere mapping, m (reference §3.1, §11).
    public static let earthRadiusMeters = 6_371_000.0

    /// Degrees to radians as Python's `math.radians` computes it: `x·(π/180)`.
    public static let radiansPerDegree = Double.pi / 180.0
    /// Radians to degrees as Python's `math.degrees` computes it: `x·(180/π)`.
    public static let degreesPerRadian = 180.0 / Double.pi

    /// The point reached by going `eastMeters`, `northMeters` from `origin` along a great circle,
    /// as BLE computes a balloon's latitude/longitude (reference §3.1).
    ///
    /// Bearing `atan2(x, y)` from north, angular distance `√(x²+y²)/R`, then the spherical
    /// "destination point" formula; latitude is clamped to ±90° and the longitude normalised to
    /// [−180°, 180°] like s2's `LatLng.normalized()`. The arithmetic is BLE's (s2's) operation for
    /// operation (``destinationRadians(originSinLatitude:originCosLatitude:originLongitudeDeg:eastMeters:northMeters:)``).
    public static func destination(from origin: GeoPoint, eastMeters x: Double, northMeters y: Double) -> GeoPoint {
        let latitude = origin.latitudeDeg * radiansPerDegree
        let point = destinationRadians(originSinLatitude: sin(latitude), originCosLatitude: cos(latitude),
                                       originLongitudeDeg: origin.longitudeDeg, eastMeters: x, northMeters: y)
        return GeoPoint(latitudeDeg: point.latitudeRad * degreesPerRadian, longitudeDeg: point.longitudeRad * degreesPerRadian)
    }

    /// The destination point in radians, with the sine and cosine of the origin's latitude
    /// (radians, `lat·(π/180)`) given: BLE's `calculate_latlng_from_offset` operation for operation
    /// — heading `atan2(x/1000, y/1000)` on kilometres, s2's product order, no round trip through
    /// degrees — so that the sun seen from it is BLE's to the last bit.
    @inlinable
    public static func destinationRadians(originSinLatitude sinOrigin: Double, originCosLatitude cosOrigin: Double,
                                          originLongitudeDeg: Double, eastMeters x: Double, northMeters y: Double)
        -> (latitudeRad: Double, longitudeRad: Double)
    {
        let heading = atan2(x / 1000.0, y / 1000.0)
        let angle = (x * x + y * y).squareRoot() / earthRadiusMeters
        let cosAngle = cos(angle), sinAngle = sin(angle)
        let sinLatitude = cosAngle * sinOrigin + sinAngle * cosOrigin * cos(heading)
        let deltaLongitude = atan2(sinAngle * cosOrigin * sin(heading), cosAngle - sinOrigin * sinLatitude)
        let latitude = min(max(asin(sinLatitude), -Double.pi / 2.0), Double.pi / 2.0)
        let longitude = (originLongitudeDeg * radiansPerDegree + deltaLongitude).remainder(dividingBy: 2 * Double.pi)
        return (latitude, longitude)
    }
}

extension WindGrid {
    /// Resamples a latitude/longitude grid onto a regular tangent plane around `station`.
    ///
    /// Each node `(x, y)` (km, from −`halfWidthKm` to +`halfWidthKm` every `spacingKm`)
    /// is placed on the sphere with ``TangentPlane/destination(from:eastMeters:northMeters:)``
    /// and its winds are interpolated bilinearly in latitude/longitude. Pressure and
    /// time axes are kept. A tangent-plane grid is returned unchanged. Longitudes may run
    /// −180…180 or 0…360 whatever the station's sign; a global grid (0…359.75 °E) wraps round,
    /// a node past its last longitude lying between its last and first columns.
    ///
    /// - Throws: ``WindGridError`` when part of the plane lies outside the file's coverage.
    public func onTangentPlane(station: GeoPoint, halfWidthKm: Double = 500, spacingKm: Double = 50,
                               file: String = "wind grid") throws -> WindGrid {
        guard case .latitudeLongitude = frame else { return self }
        guard halfWidthKm > 0, spacingKm > 0, halfWidthKm / spacingKm <= 1000 else {
            throw WindGridError(file: file, problem: "tangent plane half-width \(halfWidthKm) km / spacing \(spacingKm) km is not usable")
        }
        let steps = Int((halfWidthKm / spacingKm).rounded(.down))
        let planeKm = (-steps...steps).map { Double($0) * spacingKm }
        let planeAxis = { (name: String) in GridAxis(name: name, values: planeKm, units: "km") }
        let n = planeKm.count

        // Where each node falls in the latitude/longitude grid. A global grid (0…359.75 °E, say) wraps
        // around: past its last longitude a node lies between the last column and the first.
        let wrapsAround = longitudesCloseTheCircle
        var cells: [(i0: Int, i1: Int, fx: Double, j0: Int, j1: Int, fy: Double)] = []
        cells.reserveCapacity(n * n)
        for yKm in planeKm {
            for xKm in planeKm {
                let point = TangentPlane.destination(from: station, eastMeters: xKm * 1000, northMeters: yKm * 1000)
                var longitude = point.longitudeDeg
                while longitude < x.lowerBound { longitude += 360 }
                while longitude - 360 >= x.lowerBound { longitude -= 360 }
                let tolerance = 1e-9
                guard point.latitudeDeg >= y.lowerBound - tolerance, point.latitudeDeg <= y.upperBound + tolerance,
                      wrapsAround || longitude <= x.upperBound + tolerance else {
                    throw WindGridError(file: file, problem: String(
                        format: "the %.0f km box around station (%.4f°, %.4f°) leaves the file's coverage "
                            + "(latitude %.2f…%.2f°, longitude %.2f…%.2f°) at (%.3f°, %.3f°)",
                        2 * halfWidthKm, station.latitudeDeg, station.longitudeDeg, y.lowerBound, y.upperBound,
                        x.lowerBound, x.upperBound, point.latitudeDeg, point.longitudeDeg))
                }
                let cy = y.cell(containing: y.clamp(point.latitudeDeg))
                if wrapsAround && longitude > x.upperBound {
                    let gap = x.lowerBound + 360 - x.upperBound
                    cells.append((x.count - 1, 0, min((longitude - x.upperBound) / gap, 1), cy.lower, cy.upper, cy.fraction))
                    continue
                }
                let cx = x.cell(containing: x.clamp(longitude))
                cells.append((cx.lower, cx.upper, cx.fraction, cy.lower, cy.upper, cy.fraction))
            }
        }
        var newU = [Float](repeating: 0, count: time.count * pressure.count * n * n)
        var newV = newU
        for t in 0..<time.count {
            for p in 0..<pressure.count {
                let level = (t * pressure.count + p) * n * n
                for (node, cell) in cells.enumerated() {
                    func sample(_ field: [Float]) -> Float {
                        let a = Double(field[flatIndex(time: t, pressure: p, y: cell.j0, x: cell.i0)])
                        let b = Double(field[flatIndex(time: t, pressure: p, y: cell.j0, x: cell.i1)])
                        let c = Double(field[flatIndex(time: t, pressure: p, y: cell.j1, x: cell.i0)])
                        let d = Double(field[flatIndex(time: t, pressure: p, y: cell.j1, x: cell.i1)])
                        let south = a + (b - a) * cell.fx
                        let north = c + (d - c) * cell.fx
                        return Float(south + (north - south) * cell.fy)
                    }
                    newU[level + node] = sample(u)
                    newV[level + node] = sample(v)
                }
            }
        }
        return try WindGrid(
            frame: .tangentPlane(station: station), startTime: startTime, x: planeAxis("x"), y: planeAxis("y"),
            pressure: pressure, time: time, u: newU, v: newV,
            source: source + String(format: "; resampled onto a ±%.0f km tangent plane every %.0f km around (%.4f°, %.4f°)",
                                    halfWidthKm, spacingKm, station.latitudeDeg, station.longitudeDeg),
            file: file)
    }
}

extension WindGrid {
    /// Whether a latitude/longitude grid's longitudes go round the whole Earth: evenly spaced, with
    /// one step from the last back to the first plus 360° (0, 0.25, …, 359.75 °E).
    var longitudesCloseTheCircle: Bool {
        guard case .latitudeLongitude = frame, x.count >= 2, x.isUniform else { return false }
        let step = (x.upperBound - x.lowerBound) / Double(x.count - 1)
        return abs(x.upperBound + step - (x.lowerBound + 360)) <= 1e-3 * step
    }
}
