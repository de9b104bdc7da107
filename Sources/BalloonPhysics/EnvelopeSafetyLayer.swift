/// The safety layer that keeps the superpressure away from burst and from slack (reference §2.9).
///
/// A state machine with hysteresis on the start-of-step superpressure SP (SP_max = 2380 Pa):
///
/// | SP (Pa) | next state |
/// |---|---|
/// | < 150 | lowCritical |
/// | [150, 250) | low |
/// | [250, 300) | low if now low or lowCritical, else nominal |
/// | [300, 2080) | nominal |
/// | [2080, 2130) | high if now high or highCritical, else nominal |
/// | [2130, 2230) | high |
/// | ≥ 2230 | highCritical |
///
/// Critical states force UP; low and high pause (DOWN → STAY); nominal passes the command.
public struct EnvelopeSafetyLayer: Sendable, Equatable, Codable {
    /// The layer's states: BLE's `_SuperpressureState`.
    public enum State: String, Sendable, Codable, CaseIterable {
        case nominal, lowCritical, low, high, highCritical

        /// BLE's name, as its exports print it (`_SuperpressureState.NOMINAL`, …).
        public var bleName: String {
            switch self {
            case .nominal: return "_SuperpressureState.NOMINAL"
            case .lowCritical: return "_SuperpressureState.LOW_CRITICAL"
            case .low: return "_SuperpressureState.LOW"
            case .high: return "_SuperpressureState.HIGH"
            case .highCritical: return "_SuperpressureState.HIGH_CRITICAL"
            }
        }
    }

    /// The current state; nominal at launch.
    public var state: State = .nominal
    /// The burst superpressure the thresholds are measured from, Pa.
    public var maximumSuperpressurePa: Double

    public init(maximumSuperpressurePa: Double) {
        self.maximumSuperpressurePa = maximumSuperpressurePa
    }

    /// Whether the layer holds navigation (any state but nominal).
    @inlinable
    public var navigationIsPaused: Bool { state != .nominal }

    /// Moves to the state for `superpressurePa` and returns the command to execute instead of `command`.
    public mutating func filter(_ command: AltitudeControlCommand, superpressurePa sp: Double) -> AltitudeControlCommand {
        let c = SafetyLayerConstants.self
        if sp < c.envelopeCriticalBufferPa {
            state = .lowCritical
        } else if sp < c.envelopeBufferPa {
            state = .low
        } else if sp < c.envelopeBufferPa + c.envelopeRestartHysteresisPa {
            state = (state == .lowCritical || state == .low) ? .low : .nominal
        } else if sp < maximumSuperpressurePa - c.envelopeBufferPa - c.envelopeRestartHysteresisPa {
            state = .nominal
        } else if sp < maximumSuperpressurePa - c.envelopeBufferPa {
            state = (state == .high || state == .highCritical) ? .high : .nominal
        } else if sp < maximumSuperpressurePa - c.envelopeCriticalBufferPa {
            state = .high
        } else {
            state = .highCritical
        }
        switch state {
        case .lowCritical, .highCritical: return .up
        case .low, .high: return command.paused
        case .nominal: return command
        }
    }
}
