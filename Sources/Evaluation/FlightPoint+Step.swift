import BalloonPhysics
import StationKeeping

extension FlightPoint {
    /// The record of one step: `state` is the balloon after `step` flew `command`.
    ///
    /// Evaluation and replay both build their records here, so they agree field by field.
    public init(after step: StepResult, state: BalloonState, command: AltitudeControlCommand) {
        let position = state.position
        let truth = step.info.appliedWind ?? WindVector(uMetersPerSecond: 0, vMetersPerSecond: 0)
        let forecast = step.info.forecastWind ?? WindVector(uMetersPerSecond: 0, vMetersPerSecond: 0)
        self.init(
            elapsedSeconds: state.elapsedSeconds, xMeters: state.xMeters, yMeters: state.yMeters,
            latitudeDeg: position.latitudeDeg, longitudeDeg: position.longitudeDeg, pressurePa: state.pressurePa,
            altitudeM: state.altitudeM, superpressurePa: state.superpressurePa,
            batteryStateOfCharge: state.batteryStateOfCharge, batteryChargeWh: state.batteryChargeWh,
            command: command.rawValue, effectiveCommand: (step.info.effectiveCommand ?? command).rawValue,
            acsPowerW: state.acsPowerW, solarPowerW: state.solarChargingW,
            forecastWindU: forecast.uMetersPerSecond, forecastWindV: forecast.vMetersPerSecond,
            windU: truth.uMetersPerSecond, windV: truth.vMetersPerSecond, reward: step.reward,
            distanceKm: step.info.distanceKm, powerSafetyPaused: state.powerSafety.navigationIsPaused,
            envelopeSafetyState: state.envelopeSafety.state, altitudeSafetyState: state.altitudeSafety.state,
            status: state.status)
    }
}
