import BalloonPhysics
import Foundation
import WindField

/// The station-keeping task: BLE's `BalloonEnv`, with Gymnasium's API (reference §1.1, §5).
///
/// `reset` makes the scenario's balloon (stably initialised at P₀), its forecast and noise,
/// and returns the first observation. `step(command)`:
/// 1. reads the ground-truth wind (forecast + noise) at the start-of-step state;
/// 2. flies one 3-minute agent step (safety layers, 18 inner steps of 10 s);
/// 3. measures the wind at the new state, lets the wind GP learn the forecast error there;
/// 4. returns the new observation, BLE's reward, `terminated` (out of power, burst, zero
///    pressure) and `truncated` (the trial's step limit; BLE's env has none, its loops stop at 960).
///
/// A step allocates nothing: the observation it returns shares storage with the environment's
/// own buffer, which the next step overwrites in place when that observation is gone by then,
/// and copies first (copy-on-write) when the caller still holds it.
///
/// A reference type that owns its buffers; use one per thread (see ``EnvironmentBatch``).
public final class StationKeepingEnvironment {
    /// Where forecasts come from.
    public enum WindSource: Sendable {
        /// BLE's generative winds: each scenario's latents decoded by the VAE.
        case generative(VAEDecoder)
        /// One fixed gridded forecast (e.g. imported ERA5) for every scenario.
        case grid(GriddedWindField)
    }

    public let configuration: EnvironmentConfiguration
    public let winds: WindSource
    /// The balloon now (nil before the first reset).
    public private(set) var state: BalloonState?
    /// The scenario being flown.
    public private(set) var scenario: Scenario?
    /// Agent steps since reset.
    public private(set) var stepCount = 0
    /// The forecast of the scenario being flown (nil before the first reset).
    public var forecast: GriddedWindField? { features?.forecast }
    private var ended = false
    private var noise: SimplexWindNoise?
    private var features: PerciatelliFeatures?
    /// The latest observation; steps write into its storage.
    private var latest = Observation(values: [Float](repeating: 0, count: Observation.count))
    /// The wind at the current state (measured after reset or the last step): the next step flies in it.
    private var windNow = MeasuredWind(forecast: WindVector(uMetersPerSecond: 0, vMetersPerSecond: 0),
                                       truth: WindVector(uMetersPerSecond: 0, vMetersPerSecond: 0))

    public init(configuration: EnvironmentConfiguration = EnvironmentConfiguration(), winds: WindSource) {
        self.configuration = configuration
        self.winds = winds
    }

    /// Resets to the scenario loonsim's RNG makes from `seed` (``ScenarioSampler``).
    public func reset(seed: Int) throws -> (observation: Observation, info: StepInfo) {
        try reset(scenario: ScenarioSampler.scenario(seed: seed, profile: configuration.profile))
    }

    /// Resets to `scenario` (e.g. one of BLE's exported episodes).
    ///
    /// - Parameter forecast: a forecast to fly instead of the one the wind source gives
    ///   (e.g. BLE's own decoded grid for an exported episode).
    /// - Throws: ``EnvironmentError/scenarioOutsideDomain(seed:reason:)`` when the scenario
    ///   cannot be flown (|latitude| ≥ 60°, pressure outside the atmosphere, bad latents…).
    public func reset(scenario: Scenario, forecast override: GriddedWindField? = nil)
        throws -> (observation: Observation, info: StepInfo)
    {
        let launch = LaunchConditions(
            atmosphereAlpha: scenario.atmosphereAlpha, startUnixSeconds: scenario.startUnixSeconds,
            station: scenario.station, xMeters: scenario.xMeters, yMeters: scenario.yMeters,
            pressurePa: scenario.initialPressurePa, upwellingInfraredWPerM2: scenario.upwellingInfraredWPerM2)
        let balloon: BalloonState
        do {
            balloon = try BalloonState(launch: launch, profile: configuration.profile,
                                       powerSafetyLayerEnabled: configuration.powerSafetyLayerEnabled)
        } catch {
            throw EnvironmentError.scenarioOutsideDomain(seed: scenario.seed, reason: "\(error)")
        }
        let forecast: GriddedWindField
        switch winds {
        case _ where override != nil:
            forecast = override!
        case .generative(let decoder):
            guard scenario.vaeLatents.count == VAEDecoder.latentCount, scenario.vaeLatents.allSatisfy(\.isFinite) else {
                throw EnvironmentError.scenarioOutsideDomain(seed: scenario.seed, reason: "needs 64 finite VAE latents")
            }
            forecast = try GriddedWindField(WindGrid(bleField: decoder.decode(latents: scenario.vaeLatents),
                                                     source: "VAE"))
        case .grid(let field):
            forecast = field
        }
        if let features { features.reset(forecast: forecast) } else { features = PerciatelliFeatures(forecast: forecast) }
        noise = scenario.windNoise
        self.scenario = scenario
        state = balloon
        stepCount = 0
        ended = false
        windNow = measuredWind(at: balloon, forecast: forecast)
        features!.observe(state: balloon, forecastWind: windNow.forecast, measuredWind: windNow.truth)
        do {
            try writeObservation(of: balloon, features: features!)
        } catch {
            throw EnvironmentError.scenarioOutsideDomain(seed: scenario.seed, reason: "\(error)")
        }
        return (latest, info(balloon, effective: nil, applied: nil, forecast: nil))
    }

