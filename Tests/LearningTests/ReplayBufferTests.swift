import XCTest
@testable import Learning

final class ReplayBufferTests: XCTestCase {
    /// Observation k of an episode: every value k/8 (exact in float16).
    func frame(_ k: Int) -> [Float] { [Float](repeating: Float(k) / 8, count: ObservationLayout.count) }

    func makeBuffer(capacity: Int = 64, prioritized: Bool = true) -> ReplayBuffer {
        var configuration = ReplayConfiguration()
        configuration.capacity = capacity
        configuration.prioritized = prioritized
        return ReplayBuffer(configuration: configuration, discount: 0.5, stepCount: 3, actorCount: 2)
    }

    /// Flies one 4-step episode (rewards 1, 2, 3, 4) for `actor`, ending it as asked.
    func fly(_ buffer: inout ReplayBuffer, actor: Int = 0, terminated: Bool) {
        frame(0).withUnsafeBufferPointer { buffer.beginEpisode(actor: actor, observation: $0) }
        for k in 1...4 {
            frame(k).withUnsafeBufferPointer {
                buffer.addStep(actor: actor, action: k % 3, reward: Float(k), nextObservation: $0,
                               terminated: terminated && k == 4, truncated: !terminated && k == 4)
            }
        }
    }

    func testNStepReturnsBootstrapFromTheLastObservationWhenTheTrialIsCut() {
        var buffer = makeBuffer()
        fly(&buffer, terminated: false)
        // Frames 0…4 hold observations 0…4; γ = ½, n = 3.
        let expected: [(Float, Int?, Float)] = [(1 + 1 + 0.75, 3, 0.125), (2 + 1.5 + 1, 4, 0.125), (3 + 2, 4, 0.25), (4, 4, 0.5)]
        for (slot, (value, bootstrap, discount)) in expected.enumerated() {
            let transition = buffer.transition(atSlot: slot)
            XCTAssertEqual(transition.return, value, "slot \(slot)")
            XCTAssertEqual(transition.bootstrapSlot, bootstrap, "slot \(slot)")
            XCTAssertEqual(transition.discount, discount, "slot \(slot)")
            XCTAssertEqual(transition.action, (slot + 1) % 3)
            XCTAssertGreaterThan(buffer.priority(ofSlot: slot), 0)
        }
        XCTAssertEqual(buffer.priority(ofSlot: 4), 0, "the last observation is stored once and never sampled")
        XCTAssertEqual(buffer.observation(atSlot: 4), frame(4))
    }

    func testNStepReturnsStopAtATerminationWithoutBootstrap() {
        var buffer = makeBuffer()
        fly(&buffer, terminated: true)
        let expected: [(Float, Int?)] = [(2.75, 3), (4.5, nil), (5, nil), (4, nil)]
        for (slot, (value, bootstrap)) in expected.enumerated() {
            let transition = buffer.transition(atSlot: slot)
            XCTAssertEqual(transition.return, value, "slot \(slot)")
            XCTAssertEqual(transition.bootstrapSlot, bootstrap, "slot \(slot)")
            XCTAssertEqual(transition.discount, bootstrap == nil ? 0 : 0.125, "slot \(slot)")
        }
    }

    func testTransitionsAreNotSampledUntilTheirReturnIsKnown() {
        var buffer = makeBuffer()
        frame(0).withUnsafeBufferPointer { buffer.beginEpisode(actor: 1, observation: $0) }
        for k in 1...2 {
            frame(k).withUnsafeBufferPointer {
                buffer.addStep(actor: 1, action: 0, reward: 1, nextObservation: $0, terminated: false, truncated: false)
            }
        }
        XCTAssertFalse(buffer.canSample, "two steps into a 3-step return")
        frame(3).withUnsafeBufferPointer {
            buffer.addStep(actor: 1, action: 0, reward: 1, nextObservation: $0, terminated: false, truncated: false)
        }
        XCTAssertTrue(buffer.canSample)
        XCTAssertEqual(buffer.pendingFrames[1], [1, 2, 3])
    }

    func testSampledBatchesCarryObservationsBootstrapsAndWeights() {
        var buffer = makeBuffer()
        fly(&buffer, terminated: false)
        buffer.updatePriorities(slots: [0, 1, 2, 3], losses: [0, 3, 8, 15])  // priorities √(loss + 1e-10)
        var generator = Xoshiro256StarStar(seed: 2, label: "replay-test")
        let batch = buffer.sample(size: 64, using: &generator)
        XCTAssertFalse(batch.slots.contains(4))
        for (row, slot) in batch.slots.enumerated() {
            XCTAssertEqual(batch.observations[row, 0], Float(slot) / 8)
            let bootstrap = buffer.transition(atSlot: slot).bootstrapSlot!
            XCTAssertEqual(batch.bootstrapObservations[row, 0], Float(bootstrap) / 8)
        }
        // The weight is (p + 1e-10)^(−½) over the batch's largest.
        let largest = batch.slots.map { pow(buffer.priority(ofSlot: $0) + 1e-10, -0.5) }.max()!
        for (row, slot) in batch.slots.enumerated() {
            XCTAssertEqual(Double(batch.importanceWeights[row]), pow(buffer.priority(ofSlot: slot) + 1e-10, -0.5) / largest, accuracy: 1e-6)
        }
        let counts = (0..<4).map { slot in batch.slots.filter { $0 == slot }.count }
        XCTAssertEqual(counts[0], 0, "slot 0's priority is 1e-5")
        XCTAssertGreaterThan(counts[3], counts[1], "slot 3 (p = √15) is drawn more than slot 1 (p = √3)")
    }

    func testFloat16StorageErrorIsBelowItsStatedBound() {
        var buffer = makeBuffer()
        var generator = Xoshiro256StarStar(seed: 9, label: "replay-test")
        let observation = (0..<ObservationLayout.count).map { _ in Float(generator.nextUniform()) }
        observation.withUnsafeBufferPointer { buffer.beginEpisode(actor: 0, observation: $0) }
        let stored = buffer.observation(atSlot: 0)
        let worst = zip(stored, observation).map { abs($0 - $1) }.max()!
        XCTAssertLessThanOrEqual(worst, 0x1p-12)
        XCTAssertGreaterThan(worst, 0, "float16 does round")
    }

    func testOverwritingAFrameTakesItOutOfSampling() {
        var buffer = makeBuffer(capacity: 6)
        fly(&buffer, terminated: false)  // frames 0…4
        fly(&buffer, actor: 1, terminated: false)  // frames 5, 0, 1, 2, 3 (wrapping)
        XCTAssertEqual(buffer.writtenFrameCount, 10)
        XCTAssertEqual(buffer.frameCount, 6)
        XCTAssertEqual(buffer.priority(ofSlot: 4), 0, "the first episode's last frame holds no transition")
        XCTAssertEqual(buffer.transition(atSlot: 5).bootstrapSlot, 2, "first transition of the second episode")
    }
}
