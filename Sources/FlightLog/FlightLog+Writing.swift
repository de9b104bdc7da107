import Evaluation
import HDF5
import StationKeeping

extension FlightLog {
    /// Writes the log to `path` atomically: a temporary file beside it is renamed into place only
    /// when complete, so a reader never sees half a log.
    public func write(to path: String) throws {
        try HDF5File.write(to: path) { file in
            try file.setAttribute("format", FlightLogFormat.name)
            try file.setAttribute("format_version", FlightLogFormat.version)
            try writeSettings(file)
            try writeResult(file)
            try scenario.write(into: file.createGroup(FlightLogFormat.scenarioGroup))
            try writeSteps(file.createGroup(FlightLogFormat.stepsGroup))
            try file.setAttribute("complete", Int8(1))
        }
    }

    private func writeSettings(_ file: HDF5File) throws {
        try file.setAttribute("loonsim_version", settings.loonsimVersion)
        try file.setAttribute("command_line", settings.commandLine)
        try file.setAttribute("agent", settings.agent.name)
        if let checkpoint = settings.agent.checkpointFile, let sha = settings.agent.checkpointSHA256 {
            try file.setAttribute("agent_checkpoint_file", checkpoint)
            try file.setAttribute("agent_checkpoint_sha256", sha)
        }
        let configuration = settings.configuration
        try file.setAttribute("profile", configuration.profile.rawValue)
        try file.setAttribute("trial_steps", Int64(configuration.trialSteps))
        try file.setAttribute("station_keeping_radius_km", configuration.stationKeepingRadiusKm)
        try file.setAttribute("power_safety_layer_enabled", Int8(configuration.powerSafetyLayerEnabled ? 1 : 0))
        try file.setAttribute("winds", settings.winds.name)
        switch settings.winds {
        case .generative(let generator):
            try file.setAttribute("winds_generator", generator)
        case .grid(let gridFile, let sha):
            try file.setAttribute("winds_grid_file", gridFile)
            try file.setAttribute("winds_grid_sha256", sha)
        }
    }

    private func writeResult(_ file: HDF5File) throws {
        try file.setAttribute("seed", Int64(result.seed))
        try file.setAttribute("cumulative_reward", result.cumulativeReward)
        try file.setAttribute("time_within_radius", result.timeWithinRadius)
        try file.setAttribute("time_within_radius_full_trial", result.timeWithinRadiusFullTrial)
        try file.setAttribute("out_of_power", Int8(result.outOfPower ? 1 : 0))
        try file.setAttribute("envelope_burst", Int8(result.envelopeBurst ? 1 : 0))
        try file.setAttribute("zeropressure", Int8(result.zeroPressure ? 1 : 0))
        try file.setAttribute("final_timestep", Int64(result.finalTimestep))
    }

    private func writeSteps(_ group: HDF5Group) throws {
        let path = result.flightPath
        let shape = [path.count]
        try group.createDataset("step", shape: shape, values: (0..<path.count).map { Int64($0 + 1) })
            .setAttribute("units", "agent steps since reset, from 1")
        for column in FlightLogColumn.all {
            let dataset: HDF5Dataset
            switch column.storage {
            case .real(let key): dataset = try group.createDataset(column.name, shape: shape, values: path.map { $0[keyPath: key] })
            case .integer(let key): dataset = try group.createDataset(column.name, shape: shape, values: path.map { $0[keyPath: key] })
            case .code(let encode, _): dataset = try group.createDataset(column.name, shape: shape, values: path.map(encode))
            }
            try dataset.setAttribute("units", column.units)
        }
    }
}
