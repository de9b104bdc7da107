import Agents

extension Trainer {
    /// What one update measured.
    struct UpdateOutcome {
        var meanLoss: Double
        var gradientNorm: Float
        var learningRate: Float
    }

    /// Makes the updates that the environment steps so far call for.
    func updateIfDue() {
        let learner = configuration.learner
        guard replay.canSample else { return }
        let due = max(0, envSteps - learner.minimumReplayHistory) / learner.envStepsPerUpdate
        while updates < due {
            let outcome = update()
            interval.lossSum += outcome.meanLoss
            interval.gradientNormSum += Double(outcome.gradientNorm)
            interval.updates += 1
            lastLearningRate = outcome.learningRate
        }
    }

    /// One QR-DQN update (or, during the warm start, one step of imitating the teacher).
    ///
    /// The batch is split into `learner.threads` contiguous parts; each part runs on its own copy
    /// of the online network (and of the target), and the parts' gradients are summed in part
    /// order, so the result does not depend on thread timing. The loss of the batch is
    /// `(1/B) Σ_b w_b L_b` with importance weights `w_b` when they are applied to the gradient
    /// (`replay.importanceWeightsInGradient`), else `w_b = 1` as in BLE.
    func update() -> UpdateOutcome {
        let learner = configuration.learner
        let step = UpdateStep(
            batch: replay.sample(size: learner.batchSize, using: &random), parts: learner.threads,
            actionCount: configuration.network.actionCount, quantileCount: configuration.network.quantileCount,
            teacher: inWarmStart ? teacher : nil, advantageWeight: configuration.warmStart.advantageWeight,
            importanceWeightsInGradient: configuration.replay.importanceWeightsInGradient, loss: lossFunction)
        let refreshTargets = targetReplicasStale || targetReplicas.count != learner.threads
        let copies = UncheckedBox(takeNetworkCopies(count: learner.threads))
        defer { copies.value.deallocate() }
        // The sources' box lives only in this closure, so that afterwards `online` is again the sole
        // owner of its storage and the optimizer writes it in place.
        let results: [(network: ObservationEncoder, target: ObservationEncoder, losses: [Float])] = {
            let sources = UncheckedBox((online, target))
            return parallelMap(learner.threads) { part in
                var (network, targetCopy) = (copies.value.baseAddress! + part).move()
                // Each thread refreshes its own copies (in place, no reallocation).
                network.copyState(from: sources.value.0)
                if refreshTargets { targetCopy.copyState(from: sources.value.1) }
                let losses = step.run(part: part, network: &network, target: &targetCopy)
                return (network, targetCopy, losses)
            }
        }()
        replicas = results.map(\.network)
        targetReplicas = results.map(\.target)
        targetReplicasStale = false

        online.setGradientsToSum(of: replicas, threads: learner.threads)
        let learningRate = configuration.optimizer.learningRate.learningRate(atStep: optimizer.step)
        let norm = optimizer.update(&online, learningRate: learningRate, threads: learner.threads)
        let losses = results.flatMap(\.losses)
        replay.updatePriorities(slots: step.batch.slots, losses: losses)
        updates += 1
        online.redrawFeaturesIfDue(afterStep: optimizer.step)
        if updates % learner.targetUpdatePeriod == 0 { synchronizeTarget() }
        let meanLoss = losses.reduce(0.0) { $0 + Double($1) } / Double(losses.count)
        return UpdateOutcome(meanLoss: meanLoss, gradientNorm: norm, learningRate: learningRate)
    }

    /// The learner's per-thread copies of the online and target networks (each thread refreshes its
    /// own in place: their caches keep their shapes from one update to the next, so nothing is
    /// reallocated), moved into a buffer from which each thread takes its own, so every copy stays
    /// uniquely owned (a shared copy would be duplicated on its first write). The caller
    /// deallocates the buffer.
    private func takeNetworkCopies(count: Int) -> UnsafeMutableBufferPointer<(ObservationEncoder, ObservationEncoder)> {
        if replicas.count != count {
            replicas = Array(repeating: online, count: count)
            targetReplicas = Array(repeating: target, count: count)
        }
        let copies = UnsafeMutableBufferPointer<(ObservationEncoder, ObservationEncoder)>.allocate(capacity: count)
        var (taken, takenTargets) = (replicas, targetReplicas)
        (replicas, targetReplicas) = ([], [])
        for index in (0..<count).reversed() {
            (copies.baseAddress! + index).initialize(to: (taken.removeLast(), takenTargets.removeLast()))
        }
        return copies
    }

