/// What the CF reader does with missing (fill) values: forecast centres mask the levels that lie under
/// the ground (over mountains 1000–850 hPa are often missing), far below the balloon.
///
/// A missing value at a level the balloon's winds are read from (``FlyablePressureBand/levelsRead(of:)``)
/// is an error naming the file, variable, level and count. A level outside those that holds any missing
/// value, in either component, is dropped from the grid: lookups never reach it within the band, and
/// beyond the band the winds are held at the nearest level kept, as at any grid edge.
enum CFMissingLevels {
    /// The indices of the levels to keep, ascending.
    ///
    /// - Parameters:
    ///   - components: each wind variable's name and its missing values per level (ascending pressure).
    ///   - pressure: the pressure axis, Pa ascending.
    ///   - valuesPerLevel: values of one variable at one level (times × latitudes × longitudes).
    /// - Throws: ``WindGridError`` when a level read within the band holds a missing value.
    static func levelsToKeep(components: [(name: String, missing: [(count: Int, first: [Int]?)])], pressure: GridAxis,
                             valuesPerLevel: Int, file: String) throws -> [Int] {
        let read = FlyablePressureBand.levelsRead(of: pressure.values)
        for (name, missing) in components {
            guard let p = read.first(where: { missing[$0].count > 0 }) else { continue }
            let level = CFWindGridReader.formatPressure(pressure.values[p])
            let lowest = CFWindGridReader.formatPressure(pressure.values[read.lowerBound]).dropLast(" hPa".count)
            let span = "inside the levels \(lowest)–\(CFWindGridReader.formatPressure(pressure.values[read.upperBound])) "
                + "that the balloon's "
                + "\(FlyablePressureBand.description) winds are read from"
            let others = read.filter { $0 != p && missing[$0].count > 0 }.map { CFWindGridReader.formatPressure(pressure.values[$0]) }
            let more = others.isEmpty ? "" : " (and at \(others.joined(separator: ", ")))"
            let valuesAtLevel = missing[p].count
            let first = missing[p].first ?? [0, 0, 0]
            if valuesAtLevel == valuesPerLevel {
                throw WindGridError(file: file, problem: "'\(name)' is entirely missing (fill values) at level \(level) "
                    + "(\(valuesAtLevel) values), \(span)\(more)")
            }
            throw WindGridError(file: file, problem: "'\(name)' has \(valuesAtLevel) missing (fill) "
                + "value\(valuesAtLevel == 1 ? "" : "s") at level \(level), \(span)\(more); first at time index \(first[0]), "
                + "latitude index \(first[1]), longitude index \(first[2])")
        }
        return (0..<pressure.count).filter { p in read.contains(p) || components.allSatisfy { $0.missing[p].count == 0 } }
    }

    /// `values` (`(time, pressure, plane)` order over `levels` levels) with only the levels `kept`.
    static func keeping(_ kept: [Int], of values: [Float], levels: Int, times: Int, plane: Int) -> [Float] {
        guard kept.count != levels else { return values }
        var output: [Float] = []
        output.reserveCapacity(times * kept.count * plane)
        for t in 0..<times {
            for p in kept {
                let start = (t * levels + p) * plane
                output.append(contentsOf: values[start..<(start + plane)])
            }
        }
        return output
    }
}
