import Foundation
import HDF5

/// Reads u/v winds on pressure levels from a CF NetCDF4 file, such as an ERA5
/// pressure-level download.
///
/// Accepts the variable and dimension names ERA5 and common tools use
/// (`u`/`v`; `time` or `valid_time`; `level`, `pressure_level`, `isobaricInhPa`
/// or `plev`; `latitude`/`lat`; `longitude`/`lon`), packed int16 with
/// `scale_factor`/`add_offset` or plain floats, `_FillValue`/`missing_value`,
/// either order of latitude and pressure, pressure in hPa or Pa, and CF time units.
/// The result is on the latitude/longitude frame, axes ascending, time in hours
/// since the first time; ``WindGrid/onTangentPlane(station:halfWidthKm:spacingKm:)``
/// maps it around a station.
///
/// Two shapes of real forecast file are read too: levels under the ground that hold
/// missing values are dropped when the balloon's winds never come from them
/// (``CFMissingLevels``), and winds with no time dimension (`u(isobaricInhPa, latitude,
/// longitude)`, as cfgrib writes one GRIB forecast) are one time, read from scalar
/// coordinates (``CFSingleTime``).
enum CFWindGridReader {
    enum Role: CaseIterable {
        case time, pressure, latitude, longitude

        var candidates: [String] {
            switch self {
            case .time: return ["time", "valid_time", "t", "step"]
            case .pressure: return ["level", "pressure_level", "isobaricInhPa", "plev", "pressure", "lev"]
            case .latitude: return ["latitude", "lat"]
            case .longitude: return ["longitude", "lon"]
            }
        }

        /// The axis meaning, which fixes the canonical unit and the accepted file units.
        var kind: AxisKind {
            switch self {
            case .time: return .time
            case .pressure: return .pressure
            case .latitude: return .y(.latitudeLongitude)
            case .longitude: return .x(.latitudeLongitude)
            }
        }

        var label: String {
            switch self {
            case .time: return "time"
            case .pressure: return "pressure level"
            case .latitude: return "latitude"
            case .longitude: return "longitude"
            }
        }
    }

    static func read(_ file: HDF5File) throws -> WindGridReading {
        let path = file.filePath
        let members = try file.memberNames()
        let uName = try windVariable(in: file, members: members, names: ["u", "u_component_of_wind", "ua", "U"],
                                     standardName: "eastward_wind")
        let vName = try windVariable(in: file, members: members, names: ["v", "v_component_of_wind", "va", "V"],
                                     standardName: "northward_wind")
        let uDataset = try file.dataset(uName)
        let fileShape = try uDataset.shape()
        guard fileShape.count == 4 || fileShape.count == 3 else {
            throw WindGridError(file: path, problem: "'\(uName)' has rank \(fileShape.count), expected 4 (time, level, "
                + "latitude, longitude) or 3 (level, latitude, longitude: one time)")
        }
        // Winds without a time dimension (one GRIB forecast through cfgrib) are one time: a leading extent of 1.
        let hasTimeDimension = fileShape.count == 4
        var roles = try dimensionRoles(of: uDataset, shape: fileShape, members: members, file: file)
        if !hasTimeDimension { roles = DimensionRoles(roles: [.time] + roles.roles, scaleNames: [nil] + roles.scaleNames) }
        let shape = hasTimeDimension ? fileShape : [1] + fileShape

        // Coordinates, in the file's order for each role.
        var coordinates: [Role: (values: [Double], reversed: Bool, axis: GridAxis)] = [:]
        var startTime = Date(timeIntervalSince1970: 0)
        var singleTime: SingleTimeSource?
        for (dimension, role) in roles.enumerated() {
            if role == .time && !hasTimeDimension {
                let (instant, source) = try CFSingleTime.read(file, members: members)
                (startTime, singleTime) = (instant, source)
                coordinates[.time] = ([0], false, GridAxis(name: "time", values: [0], units: AxisKind.time.canonicalUnits))
                continue
            }
            let (name, rawValues) = try coordinateValues(role: role, file: file, members: members,
                                                         scaleName: roles.scaleNames[dimension])
            guard rawValues.count == shape[dimension] else {
                throw WindGridError(file: path, problem: "'\(uName)' has \(shape[dimension]) points along its \(role.label) "
                    + "dimension but '\(name)' has \(rawValues.count)")
            }
            let dataset = try file.dataset(name)
            let units = try dataset.stringAttribute("units") ?? ""
            var values = rawValues
            switch role {
            case .time:
                let calendar = try dataset.stringAttribute("calendar")
                let timeUnits: CFTimeUnits
                switch CFTimeUnits.parse(units, calendar: calendar) {
                case .success(let parsed): timeUnits = parsed
                case .failure(let failure):
                    // cfgrib's forecast steps: durations (`hours`) after a scalar reference time.
                    guard let secondsPerUnit = CFTimeUnits.secondsPerDurationUnit(units),
                          let reference = try CFSingleTime.referenceTime(file, members: members) else {
                        throw WindGridError(file: path, problem: "axis '\(name)': \(failure.reason)")
                    }
                    timeUnits = CFTimeUnits(secondsPerUnit: secondsPerUnit, reference: reference)
                }
                let first = values.min() ?? 0
                startTime = timeUnits.date(first)
                values = values.map { ($0 - first) * timeUnits.secondsPerUnit / 3600 }
            case .pressure, .latitude, .longitude:
                let scale = try role.kind.scaleToCanonical(units: units, axis: name, file: path)
                values = values.map { $0 * scale }
            }
            let (axis, reversed) = try GridAxis.validated(name: name, values: values, units: role.kind.canonicalUnits,
                                                          file: path)
            coordinates[role] = (values, reversed, axis)
        }

        let order = Role.allCases.map { role in roles.firstIndex(of: role)! }  // file dimension of each role
        let pressure = coordinates[.pressure]!.axis
        let components = try [uName, vName].map { name in
            try readComponent(name, file: file, expectedShape: fileShape, order: order, shape: shape,
                              reversed: Role.allCases.map { coordinates[$0]!.reversed })
        }
        let plane = coordinates[.latitude]!.axis.count * coordinates[.longitude]!.axis.count
        let times = coordinates[.time]!.axis.count
        let kept = try CFMissingLevels.levelsToKeep(components: zip([uName, vName], components).map { ($0, $1.missing) },
                                                    pressure: pressure, valuesPerLevel: times * plane, file: path)
        let grid = try WindGrid(
            frame: .latitudeLongitude, startTime: startTime,
            x: coordinates[.longitude]!.axis, y: coordinates[.latitude]!.axis,
            pressure: GridAxis(name: pressure.name, values: kept.map { pressure.values[$0] }, units: pressure.units),
            time: coordinates[.time]!.axis,
            u: CFMissingLevels.keeping(kept, of: components[0].values, levels: pressure.count, times: times, plane: plane),
            v: CFMissingLevels.keeping(kept, of: components[1].values, levels: pressure.count, times: times, plane: plane),
            source: "CF NetCDF4 file \((path as NSString).lastPathComponent)", file: path)
        let dropped = Set(0..<pressure.count).subtracting(kept)
        let missing = zip([uName, vName], components).flatMap { name, component in
            dropped.sorted().compactMap { p in
                component.missing[p].count > 0
                    ? MissingWindValues(variable: name, pressurePa: pressure.values[p], missingCount: component.missing[p].count,
                                        valueCount: times * plane)
                    : nil
            }
        }
        return WindGridReading(grid: grid, missingValues: missing, singleTime: singleTime)
    }