    /// The warm start's ranking term for one row: `w Σ_a (e_a)²` with `e_a = (Q_a − Q̄) − (T_a − T̄)`,
    /// Q_a the network's mean quantile of action a and T_a the teacher's; adds its gradient
    /// `2w·e_a/N` (times `gradientScale`) to each of action a's N quantiles and returns the term.
    static func addAdvantageLoss(
        quantiles: UnsafeBufferPointer<Float>, teacher: [Float], gradient: UnsafeMutableBufferPointer<Float>, row: Int,
        actionCount: Int, quantileCount: Int, weight: Float, gradientScale: Float
    ) -> Float {
        var differences = [Float](repeating: 0, count: actionCount)
        for action in 0..<actionCount {
            let base = (row * actionCount + action) * quantileCount
            var sum: Float = 0
            for k in 0..<quantileCount { sum += quantiles[base + k] - teacher[base + k] }
            differences[action] = sum / Float(quantileCount)
        }
        let mean = differences.reduce(0, +) / Float(actionCount)
        var total: Float = 0
        for action in 0..<actionCount {
            let error = differences[action] - mean
            total += weight * error * error
            let base = (row * actionCount + action) * quantileCount
            let perQuantile = 2 * weight * error / Float(quantileCount) * gradientScale
            for k in 0..<quantileCount { gradient[base + k] += perQuantile }
        }
        return total
    }

    /// The target distribution `R + γᵏ θ_target(s′, a*)`, with `a*` the target network's greedy
    /// action; just `R` (every sample) when the episode terminated within the n steps.
    static func fillTargets(_ targets: inout [Float], values: [Float], row: Int, actionCount: Int,
                            return value: Float, discount: Float) {
        let quantileCount = targets.count
        guard discount > 0 else {
            for k in 0..<quantileCount { targets[k] = value }
            return
        }
        let best = QuantileOutput.greedyAction(values, row: row, actionCount: actionCount, quantileCount: quantileCount)
        let base = (row * actionCount + best) * quantileCount
        for k in 0..<quantileCount { targets[k] = value + discount * values[base + k] }
    }
}

extension Trainer {
    /// Copies the online network into the target (and marks the learner's target copies stale).
    func synchronizeTarget() {
        target = online
        targetReplicasStale = true
    }
}

extension ParameterContainer {
    /// Sets every gradient to the sum of the replicas' gradients, added in replica order, in place;
    /// `threads` split large tensors (each element's sum is the same whatever the split).
    mutating func setGradientsToSum(of replicas: [Self], threads: Int = 1) {
        let gradients = replicas.map(\.namedGradients)
        var index = 0
        visitParameters { _, parameter in
            let terms = gradients.map { $0[index].tensor }
            parameter.gradient.withUnsafeMutableBufferPointer { sum in
                let sum = UncheckedBox(sum)
                parallelRanges(sum.value.count, threads: threads) { range in
                    terms[0].withUnsafeBufferPointer { first in
                        (sum.value.baseAddress! + range.lowerBound).update(from: first.baseAddress! + range.lowerBound,
                                                                            count: range.count)
                    }
                    for term in terms.dropFirst() {
                        term.withUnsafeBufferPointer { add in
                            for k in range { sum.value[k] += add[k] }
                        }
                    }
                }
            }
            index += 1
        }
    }
}

