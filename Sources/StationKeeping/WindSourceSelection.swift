import FileErrors
import Foundation
import WindField

/// The winds a user names: `generative` (BLE's VAE winds) or the path of a wind grid mapped
/// around its station (`loonsim winds import`), loaded and checked once for every front end.
///
/// `loonsim evaluate --winds`, `loonsim train`'s `environment.winds` and the C interface's
/// `winds` argument all read their text through ``init(_:decoder:)``.
public struct WindSourceSelection {
    /// What the environments fly in.
    public let source: StationKeepingEnvironment.WindSource
    /// `generative`, or the grid file's name, for result files and logs.
    public let name: String
    /// The grid every scenario must be flown over (``Scenario/flown(over:)``); nil for generative winds.
    public let grid: WindGrid?

    /// Loads the winds `text` names; `decoder` is called only for generative winds.
    ///
    /// - Throws: the grid file's one-line error, or a ``FileError`` when the grid is on
    ///   latitude/longitude rather than around a station.
    public init(_ text: String, decoder: () throws -> VAEDecoder) throws {
        if text == "generative" {
            (source, name, grid) = (.generative(try decoder()), text, nil)
            return
        }
        let loaded = try WindGridFile.read(text)
        guard case .tangentPlane = loaded.frame else {
            throw FileError(file: text, problem: "winds on latitude/longitude; map them around a station first with "
                + "`loonsim winds import \(text) --station-lat LAT --station-lon LON --out GRID.h5`")
        }
        (source, name, grid) = (.grid(try GriddedWindField(loaded)), (text as NSString).lastPathComponent, loaded)
    }

    /// `scenario` as these winds fly it (moved over the grid, if there is one).
    public func flying(_ scenario: Scenario) -> Scenario {
        grid.map { scenario.flown(over: $0) } ?? scenario
    }
}
