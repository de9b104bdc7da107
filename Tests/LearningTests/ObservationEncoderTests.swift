@testable import Learning
import TestSupport
import XCTest

final class ObservationEncoderTests: XCTestCase {
    func testOutputsQuantilesForEachAction() {
        var encoder = ObservationEncoder(configuration: EncoderConfiguration())
        var generator = Xoshiro256StarStar(seed: 1)
        let output = encoder.forward(SyntheticObservations.batch(count: 2, using: &generator))
        XCTAssertEqual(output.shape, [2, 3, 51])
        XCTAssertTrue(output.scalars.allSatisfy(\.isFinite))
    }

    func testGradientsMatchFiniteDifferences() {
        var encoder = ObservationEncoder(configuration: tinyConfiguration())
        let observations = edgeCaseObservations()
        let cotangent = randomTensor([3, 3, 4], seed: 2)
        _ = encoder.forward(observations)
        encoder.zeroGradients()
        encoder.backward(cotangent)
        // Deep in a Float network at initialisation some gradients are ~1e-4 while Float rounding
        // moves the loss by ~1e-7: a larger step keeps the difference quotient's noise (∝ 1/h)
        // well below them, and the loss is smooth on that scale (GELU, no kinks).
        var checker = GradientChecker()
        checker.step = 0.05
        checker.coordinatesPerTensor = 3
        checker.checkParameters(of: encoder, loss: { probe in weightedSum(probe.forward(observations), cotangent) })
    }

    func testAdamTrainsItDownARegressionLoss() {
        var encoder = ObservationEncoder(configuration: tinyConfiguration())
        var adam = Adam()
        let schedule = LearningRateSchedule(peak: 2e-2, warmupSteps: 5, totalSteps: 100, finalFraction: 0.1)
        let observations = edgeCaseObservations()
        let target = randomTensor([3, 3, 4], seed: 11)
        var losses: [Double] = []
        for step in 0..<100 {
            let output = encoder.forward(observations)
            // L = ½‖output − target‖², so dL/dOutput = output − target.
            var residual = output
            residual.add(Tensor(shape: target.shape, scalars: target.scalars.map { -$0 }))
            losses.append(0.5 * residual.squaredNorm)
            encoder.zeroGradients()
            encoder.backward(residual)
            adam.update(&encoder, learningRate: schedule.learningRate(atStep: step))
            encoder.redrawFeaturesIfDue(afterStep: adam.step)
        }
        XCTAssertLessThan(losses.last!, 0.01 * losses.first!, "loss \(losses.first!) → \(losses.last!)")
    }

    func testTheSameSeedGivesBitIdenticalOutputsAndGradients() {
        var generator = Xoshiro256StarStar(seed: 3)
        let observations = SyntheticObservations.batch(count: 3, using: &generator)
        func run(seed: UInt64) -> (Tensor, [NamedTensor]) {
            var configuration = EncoderConfiguration()
            configuration.seed = seed
            var encoder = ObservationEncoder(configuration: configuration)
            let output = encoder.forward(observations)
            encoder.backward(output)
            return (output, encoder.namedGradients)
        }
        let (first, second, other) = (run(seed: 7), run(seed: 7), run(seed: 8))
        XCTAssertTrue(first.0.isBitIdentical(to: second.0))
        XCTAssertTrue(zip(first.1, second.1).allSatisfy { $0.name == $1.name && $0.tensor.isBitIdentical(to: $1.tensor) })
        XCTAssertFalse(first.0.isBitIdentical(to: other.0), "another seed, other weights")
    }

    func testSkippingInvalidSlotsGivesTheSameResultAsMaskingThem() {
        let observations = edgeCaseObservations()
        var skipping = ObservationEncoder(configuration: tinyConfiguration())
        var masking = skipping
        masking.tokenSelection = .allSlots
        let (skipped, masked) = (skipping.forward(observations), masking.forward(observations))
        XCTAssertEqual(masking.lastTokenCount, 3 * 361)
        XCTAssertEqual(skipping.lastTokenCount, 16 + 13 + 1, "valid slots plus slot 180 per observation")
        for (index, (a, b)) in zip(skipped.scalars, masked.scalars).enumerated() {
            assertClose(a, Double(b), absolute: 1e-5, relative: 1e-5, "output \(index)")
        }
        skipping.backward(skipped)
        masking.backward(skipped)
        for (a, b) in zip(skipping.namedGradients, masking.namedGradients) {
            for (x, y) in zip(a.tensor.scalars, b.tensor.scalars) {
                assertClose(x, Double(y), absolute: 1e-5, relative: 1e-4, "gradient of \(a.name)")
            }
        }
    }

    func testAnObservationsOutputHasTheSameBitsAloneAsInABatch() {
        // Dense layers sum each row in a fixed order and attention runs per observation, so a
        // batched forward (training's actors, lockstep evaluation) decides as one at a time.
        for configuration in [tinyConfiguration(), EncoderConfiguration(), .bleMLP] {
            var encoder = ObservationEncoder(configuration: configuration)
            var generator = Xoshiro256StarStar(seed: 5)
            let observations = SyntheticObservations.batch(count: 7, using: &generator)
            let together = encoder.forward(observations).scalars
            let outputs = together.count / 7
            for index in 0..<7 {
                let alone = encoder.forward(Tensor(shape: [1, ObservationLayout.count],
                                                   scalars: Array(observations.scalars[(index * 1099)..<((index + 1) * 1099)])))
                XCTAssertEqual(alone.scalars.map(\.bitPattern),
                               together[(index * outputs)..<((index + 1) * outputs)].map(\.bitPattern),
                               "\(configuration.architecture), observation \(index)")
            }
        }
    }

