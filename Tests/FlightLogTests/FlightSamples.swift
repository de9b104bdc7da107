import Agents
import Evaluation
import FlightLog
import Foundation
import StationKeeping
import WindField

/// Short real flights for the tests: flown once per process and shared.
enum FlightSamples {
    static let decoder: VAEDecoder = try! VAEDecoder.loadDefault()

    static let settings = FlightSettings(
        agent: AgentRecord(name: "station-seeker"), configuration: .days(0.05),
        winds: .generative(generator: WindSourceRecord.vaeGenerator), loonsimVersion: "test", commandLine: "loonsim test")

    /// Seed 3 flown by the station seeker for 24 steps (0.05 days).
    static let seed3: FlightLog = {
        let scenario = try! ScenarioSampler.scenario(seed: 3)
        var agent: any StationKeepingAgent = StationSeekerAgent()
        let environment = StationKeepingEnvironment(configuration: settings.configuration, winds: .generative(decoder))
        let result = try! EpisodeRunner.run(agent: &agent, environment: environment, scenario: scenario)
        return FlightLog(scenario: scenario, settings: settings, result: result)
    }()

    /// Replays `log` over the generative winds.
    static func replay(_ log: FlightLog, windColumn: [Double]? = nil) throws -> FlightReplay.Outcome {
        try FlightReplay.replay(log, file: "test.h5", winds: .generative(decoder), windColumn: windColumn)
    }
}
