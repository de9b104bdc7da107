/// The safety layer that keeps the balloon above 50 000 ft (reference §2.9).
///
/// A state machine with hysteresis on the start-of-step altitude `h_atm(P)`:
/// below 50 000 ft → veryLow (forces UP); below 50 500 ft → low (pauses: DOWN → STAY);
/// below 51 000 ft → low if now low or veryLow, else nominal; otherwise nominal.
public struct AltitudeSafetyLayer: Sendable, Equatable, Codable {
    /// The layer's states: BLE's `_AltitudeState`.
    public enum State: String, Sendable, Codable, CaseIterable {
        case nominal, low, veryLow

        /// BLE's name, as its exports print it (`_AltitudeState.NOMINAL`, …).
        public var bleName: String {
            switch self {
            case .nominal: return "_AltitudeState.NOMINAL"
            case .low: return "_AltitudeState.LOW"
            case .veryLow: return "_AltitudeState.VERY_LOW"
            }
        }
    }

    /// The current state; nominal at launch.
    public var state: State = .nominal

    public init() {}

    /// Whether the layer holds navigation (any state but nominal).
    @inlinable
    public var navigationIsPaused: Bool { state != .nominal }

    /// Moves to the state for `altitudeM` and returns the command to execute instead of `command`.
    public mutating func filter(_ command: AltitudeControlCommand, altitudeM: Double) -> AltitudeControlCommand {
        let c = SafetyLayerConstants.self
        let lowEdge = c.altitudeMinimumM + c.altitudeBufferM
        if altitudeM < c.altitudeMinimumM {
            state = .veryLow
        } else if altitudeM < lowEdge {
            state = .low
        } else if altitudeM < lowEdge + c.altitudeRestartHysteresisM {
            state = (state == .veryLow || state == .low) ? .low : .nominal
        } else {
            state = .nominal
        }
        switch state {
        case .veryLow: return .up
        case .low: return command.paused
        case .nominal: return command
        }
    }
}
