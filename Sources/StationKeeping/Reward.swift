import BalloonPhysics
import Foundation

/// BLE's station-keeping reward, `perciatelli_reward_function` (reference §5.1).
///
/// 1 within the radius; outside, `0.4·exp(−0.69314718056·(d − radius)/100 km)`. If the
/// *commanded* action was DOWN and there is no excess energy, the reward is multiplied by
/// `0.95 − 0.3·clip((acs_power − 100)/200, 0, 1)`, so a commanded DOWN always costs at least 5 %.
public enum Reward {
    /// Radius of full reward, km.
    public static let stationKeepingRadiusKm = 50.0
    /// Reward just outside the radius.
    public static let dropoff = 0.4
    /// Distance over which the reward outside the radius halves, km.
    public static let halfLifeKm = 100.0
    /// BLE's literal for ln 2.
    public static let ln2 = 0.69314718056

    /// The reward for the post-step `state`.
    ///
    /// - Parameter radiusKm: the radius of full reward. BLE never passes the environment's
    ///   radius to its reward (quirk 6 of reference §14.1), so under profile `ble` the reward
    ///   uses 50 km whatever the environment's radius; `corrected` uses `radiusKm`.
    public static func perciatelli(_ state: BalloonState, radiusKm: Double = stationKeepingRadiusKm) -> Double {
        let radiusMeters = (state.profile == .ble ? stationKeepingRadiusKm : radiusKm) * 1000
        let distance = PerciatelliFeatures.distanceMeters(state)
        var reward = distance <= radiusMeters
            ? 1.0 : dropoff * exp(-ln2 / halfLifeKm * ((distance - radiusMeters) / 1000))
        if state.lastCommand == .down && !state.hasExcessEnergy {
            let scale = PerciatelliFeatures.saturatingRescale(state.acsPowerW, 100, 300)
            reward *= 0.95 - 0.3 * scale
        }
        return reward
    }
}
