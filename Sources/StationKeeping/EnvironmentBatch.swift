import BalloonPhysics
import Dispatch
import Synchronization
import WindField

/// Several environments stepped together, spread over the machine's cores.
///
/// Environment `i` only ever runs on one thread at a time, and results come back in index
/// order, so a batch is as deterministic as its environments one by one: the same seeds and
/// actions give the same results bit for bit, whatever the number of threads.
public final class EnvironmentBatch: @unchecked Sendable {
    /// The environments, one per slot.
    public let environments: [StationKeepingEnvironment]
    /// How many threads step the batch (at most the number of environments).
    public let threadCount: Int

    /// Makes `count` environments sharing one configuration and wind source.
    public init(count: Int, configuration: EnvironmentConfiguration = EnvironmentConfiguration(),
                winds: StationKeepingEnvironment.WindSource, threads: Int = System.coreCount) {
        precondition(count >= 1, "a batch needs at least one environment")
        environments = (0..<count).map { _ in StationKeepingEnvironment(configuration: configuration, winds: winds) }
        threadCount = max(1, min(threads, count))
    }

    /// Resets environment `i` to `scenarios[i]`.
    public func reset(scenarios: [Scenario]) throws -> [(observation: Observation, info: StepInfo)] {
        precondition(scenarios.count == environments.count, "one scenario per environment")
        return try parallelMap { index in try self.environments[index].reset(scenario: scenarios[index]) }
    }

    /// Steps environment `i` with `commands[i]`.
    public func step(_ commands: [AltitudeControlCommand]) throws -> [StepResult] {
        precondition(commands.count == environments.count, "one command per environment")
        return try parallelMap { index in try self.environments[index].step(commands[index]) }
    }

    /// Runs `body` for every index on up to `threadCount` threads, returning the results in index order.
    ///
    /// Each thread takes the next index not yet taken, so the calling thread gets on with the work
    /// while the others wake up (a wake-up costs about as much as a step on a virtual machine).
    public func parallelMap<T>(_ body: @escaping (Int) throws -> T) throws -> [T] {
        let count = environments.count
        let results = UncheckedSendable(UnsafeMutableBufferPointer<Result<T, Error>?>.allocate(capacity: count))
        results.value.initialize(repeating: nil)
        defer { results.value.deinitialize(); results.value.deallocate() }
        let work = UncheckedSendable(body)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threadCount) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                results.value[index] = Result { try work.value(index) }
            }
        }
        return try results.value.map { try $0!.get() }
    }
}

/// Moves a value into concurrent code whose disjoint use of it the caller guarantees.
struct UncheckedSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// Facts about the machine.
public enum System {
    /// The number of active processor cores.
    public static var coreCount: Int { max(1, sysconfCores()) }
}

#if canImport(Glibc)
import Glibc
private func sysconfCores() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
#else
import Foundation
private func sysconfCores() -> Int { ProcessInfo.processInfo.activeProcessorCount }
#endif