extension ObservationEncoder {
    /// Takes `other`'s parameter values, random features and draw count, writing into this
    /// encoder's own storage (no reallocation once it owns it); gradients and caches stay its own.
    mutating func copyState(from other: ObservationEncoder) {
        let (values, buffers) = (other.namedParameters, other.namedBuffers)
        var index = 0
        visitParameters { _, parameter in
            values[index].tensor.withUnsafeBufferPointer { source in
                parameter.value.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: source.baseAddress!, count: $0.count) }
            }
            index += 1
        }
        index = 0
        visitBuffers { _, buffer in
            buffer = buffers[index].tensor
            index += 1
        }
        featureDrawCount = other.featureDrawCount
    }
}

extension Trainer {
    /// Makes one learner update now, whatever is due (for benchmarks); needs a non-empty memory.
    public func performUpdate() {
        _ = update()
    }

    /// Steps every actor once with the current policy (for benchmarks).
    public func performActorStep() throws {
        try actorStep(chooseCommands())
    }

    /// Transitions that can be sampled now.
    public var replayFrameCount: Int { replay.frameCount }
}

/// One update's sampled batch and settings: what each thread needs to compute its part's loss and gradient.
struct UpdateStep: @unchecked Sendable {
    let batch: ReplayBuffer.Batch
    let parts: Int
    let actionCount: Int
    let quantileCount: Int
    /// The teacher during the warm start (its quantiles are the targets), else nil (QR-DQN).
    let teacher: Perciatelli44Network?
    let advantageWeight: Float
    let importanceWeightsInGradient: Bool
    let loss: QuantileHuberLoss

    /// Forward, loss and backward of part `part` of the batch on `network` (and `target`, for
    /// QR-DQN's bootstrap); accumulates `network`'s gradients and returns each row's loss.
    func run(part: Int, network: inout ObservationEncoder, target: inout ObservationEncoder) -> [Float] {
        let batchSize = batch.slots.count
        let width = ObservationLayout.count
        let rows = (part * batchSize / parts)..<((part + 1) * batchSize / parts)
        func slice(_ tensor: Tensor) -> Tensor {
            Tensor(shape: [rows.count, width], scalars: Array(tensor.scalars[(rows.lowerBound * width)..<(rows.upperBound * width)]))
        }
        network.zeroGradients()
        let observations = slice(batch.observations)
        let quantiles = network.forward(observations)
        let targetValues = teacher.map { $0.quantiles(batch: observations.scalars, count: rows.count) }
            ?? target.forward(slice(batch.bootstrapObservations)).scalars
        var gradient = Tensor(zeros: quantiles.shape)
        var losses = [Float](repeating: 0, count: rows.count)
        var targets = [Float](repeating: 0, count: quantileCount)
        quantiles.withUnsafeBufferPointer { q in
            gradient.withUnsafeMutableBufferPointer { g in
                for (local, row) in rows.enumerated() {
                    let scale = (importanceWeightsInGradient ? batch.importanceWeights[row] : 1) / Float(batchSize)
                    let actions = teacher != nil ? Array(0..<actionCount) : [batch.actions[row]]
                    for action in actions {
                        let base = (local * actionCount + action) * quantileCount
                        if teacher != nil {
                            for k in 0..<quantileCount { targets[k] = targetValues[base + k] }
                        } else {
                            Trainer.fillTargets(&targets, values: targetValues, row: local, actionCount: actionCount,
                                                return: batch.returns[row], discount: batch.bootstrapDiscounts[row])
                        }
                        losses[local] += targets.withUnsafeBufferPointer { t in
                            loss.loss(quantiles: UnsafeBufferPointer(rebasing: q[base..<(base + quantileCount)]), targets: t,
                                      gradient: UnsafeMutableBufferPointer(rebasing: g[base..<(base + quantileCount)]),
                                      gradientScale: scale)
                        }
                    }
                    if teacher != nil && advantageWeight > 0 {
                        losses[local] += Trainer.addAdvantageLoss(
                            quantiles: q, teacher: targetValues, gradient: g, row: local, actionCount: actionCount,
                            quantileCount: quantileCount, weight: advantageWeight, gradientScale: scale)
                    }
                }
            }
        }
        network.backward(gradient)
        return losses
    }
}
