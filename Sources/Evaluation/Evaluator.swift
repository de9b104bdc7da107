import Agents
import BalloonPhysics
import Dispatch
import Foundation
import StationKeeping

/// Flies an agent over many scenarios on several threads, saving each episode as it ends.
///
/// Each worker owns an environment and a copy of the agent (for an agent that prefers batches, up
/// to ``Plan/lockstepWidth`` environments flown in lockstep, see ``LockstepRunner``), and takes the
/// next scenario from a shared counter; every episode depends only on its scenario, so results are
/// the same whatever the number of workers or the lockstep width. Each finished episode is written to its own file at once, atomically,
/// by the plan's ``EpisodeStore`` (flight logs for `loonsim evaluate`), so an interrupted run
/// loses at most the episodes in flight and `resume` reuses the rest.
public final class Evaluator: @unchecked Sendable {
    /// What to fly.
    public struct Plan: Sendable {
        public var agent: any StationKeepingAgent
        public var scenarios: [Scenario]
        public var configuration: EnvironmentConfiguration
        public var winds: StationKeepingEnvironment.WindSource
        public var windsName: String
        public var jobs: Int
        /// Folder for the per-episode files (created if needed; unused without a `store`).
        public var episodeDirectory: String
        /// Reuse matching complete episode files instead of flying those seeds again.
        public var resume: Bool
        /// Writes and reads the per-episode files; nil keeps episodes in memory only (and `resume` reuses none).
        public var store: (any EpisodeStore)?
        /// Episodes each worker flies in lockstep for an agent that prefers batches
        /// (``MemorylessAgent/prefersBatches``); 1 flies one episode at a time. Results do not depend on it.
        public var lockstepWidth = 16

        public init(agent: any StationKeepingAgent, scenarios: [Scenario], configuration: EnvironmentConfiguration,
                    winds: StationKeepingEnvironment.WindSource, windsName: String, jobs: Int, episodeDirectory: String,
                    resume: Bool, store: (any EpisodeStore)? = nil) {
            self.agent = agent
            self.scenarios = scenarios
            self.configuration = configuration
            self.winds = winds
            self.windsName = windsName
            self.jobs = jobs
            self.episodeDirectory = episodeDirectory
            self.resume = resume
            self.store = store
        }

        public var provenance: RunProvenance {
            RunProvenance(agent: agent.name, profile: configuration.profile.rawValue,
                          trialSteps: configuration.trialSteps, winds: windsName)
        }

        public func episodePath(seed: Int) -> String {
            (episodeDirectory as NSString).appendingPathComponent("seed_\(seed).h5")
        }
    }

