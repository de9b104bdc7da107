import Learning
import TestSupport
import XCTest

final class LearningRateScheduleTests: XCTestCase {
    func testWarmsUpLinearlyToThePeak() {
        let schedule = LearningRateSchedule(peak: 1e-3, warmupSteps: 4, totalSteps: 100)
        XCTAssertEqual((0..<4).map { schedule.learningRate(atStep: $0) }, [2.5e-4, 5e-4, 7.5e-4, 1e-3])
    }

    func testCosineDecayPassesTheMidpointAndEndsAtTheFloor() {
        let schedule = LearningRateSchedule(peak: 1, warmupSteps: 10, totalSteps: 110, decay: .cosine, finalFraction: 0.1)
        assertClose(schedule.learningRate(atStep: 10), 1, absolute: 1e-7, "start of decay")
        assertClose(schedule.learningRate(atStep: 60), 0.55, absolute: 1e-6, "half way: (peak + floor)/2")
        assertClose(schedule.learningRate(atStep: 110), 0.1, absolute: 1e-7, "end")
        assertClose(schedule.learningRate(atStep: 10_000), 0.1, absolute: 1e-7, "after the end")
    }

    func testLinearAndConstantDecay() {
        let linear = LearningRateSchedule(peak: 2, warmupSteps: 0, totalSteps: 8, decay: .linear)
        XCTAssertEqual(linear.learningRate(atStep: 2), 1.5)
        XCTAssertEqual(linear.learningRate(atStep: 8), 0)
        XCTAssertEqual(LearningRateSchedule.constant(3e-4).learningRate(atStep: 12_345), 3e-4)
    }
}