    /// The dimension roles of a rank-4 wind variable (rank 3: no time), in its dimension order.
    struct DimensionRoles: Sequence {
        var roles: [Role]
        var scaleNames: [String?]
        func makeIterator() -> IndexingIterator<[Role]> { roles.makeIterator() }
        func firstIndex(of role: Role) -> Int? { roles.firstIndex(of: role) }
    }

    private static func dimensionRoles(of dataset: HDF5Dataset, shape: [Int], members: [String], file: HDF5File)
        throws -> DimensionRoles
    {
        let path = file.filePath
        let scaleNames = try dataset.dimensionScaleNames()
        var roles: [Role?] = scaleNames.map { name in
            name.flatMap { name in Role.allCases.first { $0.candidates.contains(name) } }
        }
        let expected: [Role] = shape.count == 4 ? [.time, .pressure, .latitude, .longitude] : [.pressure, .latitude, .longitude]
        if roles.contains(where: { $0 == nil }) {
            // No (or unrecognised) dimension scales: CF's recommended order T, Z, Y, X.
            roles = expected
        }
        let resolved = roles.compactMap { $0 }
        guard Set(resolved) == Set(expected) else {
            throw WindGridError(file: path, problem: "'\(dataset.objectPath.dropFirst())' has dimensions "
                + "\(scaleNames.map { $0 ?? "?" }) that are not one each of "
                + expected.map(\.label).joined(separator: ", "))
        }
        return DimensionRoles(roles: resolved, scaleNames: scaleNames)
    }

    private static func windVariable(in file: HDF5File, members: [String], names: [String], standardName: String)
        throws -> String
    {
        if let name = names.first(where: members.contains) { return name }
        for member in members {
            if let dataset = try? file.dataset(member), try dataset.stringAttribute("standard_name") == standardName {
                return member
            }
        }
        let looked = "(looked for \(names.joined(separator: ", ")) and standard_name '\(standardName)')"
        if let grouped = groupedWindVariable(in: file, members: members, names: names) {
            throw WindGridError(file: file.filePath, problem: "has its winds in a group ('\(grouped)'); loonsim reads "
                + "u and v only from the file's root group \(looked)")
        }
        throw WindGridError(file: file.filePath, problem: "has no \(standardName.replacingOccurrences(of: "_", with: " ")) "
            + "variable \(looked)")
    }

