import Foundation
import WindField

/// Where the sun is observed from, in the units BLE's solar calculator reads: latitude in
/// radians and longitude in degrees.
///
/// BLE derives a balloon's place as an s2 `LatLng` (radians) from the station's degrees and the
/// (x, y) offset (`calculate_latlng_from_offset`, reference §3.1);
/// ``init(station:xMeters:yMeters:)`` takes it from
/// ``TangentPlane/destinationRadians(originSinLatitude:originCosLatitude:originLongitudeDeg:eastMeters:northMeters:)``,
/// which repeats that arithmetic operation for operation, and keeps the latitude in radians (no
/// round trip through degrees), so the sun it leads to is BLE's to the last bit: BLE's
/// trajectories amplify last-bit differences in some regimes (its DOWN dead bands).
public struct SolarSite: Sendable, Equatable {
    /// Latitude, radians.
    public let latitudeRad: Double
    /// Longitude, degrees.
    public let longitudeDeg: Double
    /// sin and cos of the latitude, computed once for every sun seen from here.
    @usableFromInline let sinLatitude: Double
    @usableFromInline let cosLatitude: Double

    @inlinable
    public init(latitudeRad: Double, longitudeDeg: Double) {
        self.latitudeRad = latitudeRad
        self.longitudeDeg = longitudeDeg
        sinLatitude = sin(latitudeRad)
        cosLatitude = cos(latitudeRad)
    }

    /// The site of a point given in degrees (s2's `LatLng.from_degrees`).
    @inlinable
    public init(_ point: GeoPoint) {
        self.init(latitudeRad: point.latitudeDeg * SolarCalculator.radiansPerDegree, longitudeDeg: point.longitudeDeg)
    }

    /// The site `xMeters` east and `yMeters` north of `station`, computed as BLE computes it.
    @inlinable
    public init(station: GeoPoint, xMeters x: Double, yMeters y: Double) {
        let stationLatitude = station.latitudeDeg * SolarCalculator.radiansPerDegree
        self.init(station: station, sinStationLatitude: sin(stationLatitude), cosStationLatitude: cos(stationLatitude),
                  xMeters: x, yMeters: y)
    }

    /// ``init(station:xMeters:yMeters:)`` with the sine and cosine of the station's latitude (in
    /// radians, `lat·(π/180)`) precomputed: the same result, two library calls fewer.
    @inlinable
    public init(station: GeoPoint, sinStationLatitude sinStation: Double, cosStationLatitude cosStation: Double,
                xMeters x: Double, yMeters y: Double) {
        let point = TangentPlane.destinationRadians(originSinLatitude: sinStation, originCosLatitude: cosStation,
                                                    originLongitudeDeg: station.longitudeDeg, eastMeters: x, northMeters: y)
        self.init(latitudeRad: point.latitudeRad, longitudeDeg: point.longitudeRad * SolarCalculator.degreesPerRadian)
    }

    /// Latitude, degrees.
    @inlinable
    public var latitudeDeg: Double { latitudeRad * SolarCalculator.degreesPerRadian }
}
