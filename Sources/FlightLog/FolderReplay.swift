import Dispatch
import Foundation
import WindField

/// Replays every flight log of an evaluation folder on several threads, optionally drawing each.
public enum FolderReplay {
    /// What happened to one log.
    public struct Entry: Sendable {
        /// The log's path relative to the folder.
        public var file: String
        /// One line: the verdict and a few figures, or the error.
        public var line: String
        /// The replay's divergence, nil when identical or when the log could not be used.
        public var divergence: Divergence?
        /// Nil when the log could be replayed; else the one-line error.
        public var error: String?
        /// The overview row, for a log that could be replayed.
        public var row: FlightOverview.Row?
    }

    /// Replays the logs `files` (relative to `folder`) with `jobs` threads, in order of `files`.
    ///
    /// - Parameters:
    ///   - decoder: gives the VAE decoder for generative winds (called from several threads).
    ///   - pagesFolder: when set, each flight's page is written there (named after its path).
    public static func run(folder: String, files: [String], jobs: Int, decoder: @escaping @Sendable () throws -> VAEDecoder,
                           gridOverride: String?, pagesFolder: String?) -> [Entry] {
        let box = Results(count: files.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, files.count))) { _ in
            while let index = box.take() {
                box.store(replay(folder: folder, file: files[index], decoder: decoder, gridOverride: gridOverride,
                                 pagesFolder: pagesFolder), at: index)
            }
        }
        return box.entries.map { $0! }
    }

    static func replay(folder: String, file relative: String, decoder: () throws -> VAEDecoder, gridOverride: String?,
                       pagesFolder: String?) -> Entry {
        let file = (folder as NSString).appendingPathComponent(relative)
        do {
            let (log, outcome) = try FlightReplay.replay(file: file, decoder: decoder, gridOverride: gridOverride,
                                                         drawing: pagesFolder != nil)
            let summary = FlightSummary(log)
            let verdict = outcome.divergence.map { "\($0)" } ?? "identical"
            let line = String(format: "%@  %@  TWR50 %.4f  steps %d  failure %@", relative, verdict, summary.timeWithinRadius,
                              summary.steps, summary.failure ?? "none")
            var page: String?
            if let pagesFolder {
                let name = (relative as NSString).deletingPathExtension.replacingOccurrences(of: "/", with: "__") + ".html"
                try FlightPage.write(log, title: relative, windColumn: outcome.windColumn,
                                     verdict: outcome.divergence.map { "\($0)" },
                                     to: (pagesFolder as NSString).appendingPathComponent(name))
                page = ((pagesFolder as NSString).lastPathComponent as NSString).appendingPathComponent(name)
            }
            return Entry(file: relative, line: line, divergence: outcome.divergence, error: nil,
                         row: FlightOverview.Row(file: relative, page: page, summary: summary, log: log,
                                                 verdict: outcome.identical ? "identical" : "diverges"))
        } catch {
            let text = "\(error)".replacingOccurrences(of: "\n", with: " ")
            return Entry(file: relative, line: "\(relative)  error: \(text)", divergence: nil, error: text, row: nil)
        }
    }

    /// The shared work counter and result slots.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private(set) var entries: [Entry?]

        init(count: Int) { entries = Array(repeating: nil, count: count) }

        func take() -> Int? {
            lock.withLock {
                guard next < entries.count else { return nil }
                next += 1
                return next - 1
            }
        }

        func store(_ entry: Entry, at index: Int) { lock.withLock { entries[index] = entry } }
    }
}
