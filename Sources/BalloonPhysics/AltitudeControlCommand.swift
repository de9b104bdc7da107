/// An altitude command: BLE's `AltitudeControlCommand`, with its integer values (reference §0).
public enum AltitudeControlCommand: Int, Sendable, Codable, CaseIterable {
    /// Pump air into the ballonet (compressor on): the balloon gets heavier and descends.
    case down = 0
    /// Do nothing.
    case stay = 1
    /// Vent air from the ballonet (valve open, no power): the balloon gets lighter and ascends.
    case up = 2

    /// The command a paused controller may still issue: DOWN becomes STAY, anything else passes (reference §2.9).
    @inlinable
    public var paused: AltitudeControlCommand { self == .down ? .stay : self }
}
