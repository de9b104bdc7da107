/// An evaluation that cannot start or finish, with a one-line reason.
public enum EvaluationError: Error, CustomStringConvertible, Equatable {
    case unwritableOutput(path: String)
    case unreadable(path: String, reason: String)
    case interrupted(saved: Int, total: Int)
    case episodeFailed(seed: Int, reason: String)
    case duplicateSeed(Int)

    public var description: String {
        switch self {
        case .unwritableOutput(let path): return "\(path): output folder cannot be created or written"
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        case .interrupted(let saved, let total):
            return "interrupted: \(saved) of \(total) episodes saved; run the same command with --resume to finish"
        case .episodeFailed(let seed, let reason): return "seed \(seed): \(reason)"
        case .duplicateSeed(let seed): return "seed \(seed) appears more than once among the scenarios to fly"
        }
    }
}