    /// How far a run has got.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        public var reused: Int
        public var stepsFlown: Int
        public var elapsedSeconds: Double
        public var stepsPerSecond: Double { elapsedSeconds > 0 ? Double(stepsFlown) / elapsedSeconds : 0 }
        /// Seconds left at the current pace, or nil before the first flown episode.
        public var etaSeconds: Double? {
            let flown = done - reused
            guard flown > 0, elapsedSeconds > 0 else { return nil }
            return elapsedSeconds / Double(flown) * Double(total - done)
        }
    }

    private let lock = NSLock()
    private var results: [Int: EpisodeResult] = [:]
    private var next = 0
    private var firstError: Error?
    private var progress = Progress(done: 0, total: 0, reused: 0, stepsFlown: 0, elapsedSeconds: 0)

    public init() {}

    /// Runs `plan`; calls `report` after every episode (from worker threads, one at a time).
    ///
    /// One evaluator runs one plan at a time; each run starts from nothing of the one before.
    ///
    /// - Parameter shouldStop: polled between episodes; when it returns true the run stops and
    ///   throws ``EvaluationError/interrupted(saved:total:)``.
    /// - Returns: the results in scenario order.
    public func run(_ plan: Plan, report: @escaping @Sendable (Progress) -> Void = { _ in },
                    shouldStop: @escaping @Sendable () -> Bool = { false }) throws -> [EpisodeResult] {
        try run(plan, saved: Self.savedEpisodes(plan), report: report, shouldStop: shouldStop)
    }

    /// What a resumed run of `plan` can reuse: the saved episodes that match their scenario, by seed,
    /// and how many episode files are present but unusable (other settings, or damaged). Empty
    /// unless `plan.resume`.
    public static func savedEpisodes(_ plan: Plan) -> (reusable: [Int: EpisodeResult], rejected: Int) {
        guard plan.resume, let store = plan.store else { return ([:], 0) }
        var reusable: [Int: EpisodeResult] = [:]
        var rejected = 0
        for scenario in plan.scenarios {
            guard let seed = scenario.seed else { continue }
            let path = plan.episodePath(seed: seed)
            if let saved = store.load(path, expecting: scenario) {
                reusable[seed] = saved
            } else if FileManager.default.fileExists(atPath: path) {
                rejected += 1
            }
        }
        return (reusable, rejected)
    }

    /// Runs `plan`, reusing `saved` (from ``savedEpisodes(_:)``; seeds outside the plan are ignored)
    /// instead of flying those seeds.
    public func run(_ plan: Plan, saved: (reusable: [Int: EpisodeResult], rejected: Int),
                    report: @escaping @Sendable (Progress) -> Void = { _ in },
                    shouldStop: @escaping @Sendable () -> Bool = { false }) throws -> [EpisodeResult] {
        if plan.store != nil {
            do {
                try FileManager.default.createDirectory(atPath: plan.episodeDirectory, withIntermediateDirectories: true)
            } catch {
                throw EvaluationError.unwritableOutput(path: plan.episodeDirectory)
            }
            guard FileManager.default.isWritableFile(atPath: plan.episodeDirectory) else {
                throw EvaluationError.unwritableOutput(path: plan.episodeDirectory)
            }
        }
        var seen = Set<Int>()
        for scenario in plan.scenarios where !seen.insert(scenario.seed ?? 0).inserted {
            throw EvaluationError.duplicateSeed(scenario.seed ?? 0)
        }
        // Only the plan's own seeds count as done.
        let planSeeds = Set(plan.scenarios.map { $0.seed ?? 0 })
        lock.withLock {
            results = saved.reusable.filter { planSeeds.contains($0.key) }
            next = 0
            firstError = nil
        }
        let pending = plan.scenarios.filter { scenario in scenario.seed.map { results[$0] == nil } ?? true }
        progress = Progress(done: results.count, total: plan.scenarios.count, reused: results.count, stepsFlown: 0,
                            elapsedSeconds: 0)
        let start = DispatchTime.now().uptimeNanoseconds
        let workers = max(1, min(plan.jobs, pending.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            // Saves a finished episode and reports it; any failure stops the run.
            func finish(_ result: EpisodeResult, _ scenario: Scenario) throws {
                do {
                    try plan.store?.save(result, scenario: scenario, to: plan.episodePath(seed: result.seed))
                } catch {
                    throw EvaluationError.episodeFailed(seed: result.seed, reason: "\(error)")
                }
                lock.lock()
                results[result.seed] = result
                progress.done += 1
                progress.stepsFlown += result.finalTimestep
                progress.elapsedSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                let snapshot = progress
                lock.unlock()
                report(snapshot)
            }
            func fail(_ scenario: Scenario?, _ error: Error) {
                lock.lock()
                if firstError == nil {
                    firstError = error as? EvaluationError
                        ?? EvaluationError.episodeFailed(seed: scenario?.seed ?? -1, reason: "\(error)")
                }
                lock.unlock()
            }
            if let batched = plan.agent as? any MemorylessAgent, batched.prefersBatches, plan.lockstepWidth > 1 {
                // No wider than a fair share, so that a short list still spreads over the workers.
                let share = (pending.count + workers - 1) / workers
                let runner = LockstepRunner(agent: batched, configuration: plan.configuration, winds: plan.winds,
                                            width: max(1, min(plan.lockstepWidth, share)))
                do {
                    try runner.run(next: { take(from: pending, shouldStop: shouldStop) }, finished: finish,
                                   shouldStop: { self.lock.withLock { self.firstError != nil } || shouldStop() })
                } catch {
                    fail(nil, error)
                }
                return
            }
            let environment = StationKeepingEnvironment(configuration: plan.configuration, winds: plan.winds)
            var agent = plan.agent
            while let scenario = take(from: pending, shouldStop: shouldStop) {
                do {
                    try finish(try EpisodeRunner.run(agent: &agent, environment: environment, scenario: scenario),
                               scenario)
                } catch {
                    fail(scenario, error)
                }
            }
        }
        if let firstError { throw firstError }
        if !plan.scenarios.allSatisfy({ results[$0.seed ?? 0] != nil }) {
            throw EvaluationError.interrupted(saved: results.count, total: plan.scenarios.count)
        }
        return plan.scenarios.map { results[$0.seed ?? 0]! }
    }

    private func take(from pending: [Scenario], shouldStop: () -> Bool) -> Scenario? {
        lock.lock()
        defer { lock.unlock() }
        guard firstError == nil, next < pending.count, !shouldStop() else { return nil }
        next += 1
        return pending[next - 1]
    }
}
