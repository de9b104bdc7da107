import HDF5
import StationKeeping
import WindField

/// The scenario group of a flight log: everything ``StationKeepingEnvironment/reset(scenario:forecast:)``
/// needs, so a replay needs nothing else.
extension Scenario {
    /// The names of one noise harmonic's float64 fields, as datasets under `wind_noise_u`/`wind_noise_v`.
    static var harmonicFields: [(String, WritableKeyPath<SimplexWindNoise.Harmonic, Double>)] {
        [
            ("x_offset", \.xOffset), ("y_offset", \.yOffset), ("pressure_offset", \.pressureOffset),
            ("time_offset", \.timeOffset), ("weight", \.weight), ("x_spacing_km", \.xSpacingKm),
            ("y_spacing_km", \.ySpacingKm), ("pressure_spacing_pa", \.pressureSpacingPa),
            ("time_spacing_h", \.timeSpacingHours),
        ]
    }

    func write(into group: HDF5Group) throws {
        if let seed { try group.setAttribute("seed", Int64(seed)) }
        try group.setAttribute("atmosphere_alpha", atmosphereAlpha)
        // A one-value dataset keeps all 64 bits (numeric attributes read back as doubles).
        try group.createDataset("start_unix_s", shape: [1], values: [startUnixSeconds])
            .setAttribute("units", "s since 1970-01-01 UTC")
        try group.setAttribute("station_latitude_deg", station.latitudeDeg)
        try group.setAttribute("station_longitude_deg", station.longitudeDeg)
        try group.setAttribute("x_m", xMeters)
        try group.setAttribute("y_m", yMeters)
        try group.setAttribute("initial_pressure_pa", initialPressurePa)
        try group.setAttribute("upwelling_infrared_w_per_m2", upwellingInfraredWPerM2)
        try group.createDataset("vae_latents", shape: [vaeLatents.count], values: vaeLatents)
            .setAttribute("units", "the 64 VAE latents (float32) the forecast is decoded from")
        for (name, harmonics) in [("wind_noise_u", windNoise.u), ("wind_noise_v", windNoise.v)] {
            let noise = try group.createGroup(name)
            try noise.createDataset("seed", shape: [harmonics.count], values: harmonics.map(\.seed))
            for (field, key) in Self.harmonicFields {
                try noise.createDataset(field, shape: [harmonics.count], values: harmonics.map { $0[keyPath: key] })
            }
        }
    }

    /// Reads the scenario group of `file`.
    ///
    /// - Throws: ``FlightLogError`` naming the missing or malformed field.
    init(group: HDF5Group, file: String) throws {
        func problem(_ text: String) -> FlightLogError { FlightLogError(file: file, problem: "is damaged: scenario \(text)") }
        func number(_ name: String) throws -> Double {
            guard let value = try? group.numericAttribute(name), value.count == 1, value[0].isFinite else {
                throw problem("attribute '\(name)' is missing or not a finite number")
            }
            return value[0]
        }
        guard let start = try? group.dataset("start_unix_s").read(as: Int64.self), start.count == 1 else {
            throw problem("dataset 'start_unix_s' is missing or malformed")
        }
        guard let latents = try? group.dataset("vae_latents").read(as: Float.self) else {
            throw problem("dataset 'vae_latents' is missing or malformed")
        }
        var components: [[SimplexWindNoise.Harmonic]] = []
        for name in ["wind_noise_u", "wind_noise_v"] {
            guard let noise = try? group.group(name), let seeds = try? noise.dataset("seed").read(as: Int64.self),
                  !seeds.isEmpty else {
                throw problem("group '\(name)' is missing or has no harmonics")
            }
            var harmonics = seeds.map {
                SimplexWindNoise.Harmonic(seed: $0, xOffset: 0, yOffset: 0, pressureOffset: 0, timeOffset: 0, weight: 0,
                                          xSpacingKm: 0, ySpacingKm: 0, pressureSpacingPa: 0, timeSpacingHours: 0)
            }
            for (field, key) in Self.harmonicFields {
                guard let values = try? noise.dataset(field).read(as: Double.self), values.count == seeds.count else {
                    throw problem("dataset '\(name)/\(field)' is missing or has the wrong length")
                }
                for index in harmonics.indices { harmonics[index][keyPath: key] = values[index] }
            }
            components.append(harmonics)
        }
        let seed = (try? group.numericAttribute("seed"))??.first.map { Int($0) }
        self.init(seed: seed, atmosphereAlpha: try number("atmosphere_alpha"), startUnixSeconds: start[0],
                  station: GeoPoint(latitudeDeg: try number("station_latitude_deg"),
                                    longitudeDeg: try number("station_longitude_deg")),
                  xMeters: try number("x_m"), yMeters: try number("y_m"),
                  initialPressurePa: try number("initial_pressure_pa"),
                  upwellingInfraredWPerM2: try number("upwelling_infrared_w_per_m2"), vaeLatents: latents,
                  windNoise: SimplexWindNoise(u: components[0], v: components[1]))
    }
}