    /// Steps with an action index: 0 DOWN, 1 STAY, 2 UP.
    public func step(action: Int) throws -> StepResult {
        guard let command = AltitudeControlCommand(rawValue: action) else { throw EnvironmentError.invalidAction(action) }
        return try step(command)
    }

    /// One agent step of 3 minutes with `command`.
    public func step(_ command: AltitudeControlCommand) throws -> StepResult {
        guard var balloon = state, let features else { throw EnvironmentError.notReset }
        guard !ended else { throw EnvironmentError.episodeEnded(stepCount: stepCount) }
        let wind = windNow.truth
        let forecastWind = windNow.forecast
        let effective: AltitudeControlCommand
        do {
            effective = try balloon.simulateStep(wind: wind, command: command)
        } catch {
            ended = true
            throw EnvironmentError.physics(error)
        }
        stepCount += 1
        state = balloon
        windNow = measuredWind(at: balloon, forecast: features.forecast)
        features.observe(state: balloon, forecastWind: windNow.forecast, measuredWind: windNow.truth)
        do {
            try writeObservation(of: balloon, features: features)
        } catch {
            ended = true
            throw EnvironmentError.physics(error)
        }
        let terminated = balloon.status != .ok
        let truncated = !terminated && stepCount >= configuration.trialSteps
        ended = terminated || truncated
        return StepResult(observation: latest,
                          reward: Reward.perciatelli(balloon, radiusKm: configuration.stationKeepingRadiusKm),
                          terminated: terminated, truncated: truncated,
                          info: info(balloon, effective: effective, applied: wind, forecast: forecastWind))
    }

    /// Writes the observation of `state` into ``latest`` (in place unless a caller still holds it).
    private func writeObservation(of state: BalloonState, features: PerciatelliFeatures) throws(BalloonPhysicsError) {
        try latest.values.withUnsafeMutableBufferPointer { (buffer) throws(BalloonPhysicsError) in
            try features.write(state, into: buffer)
        }
    }

    /// The forecast and the ground-truth wind (forecast + simplex noise, reference §3.1) at `state`.
    func measuredWind(at state: BalloonState, forecast: GriddedWindField) -> MeasuredWind {
        let elapsed = Double(state.elapsedSeconds)
        let f = forecast.wind(xMeters: state.xMeters, yMeters: state.yMeters, pressurePa: state.pressurePa,
                              elapsedSeconds: elapsed)
        let n = noise!.noise(xMeters: state.xMeters, yMeters: state.yMeters, pressurePa: state.pressurePa,
                             elapsedSeconds: elapsed)
        return MeasuredWind(forecast: WindVector(uMetersPerSecond: f.u, vMetersPerSecond: f.v),
                            truth: WindVector(uMetersPerSecond: f.u + n.u, vMetersPerSecond: f.v + n.v))
    }

    /// The wind at one state: what the forecast says and what blows.
    struct MeasuredWind {
        var forecast: WindVector
        var truth: WindVector
    }

    private func info(_ state: BalloonState, effective: AltitudeControlCommand?, applied: WindVector?,
                      forecast: WindVector?) -> StepInfo {
        let distance = PerciatelliFeatures.distanceMeters(state)
        return StepInfo(stepCount: stepCount, elapsedSeconds: state.elapsedSeconds, status: state.status,
                        effectiveCommand: effective, distanceKm: distance / 1000,
                        withinRadius: distance <= configuration.stationKeepingRadiusKm * 1000, appliedWind: applied,
                        forecastWind: forecast)
    }
}
