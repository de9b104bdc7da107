import Evaluation
import Foundation

/// A line of status on standard error that rewrites itself on a terminal; in a log (not a
/// terminal) it prints at most one line per `logInterval` seconds, and every line marked final.
final class StatusLine: @unchecked Sendable {
    private let lock = NSLock()
    private var shown = false
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let logInterval: TimeInterval
    private var lastLogged = Date.distantPast

    init(logInterval: TimeInterval = 30) { self.logInterval = logInterval }

    func show(_ text: String, final: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if isTerminal {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
            shown = true
        } else if final || Date().timeIntervalSince(lastLogged) >= logInterval {
            FileHandle.standardError.write(Data("\(text)\n".utf8))
            lastLogged = Date()
        }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
        shown = false
    }
}

/// A live progress line on standard error: episodes done, steps per second, time left.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let line = StatusLine(logInterval: .infinity)

    init(label: String) { self.label = label }

    func update(_ progress: Evaluator.Progress) {
        let eta = progress.etaSeconds.map { Self.clock($0) } ?? "–"
        let text = String(format: "%@: %d/%d episodes · %.0f steps/s · ETA %@", label, progress.done, progress.total,
                          progress.stepsPerSecond, eta) + (progress.reused > 0 ? " · \(progress.reused) resumed" : "")
        // In a log, one line per 10 % keeps it short.
        let milestone = progress.done == progress.total || progress.done % max(1, progress.total / 10) == 0
        line.show(text, final: milestone)
    }

    func finish() { line.finish() }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }
}

/// Ctrl-C (or SIGTERM) asks a long command to stop at the next safe point.
enum Interruption {
    /// The signal that asked, or 0.
    nonisolated(unsafe) private static var signalNumber: sig_atomic_t = 0

    static var requested: Bool { signalNumber != 0 }

    /// The conventional exit status of a command stopped by that signal: 128 + its number (130 for Ctrl-C).
    static var exitStatus: Int32 { 128 + Int32(signalNumber == 0 ? SIGINT : signalNumber) }

    static func install() {
        signal(SIGINT) { Interruption.signalNumber = $0 }
        signal(SIGTERM) { Interruption.signalNumber = $0 }
    }
}
