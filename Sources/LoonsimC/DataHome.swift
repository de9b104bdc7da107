import Agents
import BalloonPhysics
import Foundation
import Synchronization
import WindField

/// Where the C interface finds loonsim's data files (the VAE decoder, perciatelli44's weights),
/// and the decoder loaded once per process.
///
/// The Python package bundles both files and names its folder with `loonsim_set_data_home`;
/// without that, ``DataFiles`` looks under `$LOONSIM_HOME` and the source tree.
final class DataHome: Sendable {
    static let shared = DataHome()

    private let state = Mutex<(home: String?, decoder: VAEDecoder?)>((nil, nil))

    /// Uses `home` (a folder holding `WindFields/` and `Experiments/agents/`) from now on.
    func set(home: String) throws {
        guard FileManager.default.fileExists(atPath: (home as NSString).appendingPathComponent(DataFiles.vaeDecoderPath))
        else { throw InterfaceError("\(home): holds no \(DataFiles.vaeDecoderPath)") }
        state.withLock { $0 = (home, nil) }
    }

    /// The absolute path of a data file given relative to the repository root.
    func path(_ relativePath: String) throws -> String {
        if let home = state.withLock({ $0.home }) { return (home as NSString).appendingPathComponent(relativePath) }
        return try DataFiles.require(relativePath)
    }

    /// The VAE decoder, loaded on first use and shared by every environment afterwards.
    func decoder() throws -> VAEDecoder {
        if let decoder = state.withLock({ $0.decoder }) { return decoder }
        let loaded = try VAEDecoder(contentsOf: path(DataFiles.vaeDecoderPath))
        state.withLock { $0.decoder = loaded }
        return loaded
    }

    /// A built-in agent by registry name; perciatelli44 reads its weights from this data home.
    func agent(named name: String, profile: PhysicsProfile) throws -> any StationKeepingAgent {
        if name == "perciatelli44" {
            return Perciatelli44Agent(network: try Perciatelli44Network(contentsOf: path(DataFiles.perciatelli44Path)))
        }
        return try AgentRegistry.make(name: name, profile: profile)
    }
}

@_cdecl("loonsim_set_data_home")
public func loonsimSetDataHome(_ path: UnsafePointer<CChar>?, _ error: UnsafeMutablePointer<CChar>?,
                               _ capacity: Int64) -> Int32 {
    reportingErrors(error, capacity) { try DataHome.shared.set(home: string(path, "the data folder")) }
}
