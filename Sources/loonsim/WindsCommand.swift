import ArgumentParser
import Foundation
import WindField

/// `loonsim winds …`: look at, make and import wind grids.
struct WindsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winds",
        abstract: "Inspect, generate and import wind grids.",
        subcommands: [WindsInspect.self, WindsGenerate.self, WindsImport.self])
}

/// `loonsim winds inspect FILE`.
struct WindsInspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a wind grid's schema, axes and wind speeds per pressure level.",
        discussion: "FILE is a loonsim wind grid or a CF NetCDF4 file such as an ERA5 pressure-level download.")

    @Argument(help: "The wind grid (.h5) or NetCDF4 (.nc) file.")
    var file: String

    func run() throws {
        let (reading, format) = try reportingErrors { (try WindGridFile.reading(file), try WindGridFile.format(of: file)) }
        print(WindGridReport(reading: reading, path: file, format: format).text)
    }
}

/// `loonsim winds generate --seed N --out FILE.h5`.
struct WindsGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Decode one BLE generative forecast (VAE) into a loonsim wind grid.",
        discussion: """
            The 64 VAE latents are drawn from SEED with loonsim's own random numbers (stream \
            "\(GenerativeWinds.latentStream)"), so the same seed always gives the same grid. The grid \
            is BLE's: 21 × 21 points over ±500 km, 10 pressures 5–14 kPa, 9 times 0–48 h.
            """)

    @Option(parsing: .unconditional, help: "Seed for the VAE latents (a whole number ≥ 0).")
    var seed: UInt64

    @Option(help: "Where to write the grid (HDF5, loonsim's schema).")
    var out: String

    @Option(help: "Start time of the grid, ISO 8601 UTC.")
    var startTime: String = "2011-01-01T00:00:00Z"

    @Option(help: "Decoder weights (default: the converted offlineskies22 decoder shipped in WindFields/).")
    var decoder: String?

    func validate() throws {
        guard CFTimeUnits.parseDateTime(startTime) != nil else {
            throw ValidationError("--start-time '\(startTime)' is not an ISO 8601 date-time (e.g. 2012-03-20T00:00:00Z)")
        }
    }

    func run() throws {
        let start = CFTimeUnits.parseDateTime(startTime)!
        let grid = try reportingErrors { () throws -> WindGrid in
            let vae = try decoder.map { try VAEDecoder(contentsOf: $0) } ?? VAEDecoder.loadDefault()
            let grid = try GenerativeWinds.forecast(
                latents: GenerativeWinds.latents(seed: seed), decoder: vae, startTime: start,
                source: "BLE offlineskies22 VAE decode, loonsim seed \(seed)")
            try WindGridFile.write(grid, to: out)
            return grid
        }
        let summary = grid.levelSummaries()
        let mean = summary.map(\.meanSpeed).reduce(0, +) / Double(summary.count)
        print(String(format: "wrote %@ (seed %llu, mean speed %.2f m/s)", out, seed, mean))
    }
}

/// `loonsim winds import FILE.nc --station-lat … --station-lon … --out FILE.h5`.
struct WindsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Map a CF NetCDF4 (ERA5-style) file onto the tangent plane around a station.",
        discussion: """
            Reads u and v on pressure levels over latitude/longitude, resamples them bilinearly onto \
            a regular grid of x (east) and y (north) offsets around the station, and writes a loonsim \
            wind grid that `loonsim evaluate --winds FILE` can fly.
            """)

    @Argument(help: "The NetCDF4 file (e.g. an ERA5 pressure-level download).")
    var file: String

    @Option(parsing: .unconditional, help: "Station latitude, degrees north (−90…90; negative is south).")
    var stationLat: Double

    @Option(parsing: .unconditional, help: "Station longitude, degrees east (−180…360; negative is west).")
    var stationLon: Double

    @Option(parsing: .unconditional, help: "Half-width of the tangent-plane box, km.")
    var halfWidthKm: Double = 500

    @Option(parsing: .unconditional, help: "Spacing of the tangent-plane grid, km.")
    var spacingKm: Double = 50

    @Option(help: "Where to write the grid (HDF5, loonsim's schema).")
    var out: String

    func validate() throws {
        guard (-90...90).contains(stationLat) else { throw ValidationError("--station-lat \(stationLat) is not within −90…90") }
        guard (-180...360).contains(stationLon) else { throw ValidationError("--station-lon \(stationLon) is not within −180…360") }
        guard halfWidthKm > 0, halfWidthKm.isFinite else { throw ValidationError("--half-width-km must be positive") }
        guard spacingKm > 0, spacingKm <= halfWidthKm else {
            throw ValidationError("--spacing-km must be positive and at most --half-width-km")
        }
    }

    func run() throws {
        let station = GeoPoint(latitudeDeg: stationLat, longitudeDeg: stationLon)
        let (grid, warnings) = try reportingErrors { () throws -> (WindGrid, [String]) in
            let reading = try WindGridFile.reading(file)
            let source = reading.grid
            guard case .latitudeLongitude = source.frame else {
                throw UserFacingError(description: "\(file): is already on a tangent plane; `loonsim evaluate --winds \(file)` flies it as it is")
            }
            let grid = try source.onTangentPlane(station: station, halfWidthKm: halfWidthKm, spacingKm: spacingKm, file: file)
            try WindGridFile.write(grid, to: out)
            return (grid, reading.warnings)
        }
        for warning in warnings {
            FileHandle.standardError.write(Data("import: warning: \(file): \(warning)\n".utf8))
        }
        let times = grid.time.count == 1 ? "1 time (the winds hold still) at" : "\(grid.time.count) times from"
        print("wrote \(out): \(grid.x.count) × \(grid.y.count) points, \(grid.pressure.count) levels, "
            + "\(times) \(WindGridReport.isoString(grid.startTime))")
    }
}
