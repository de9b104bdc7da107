/// Whether a flight goes on, and if not why it ended: BLE's `BalloonStatus` (reference §2.2, §10).
public enum BalloonStatus: Int, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Flying.
    case ok = 0
    /// The battery reached 0 Wh.
    case outOfPower = 1
    /// The superpressure exceeded the envelope's maximum.
    case burst = 2
    /// The envelope went slack (superpressure ≤ 0).
    case zeroPressure = 3

    /// BLE's name for the status: `OK`, `OUT_OF_POWER`, `BURST` or `ZEROPRESSURE`.
    public var description: String {
        switch self {
        case .ok: return "OK"
        case .outOfPower: return "OUT_OF_POWER"
        case .burst: return "BURST"
        case .zeroPressure: return "ZEROPRESSURE"
        }
    }

    /// The status BLE names `name` (`OK`, `OUT_OF_POWER`, `BURST`, `ZEROPRESSURE`), or nil.
    public init?(bleName name: String) {
        guard let status = Self.allCases.first(where: { $0.description == name }) else { return nil }
        self = status
    }
}
