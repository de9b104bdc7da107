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
    /// The batch is split into `learner.threads` contiguous parts; each part runs on a copy of
    /// the online network (and of the target), and the parts' gradients are summed in part order,
    /// so the result does not depend on thread timing. The loss of the batch is
    /// `(1/B) Σ_b w_b L_b` with importance weights `w_b` when they are applied to the gradient
    /// (`replay.importanceWeightsInGradient`), else `w_b = 1` as in BLE.
    func update() -> UpdateOutcome {
        let learner = configuration.learner
        let batchSize = learner.batchSize
        let batch = replay.sample(size: batchSize, using: &random)
        let parts = learner.threads
        let network = configuration.network
        let (actionCount, quantileCount) = (network.actionCount, network.quantileCount)
        let width = ObservationLayout.count
        let imitating = inWarmStart
        let advantageWeight = configuration.warmStart.advantageWeight
        let applyWeights = configuration.replay.importanceWeightsInGradient
        let (teacher, loss) = (self.teacher, lossFunction)
        // Each part runs on its own persistent copies of the networks, refreshed in place: their
        // caches keep their shapes from one update to the next, so nothing is reallocated.
        if replicas.count != parts {
            replicas = Array(repeating: online, count: parts)
            targetReplicas = Array(repeating: target, count: parts)
        }
        for index in 0..<parts {
            replicas[index].copyState(from: online)
            if targetReplicasStale { targetReplicas[index].copyState(from: target) }
        }
        targetReplicasStale = false
        // Move the copies into a buffer that each thread takes its own from, so every copy stays
        // uniquely owned (a shared copy would be duplicated on its first write).
        let copies = UnsafeMutableBufferPointer<(ObservationEncoder, ObservationEncoder)>.allocate(capacity: parts)
        defer { copies.deallocate() }
        var (taken, takenTargets) = (replicas, targetReplicas)
        (replicas, targetReplicas) = ([], [])
        for index in (0..<parts).reversed() {
            (copies.baseAddress! + index).initialize(to: (taken.removeLast(), takenTargets.removeLast()))
        }
        let box = UncheckedBox(copies)

        let results: [(network: ObservationEncoder, target: ObservationEncoder, losses: [Float])] = parallelMap(parts) { part in
            let rows = (part * batchSize / parts)..<((part + 1) * batchSize / parts)
            var (replica, targetCopy) = (box.value.baseAddress! + part).move()
            replica.zeroGradients()
            let observations = Tensor(shape: [rows.count, width],
                                      scalars: Array(batch.observations.scalars[(rows.lowerBound * width)..<(rows.upperBound * width)]))
            let quantiles = replica.forward(observations)
            let targetValues: [Float]
            if imitating, let teacher {
                targetValues = teacher.quantiles(batch: observations.scalars, count: rows.count)
            } else {
                let next = Tensor(shape: [rows.count, width],
                                  scalars: Array(batch.bootstrapObservations.scalars[(rows.lowerBound * width)..<(rows.upperBound * width)]))
                targetValues = targetCopy.forward(next).scalars
            }
            var gradient = Tensor(zeros: quantiles.shape)
            var losses = [Float](repeating: 0, count: rows.count)
            var targets = [Float](repeating: 0, count: quantileCount)
            quantiles.withUnsafeBufferPointer { q in
                gradient.withUnsafeMutableBufferPointer { g in
                    for (local, row) in rows.enumerated() {
                        let scale = (applyWeights ? batch.importanceWeights[row] : 1) / Float(batchSize)
                        let actions = imitating ? Array(0..<actionCount) : [batch.actions[row]]
                        for action in actions {
                            let base = (local * actionCount + action) * quantileCount
                            if imitating {
                                for k in 0..<quantileCount { targets[k] = targetValues[base + k] }
                            } else {
                                Self.fillTargets(&targets, values: targetValues, row: local, actionCount: actionCount,
                                                 return: batch.returns[row], discount: batch.bootstrapDiscounts[row])
                            }
                            losses[local] += targets.withUnsafeBufferPointer { t in
                                loss.loss(quantiles: UnsafeBufferPointer(rebasing: q[base..<(base + quantileCount)]), targets: t,
                                          gradient: UnsafeMutableBufferPointer(rebasing: g[base..<(base + quantileCount)]),
                                          gradientScale: scale)
                            }
                        }
                        if imitating && advantageWeight > 0 {
                            losses[local] += Self.addAdvantageLoss(
                                quantiles: q, teacher: targetValues, gradient: g, row: local, actionCount: actionCount,
                                quantileCount: quantileCount, weight: advantageWeight, gradientScale: scale)
                        }
                    }
                }
            }
            replica.backward(gradient)
            return (replica, targetCopy, losses)
        }
        replicas = results.map(\.network)
        targetReplicas = results.map(\.target)

        self.online.setGradientsToSum(of: replicas)
        let learningRate = configuration.optimizer.learningRate.learningRate(atStep: optimizer.step)
        let norm = optimizer.update(&self.online, learningRate: learningRate)
        let losses = results.flatMap(\.losses)
        replay.updatePriorities(slots: batch.slots, losses: losses)
        updates += 1
        self.online.redrawFeaturesIfDue(afterStep: optimizer.step)
        if updates % learner.targetUpdatePeriod == 0 { synchronizeTarget() }
        let meanLoss = losses.reduce(0.0) { $0 + Double($1) } / Double(losses.count)
        return UpdateOutcome(meanLoss: meanLoss, gradientNorm: norm, learningRate: learningRate)
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
        let best = greedyAction(values, row: row, actionCount: actionCount, quantileCount: quantileCount)
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
    /// Sets every gradient to the sum of the replicas' gradients, added in replica order, in place.
    mutating func setGradientsToSum(of replicas: [Self]) {
        let gradients = replicas.map(\.namedGradients)
        var index = 0
        visitParameters { _, parameter in
            parameter.gradient.withUnsafeMutableBufferPointer { sum in
                gradients[0][index].tensor.withUnsafeBufferPointer { first in
                    sum.baseAddress!.update(from: first.baseAddress!, count: sum.count)
                }
                for other in gradients.dropFirst() {
                    other[index].tensor.withUnsafeBufferPointer { add in
                        for k in 0..<sum.count { sum[k] += add[k] }
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
