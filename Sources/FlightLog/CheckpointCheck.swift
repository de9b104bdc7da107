import FileErrors

/// Whether a learned agent's checkpoint is at hand and is the one a flight was flown with.
///
/// Replay never needs it (it re-flies the logged actions); this only tells a reader whether the
/// agent itself could be loaded again from the recorded path, or from the path given instead.
public enum CheckpointCheck {
    /// One line about the checkpoint of `log`'s agent, or nil for an agent without one.
    public static func note(for log: FlightLog, override: String? = nil) -> String? {
        guard let recorded = log.settings.agent.checkpointFile, let sha256 = log.settings.agent.checkpointSHA256 else { return nil }
        let file = override ?? recorded
        guard let actual = try? SHA256.hexDigest(ofFile: file) else {
            return "checkpoint \(file) (sha256 \(sha256.prefix(12))…) not at hand; not needed: the logged actions were re-flown"
        }
        return actual == sha256 ? "checkpoint \(file): sha256 \(sha256.prefix(12))… matches the log"
            : "checkpoint \(file): sha256 \(actual.prefix(12))… is not the \(sha256.prefix(12))… the log was flown with"
    }
}