    /// The path of a wind variable inside a (nested) group, for the error that says the file keeps its winds there.
    private static func groupedWindVariable(in location: HDF5Location, members: [String], names: [String],
                                            prefix: String = "", depth: Int = 0) -> String? {
        guard depth < 4 else { return nil }
        for member in members {
            guard let group = try? location.group(member), let inside = try? group.memberNames() else { continue }
            if let name = names.first(where: inside.contains) { return "\(prefix)/\(member)/\(name)" }
            if let deeper = groupedWindVariable(in: group, members: inside, names: names, prefix: "\(prefix)/\(member)",
                                                depth: depth + 1) {
                return deeper
            }
        }
        return nil
    }

    private static func coordinateValues(role: Role, file: HDF5File, members: [String], scaleName: String?)
        throws -> (String, [Double])
    {
        guard let name = scaleName ?? role.candidates.first(where: members.contains) else {
            throw WindGridError(file: file.filePath, problem: "has no \(role.label) coordinate (looked for "
                + "\(role.candidates.joined(separator: ", ")))")
        }
        let dataset = try file.dataset(name)
        let shape = try dataset.shape()
        guard shape.count == 1 else {
            throw WindGridError(file: file.filePath, problem: "axis '\(name)' has rank \(shape.count), expected 1")
        }
        let raw = try dataset.read(as: Double.self)
        let scale = try dataset.numericAttribute("scale_factor")?.first ?? 1
        let offset = try dataset.numericAttribute("add_offset")?.first ?? 0
        return (name, raw.map { $0 * scale + offset })
    }

    /// One component as read: values in `(time, pressure, latitude, longitude)` order with every axis
    /// ascending, NaN where the file holds a missing value, and the missing values of each level.
    struct Component {
        var values: [Float]
        /// Per level (ascending pressure): how many values are missing, and the first one's (time, latitude, longitude) index.
        var missing: [(count: Int, first: [Int]?)]
    }

    /// Reads one component, unpacks it, finds its fill values, and reorders it to
    /// `(time, pressure, latitude, longitude)` with every axis ascending.
    ///
    /// `shape` is the file's shape with a leading 1 for winds without a time dimension.
    private static func readComponent(
        _ name: String, file: HDF5File, expectedShape: [Int], order: [Int], shape: [Int], reversed: [Bool]
    ) throws -> Component {
        let path = file.filePath
        let dataset = try file.dataset(name)
        let fileShape = try dataset.shape()
        guard fileShape == expectedShape else {
            throw WindGridError(file: path, problem: "'\(name)' has shape \(fileShape), expected \(expectedShape) like the other wind component")
        }
        let kind = try dataset.elementKind()
        guard kind.isNumeric else { throw WindGridError(file: path, problem: "'\(name)' holds \(kind.name) values, expected numbers") }
        let units = try dataset.stringAttribute("units") ?? ""
        guard AxisKind.isMetresPerSecond(units) else {
            throw WindGridError(file: path, problem: "'\(name)' has unknown units '\(units)' (expected m s-1)")
        }
        let scale = try dataset.numericAttribute("scale_factor")?.first ?? 1
        let offset = try dataset.numericAttribute("add_offset")?.first ?? 0
        let fills = (try dataset.numericAttribute("_FillValue") ?? []) + (try dataset.numericAttribute("missing_value") ?? [])
        let raw = try dataset.read(as: Double.self)

        // Canonical extents and strides of the file array for each role.
        let extents = order.map { shape[$0] }  // [nt, np, nlat, nlon]
        var fileStrides = [Int](repeating: 1, count: 4)
        for dimension in (0..<3).reversed() { fileStrides[dimension] = fileStrides[dimension + 1] * shape[dimension + 1] }
        let strides = order.map { fileStrides[$0] }
        // offsets[role][index]: where index along that role starts in the file array.
        let offsets = (0..<4).map { role in
            (0..<extents[role]).map { index in
                (reversed[role] ? extents[role] - 1 - index : index) * strides[role]
            }
        }
        var output = [Float](repeating: 0, count: raw.count)
        let (nt, np, ny, nx) = (extents[0], extents[1], extents[2], extents[3])
        var missing = [(count: Int, first: [Int]?)](repeating: (0, nil), count: np)
        for t in 0..<nt {
            for p in 0..<np {
                for j in 0..<ny {
                    for i in 0..<nx {
                        let fileIndex = offsets[0][t] + offsets[1][p] + offsets[2][j] + offsets[3][i]
                        let value = raw[fileIndex]
                        let target = ((t * np + p) * ny + j) * nx + i
                        if fills.contains(value) || value.isNaN {
                            missing[p].count += 1
                            if missing[p].first == nil { missing[p].first = [t, j, i] }
                            output[target] = .nan
                        } else {
                            output[target] = Float(value * scale + offset)
                        }
                    }
                }
            }
        }
        return Component(values: output, missing: missing)
    }

    static func formatPressure(_ pascals: Double) -> String {
        let hPa = pascals / 100
        return hPa == hPa.rounded() ? "\(Int(hPa)) hPa" : String(format: "%.2f hPa", hPa)
    }
}
