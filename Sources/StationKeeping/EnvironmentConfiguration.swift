import BalloonPhysics

/// How an environment flies: physics profile, trial length, radius, safety layers.
public struct EnvironmentConfiguration: Sendable, Equatable, Codable {
    /// Which of BLE's quirks the physics reproduces (every result names it).
    public var profile: PhysicsProfile
    /// Agent steps (3 min each) after which an episode is truncated: 960 = 2 days.
    public var trialSteps: Int
    /// Radius for time-within-radius and, under `corrected`, for the reward, km.
    public var stationKeepingRadiusKm: Double
    /// Whether the power safety layer may pause DOWN commands (BLE: on).
    public var powerSafetyLayerEnabled: Bool

    /// Agent steps per day: 24 h / 3 min.
    public static let stepsPerDay = 480
    /// Length of one agent step, s.
    public static let stepSeconds: Int64 = 180

    public init(profile: PhysicsProfile = .ble, trialSteps: Int = 2 * stepsPerDay, stationKeepingRadiusKm: Double = 50,
                powerSafetyLayerEnabled: Bool = true) {
        self.profile = profile
        self.trialSteps = trialSteps
        self.stationKeepingRadiusKm = stationKeepingRadiusKm
        self.powerSafetyLayerEnabled = powerSafetyLayerEnabled
    }

    /// A configuration whose trial lasts `days` days (`days · 480` steps, rounded down).
    public static func days(_ days: Double, profile: PhysicsProfile = .ble) -> EnvironmentConfiguration {
        EnvironmentConfiguration(profile: profile, trialSteps: Int((days * Double(stepsPerDay)).rounded(.down)))
    }
}