    func testFAVOREncoderApproachesTheSoftmaxEncoderAsFeaturesGrow() {
        let observations = edgeCaseObservations()
        var exactConfiguration = tinyConfiguration()
        exactConfiguration.attention = .softmax
        var exact = ObservationEncoder(configuration: exactConfiguration)
        let reference = exact.forward(observations).scalars.map(Double.init)
        func error(featureCount: Int) -> Double {
            var configuration = tinyConfiguration()
            configuration.featureCount = featureCount
            var favor = ObservationEncoder(configuration: configuration)
            XCTAssertEqual(favor.namedParameters, exact.namedParameters, "same seed, same weights for either kernel")
            return relativeError(favor.forward(observations).scalars, reference)
        }
        let (few, many) = (error(featureCount: 4), error(featureCount: 1024))
        XCTAssertLessThan(many, 0.5 * few, "error with m = 1024 (\(many)) vs m = 4 (\(few))")
        XCTAssertLessThan(many, 0.02)
    }

    func testParametersCanBeReadAndReplacedByName() throws {
        var source = ObservationEncoder(configuration: tinyConfiguration(seed: 5))
        var target = ObservationEncoder(configuration: tinyConfiguration(seed: 6))
        try target.setParameters(source.namedParameters)
        try target.setBuffers(source.namedBuffers)
        let observations = edgeCaseObservations()
        XCTAssertTrue(target.forward(observations).isBitIdentical(to: source.forward(observations)))

        XCTAssertEqual(source.namedParameters.first?.name, "slotInput.weight")
        XCTAssertEqual(source.namedParameters.last?.name, "head.layers.1.bias")
        XCTAssertTrue(source.namedParameters.contains { $0.name == "blocks.1.attention.query.weight" })
        XCTAssertEqual(source.namedBuffers.map(\.name), ["blocks.0.attention.kernel.features",
                                                          "blocks.1.attention.kernel.features"])

        var wrong = source.namedParameters
        wrong[0].tensor = Tensor(zeros: [2, 2])
        XCTAssertThrowsError(try target.setParameters(wrong)) { error in
            XCTAssertEqual("\(error)", "parameter 'slotInput.weight' has shape [2, 2], expected [3, 8]")
        }
        XCTAssertThrowsError(try target.setParameters(Array(source.namedParameters.dropLast()))) { error in
            XCTAssertEqual("\(error)", "parameter 'head.layers.1.bias' is missing")
        }
    }

    func testRedrawsFeaturesOnSchedule() {
        var configuration = tinyConfiguration()
        configuration.featureRedrawInterval = 3
        var encoder = ObservationEncoder(configuration: configuration)
        let original = encoder.namedBuffers
        XCTAssertFalse(encoder.redrawFeaturesIfDue(afterStep: 1))
        XCTAssertFalse(encoder.redrawFeaturesIfDue(afterStep: 2))
        XCTAssertEqual(encoder.namedBuffers, original)
        XCTAssertTrue(encoder.redrawFeaturesIfDue(afterStep: 3))
        XCTAssertEqual(encoder.featureDrawCount, 1)
        XCTAssertNotEqual(encoder.namedBuffers, original)
        XCTAssertNotEqual(encoder.namedBuffers[0].tensor, encoder.namedBuffers[1].tensor, "each block draws its own")

        var twin = ObservationEncoder(configuration: configuration)
        twin.redrawRandomFeatures()
        XCTAssertEqual(twin.namedBuffers, encoder.namedBuffers, "draw k depends only on the seed and k")
    }

    func testConfigurationReportsItsProblemsAndRoundTripsThroughJSON() throws {
        var configuration = EncoderConfiguration()
        XCTAssertEqual(configuration.problems, [])
        configuration.width = 30
        configuration.headCount = 4
        XCTAssertEqual(configuration.problems, ["width 30 must be a multiple of headCount 4"])
        let decoded = try JSONDecoder().decode(EncoderConfiguration.self, from: JSONEncoder().encode(configuration))
        XCTAssertEqual(decoded, configuration)
    }

    func testSyntheticObservationsLookLikeBLEs() {
        var generator = Xoshiro256StarStar(seed: 9)
        let batch = SyntheticObservations.batch(count: 20, using: &generator)
        XCTAssertEqual(batch.shape, [20, 1099])
        batch.withUnsafeBufferPointer { values in
            for b in 0..<20 {
                let valid = (0..<361).filter { ObservationLayout.isValidSlot(values.baseAddress! + b * 1099 + ObservationLayout.slotOffset($0)) }
                XCTAssertTrue((90...141).contains(valid.count), "valid slots \(valid.count)")
                XCTAssertEqual(valid.last! - valid.first! + 1, valid.count, "one contiguous band")
            }
        }
    }
}
