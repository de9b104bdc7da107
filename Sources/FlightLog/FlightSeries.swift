import BalloonPhysics
import Evaluation

/// The time series a drawing shows, from a flight log or from BLE's flight paths (which hold fewer).
struct FlightSeries {
    var hours: [Double]
    var xKm: [Double]
    var yKm: [Double]
    var pressurePa: [Double]
    var superpressurePa: [Double]
    var batteryPercent: [Double]
    var distanceKm: [Double]
    /// Only in flight logs.
    var altitudeKm: [Double]?
    var solarPowerW: [Double]?
    var acsPowerW: [Double]?
    var command: [Int]?
    var effective: [Int]?
    var windU: [Double]?
    var windV: [Double]?
    /// The station-keeping radius drawn around the station, km.
    var radiusKm: Double
    /// The flight's atmosphere: altitude in km at a pressure (flight logs only).
    var altitudeKmAtPressure: ((Double) -> Double)?

    init(log: FlightLog) {
        let path = log.result.flightPath
        hours = path.map { Double($0.elapsedSeconds) / 3600 }
        xKm = path.map(\.xKm)
        yKm = path.map(\.yKm)
        pressurePa = path.map(\.pressurePa)
        superpressurePa = path.map(\.superpressurePa)
        batteryPercent = path.map { $0.batteryStateOfCharge * 100 }
        distanceKm = path.map(\.distanceKm)
        altitudeKm = path.map { $0.altitudeM / 1000 }
        solarPowerW = path.map(\.solarPowerW)
        acsPowerW = path.map(\.acsPowerW)
        command = path.map(\.command)
        effective = path.map(\.effectiveCommand)
        windU = path.map(\.windU)
        windV = path.map(\.windV)
        radiusKm = log.settings.configuration.stationKeepingRadiusKm
        if let atmosphere = try? Atmosphere(alpha: log.scenario.atmosphereAlpha) {
            altitudeKmAtPressure = { atmosphere.heightAndTemperature(atPressurePa: $0).heightM / 1000 }
        }
    }

    init(ble path: [BLEFlightPoint]) {
        hours = path.map { $0.elapsedSeconds / 3600 }
        xKm = path.map(\.xKm)
        yKm = path.map(\.yKm)
        pressurePa = path.map(\.pressurePa)
        superpressurePa = path.map(\.superpressurePa)
        batteryPercent = path.map { $0.batteryStateOfCharge * 100 }
        distanceKm = path.map { ($0.xKm * $0.xKm + $0.yKm * $0.yKm).squareRoot() }
        radiusKm = 50
    }

    var count: Int { hours.count }
    var endHours: Double { max(hours.last ?? 0, 0.05) }
}
