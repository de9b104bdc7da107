import ExperimentSupport
import XCTest

extension BLERunTable {
    /// Reads `runs/{name}.csv.gz` (e.g. `ss_seed0`) of the export beside this checkout.
    ///
    /// Throws `XCTSkip` when this checkout has no shared data or no such run.
    public static func load(_ name: String) throws -> BLERunTable {
        guard let directory = SharedData.bleDirectory else { throw XCTSkip("../shared/data/ble is not beside this checkout") }
        let path = directory + "/runs/\(name).csv.gz"
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("no \(path)") }
        return try BLERunTable(path: path)
    }
}
