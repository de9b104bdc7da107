import BalloonPhysics
import Foundation
import StationKeeping

/// Flies a network greedily over fixed scenarios in lockstep: every step, one batched forward
/// for all flights still in the air, and the environments stepped over the cores.
///
/// Each flight is scored as BLE's eval loop scores it (ble-reference.md §7.2): TWR50 is the
/// share of post-step states within the radius among the steps flown.
public enum GreedyValidation {
    /// The outcome of one validation flight.
    public struct Flight: Sendable, Equatable {
        public var seed: Int
        public var timeWithinRadius: Double
        public var cumulativeReward: Double
        public var failed: Bool
        public var steps: Int
    }

    /// Flies `network` on `scenarios`; one flight each, in order.
    public static func fly(
        network: inout ObservationEncoder, scenarios: [Scenario], configuration: EnvironmentConfiguration,
        winds: StationKeepingEnvironment.WindSource
    ) throws -> [Flight] {
        let seeds = scenarios.map { $0.seed ?? 0 }
        let environments = seeds.map { _ in StationKeepingEnvironment(configuration: configuration, winds: winds) }
        let threads = System.coreCount
        var observations = try parallelChunks(seeds.count, threads: threads) {
            try environments[$0].reset(scenario: scenarios[$0]).observation
        }
        var flights = seeds.map { Flight(seed: $0, timeWithinRadius: 0, cumulativeReward: 0, failed: false, steps: 0) }
        var within = [Int](repeating: 0, count: seeds.count)
        var flying = Array(seeds.indices)
        let (actionCount, quantileCount) = (network.configuration.actionCount, network.configuration.quantileCount)
        while !flying.isEmpty {
            var batch = [Float]()
            batch.reserveCapacity(flying.count * ObservationLayout.count)
            for index in flying { batch.append(contentsOf: observations[index].values) }
            let quantiles = network.forward(Tensor(shape: [flying.count, ObservationLayout.count], scalars: batch)).scalars
            var commands = [AltitudeControlCommand](repeating: .stay, count: seeds.count)
            for (row, index) in flying.enumerated() {
                commands[index] = AltitudeControlCommand(rawValue: QuantileOutput.greedyAction(
                    quantiles, row: row, actionCount: actionCount, quantileCount: quantileCount))!
            }
            let active = flying
            let results = try parallelChunks(active.count, threads: threads) { position in
                try environments[active[position]].step(commands[active[position]])
            }
            var stillFlying: [Int] = []
            for (position, index) in active.enumerated() {
                let result = results[position]
                flights[index].steps += 1
                flights[index].cumulativeReward += result.reward
                if result.info.withinRadius { within[index] += 1 }
                if result.terminated { flights[index].failed = true }
                if result.terminated || result.truncated { continue }
                observations[index] = result.observation
                stillFlying.append(index)
            }
            flying = stillFlying
        }
        for index in flights.indices {
            flights[index].timeWithinRadius = Double(within[index]) / Double(max(flights[index].steps, 1))
        }
        return flights
    }
}
