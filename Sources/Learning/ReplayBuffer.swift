import Foundation
import HDF5

/// A circular replay memory of transitions for n-step, prioritized QR-DQN.
///
/// **Each observation is stored once**, as a *frame*, in float16 (2 bytes a value: the
/// observation's features lie in [0, 1], where float16 keeps 11 significant bits, so the
/// reconstruction error is at most 2⁻¹² ≈ 2.4e-4 absolute; measured and tested). A frame also
/// holds the action taken from it and the reward that followed; the next observation is found
/// through the frame index, not copied. Frames from several actors interleave; each actor's
/// episode is a chain of frames, and the episode's last observation is stored as a frame with no
/// action, used only to bootstrap from.
///
/// A transition becomes *ready* (samplable) once its n-step return is known: when the actor has
/// flown n more steps, or when its episode ends (the return is then cut short: with no bootstrap
/// after a termination, bootstrapping from the last observation after a time-limit truncation).
/// Its priority is set then, to the largest priority seen so far (new items first, as in
/// Dopamine). Overwriting a frame zeroes its priority; frames are overwritten in the order they
/// were written, so a ready transition's bootstrap frame (always newer) outlives it.
///
/// Sampling is stratified over the priorities' sum tree (as Dopamine's): the batch splits the total
/// into equal segments and draws one transition in each. Uniform replay is the same with every
/// priority kept at 1.
public struct ReplayBuffer: Sendable {
    /// The settings of the replay memory.
    public let configuration: ReplayConfiguration
    /// γ per step, and n.
    public let discount: Float
    public let stepCount: Int

    /// Frames ever written (the next frame goes to `writtenFrameCount % capacity`).
    public private(set) var writtenFrameCount = 0
    /// The largest priority set so far (Dopamine: starts at 1).
    public private(set) var maximumPriority: Double = 1
    /// Per actor, the frames of its current episode whose returns are not final yet (oldest first).
    public private(set) var pendingFrames: [[Int32]]

    private var observations: [UInt16]
    private var actions: [Int8]
    private var rewards: [Float]
    private var returns: [Float]
    private var bootstrapFrames: [Int32]
    private var bootstrapDiscounts: [Float]
    private var tree: SumTree

    /// Bytes of storage per frame (≈ per transition): the float16 observation plus the rest.
    public static let bytesPerFrame = ObservationLayout.count * 2 + 1 + 4 + 4 + 4 + 4 + 8

    /// An empty memory for `actorCount` actors.
    public init(configuration: ReplayConfiguration, discount: Float, stepCount: Int, actorCount: Int) {
        precondition(configuration.capacity >= 1 && stepCount >= 1 && actorCount >= 1)
        self.configuration = configuration
        self.discount = discount
        self.stepCount = stepCount
        let capacity = configuration.capacity
        observations = [UInt16](repeating: 0, count: capacity * ObservationLayout.count)
        actions = [Int8](repeating: -1, count: capacity)
        rewards = [Float](repeating: 0, count: capacity)
        returns = [Float](repeating: 0, count: capacity)
        bootstrapFrames = [Int32](repeating: -1, count: capacity)
        bootstrapDiscounts = [Float](repeating: 0, count: capacity)
        tree = SumTree(capacity: capacity)
        pendingFrames = Array(repeating: [], count: actorCount)
    }

    /// The number of frames held (at most the capacity).
    public var frameCount: Int { min(writtenFrameCount, configuration.capacity) }

    /// Whether any transition can be sampled.
    public var canSample: Bool { tree.total > 0 }

    // MARK: Adding

    /// Starts `actor`'s episode with its reset observation (an unfinished episode is dropped:
    /// its pending transitions never become samplable).
    public mutating func beginEpisode(actor: Int, observation: UnsafeBufferPointer<Float>) {
        pendingFrames[actor] = [store(observation)]
    }

    /// Records that `actor` took `action` from its latest observation, received `reward` and saw
    /// `nextObservation`; `terminated` ends the episode with no bootstrap, `truncated` with one.
    public mutating func addStep(
        actor: Int, action: Int, reward: Float, nextObservation: UnsafeBufferPointer<Float>,
        terminated: Bool, truncated: Bool
    ) {
        guard let from = pendingFrames[actor].last else {
            preconditionFailure("replay: actor \(actor) stepped before its episode began")
        }
        actions[Int(from)] = Int8(action)
        rewards[Int(from)] = reward
        let next = store(nextObservation)
        pendingFrames[actor].append(next)
        let ended = terminated || truncated
        // pending = [f₀ … f_k]: transitions from f₀ … f_{k−1}; f_k is the newest observation. A
        // window that reaches a termination ends there (no bootstrap); a truncation bootstraps.
        while pendingFrames[actor].count > stepCount || (ended && pendingFrames[actor].count > 1) {
            finalize(chain: pendingFrames[actor], bootstrap: !terminated)
            pendingFrames[actor].removeFirst()
        }
        if ended { pendingFrames[actor] = [] }
    }

    /// Sets the n-step return of the transition from `chain[0]`, using up to n rewards of the chain.
    private mutating func finalize(chain: [Int32], bootstrap: Bool) {
        let steps = min(stepCount, chain.count - 1)
        var total: Float = 0
        var factor: Float = 1
        for k in 0..<steps {
            total += factor * rewards[Int(chain[k])]
            factor *= discount
        }
        let slot = Int(chain[0])
        returns[slot] = total
        bootstrapFrames[slot] = bootstrap ? chain[steps] : -1
        bootstrapDiscounts[slot] = bootstrap ? factor : 0
        tree.set(slot, priority: configuration.prioritized ? maximumPriority : 1)
    }

    /// Writes an observation into the next frame (overwriting the oldest) and returns its index.
    private mutating func store(_ observation: UnsafeBufferPointer<Float>) -> Int32 {
        precondition(observation.count == ObservationLayout.count, "replay stores \(ObservationLayout.count)-value observations")
        let slot = writtenFrameCount % configuration.capacity
        writtenFrameCount += 1
        tree.set(slot, priority: 0)
        actions[slot] = -1
        bootstrapFrames[slot] = -1
        observations.withUnsafeMutableBufferPointer { stored in
            let base = slot * ObservationLayout.count
            for index in 0..<ObservationLayout.count { stored[base + index] = Float16(observation[index]).bitPattern }
        }
        return Int32(slot)
    }

    // MARK: Sampling

    /// A sampled batch: slots, what the learner needs from each, and importance weights.
    public struct Batch: Sendable {
        public var slots: [Int] = []
        public var actions: [Int] = []
        public var returns: [Float] = []
        /// γᵏ for the k steps the return covers; 0 when the episode terminated (no bootstrap).
        public var bootstrapDiscounts: [Float] = []
        /// Observations `[B, 1099]` and the bootstrap observations `[B, 1099]` (zeros where none).
        public var observations = Tensor()
        public var bootstrapObservations = Tensor()
        /// Importance-sampling weights, normalised so the largest is 1 (all 1 for uniform replay).
        public var importanceWeights: [Float] = []
    }

    /// Draws `size` transitions, one from each of `size` equal segments of the priority total.
    ///
    /// - Precondition: ``canSample``.
    public func sample(size: Int, using generator: inout Xoshiro256StarStar) -> Batch {
        precondition(canSample, "replay: nothing to sample yet")
        var batch = Batch()
        let segment = tree.total / Double(size)
        for k in 0..<size {
            let value = (Double(k) + generator.nextUniform()) * segment
            batch.slots.append(tree.find(value)!)
        }
        let width = ObservationLayout.count
        batch.observations = Tensor(zeros: [size, width])
        batch.bootstrapObservations = Tensor(zeros: [size, width])
        batch.observations.withUnsafeMutableBufferPointer { current in
            batch.bootstrapObservations.withUnsafeMutableBufferPointer { next in
                observations.withUnsafeBufferPointer { stored in
                    for (row, slot) in batch.slots.enumerated() {
                        for index in 0..<width { current[row * width + index] = Float(Float16(bitPattern: stored[slot * width + index])) }
                        let frame = Int(bootstrapFrames[slot])
                        guard frame >= 0 else { continue }
                        for index in 0..<width { next[row * width + index] = Float(Float16(bitPattern: stored[frame * width + index])) }
                    }
                }
            }
        }
        batch.actions = batch.slots.map { Int(actions[$0]) }
        batch.returns = batch.slots.map { returns[$0] }
        batch.bootstrapDiscounts = batch.slots.map { bootstrapFrames[$0] >= 0 ? bootstrapDiscounts[$0] : 0 }
        if configuration.prioritized {
            let exponent = -Double(configuration.importanceExponent)
            let raw = batch.slots.map { pow(tree[$0] + 1e-10, exponent) }
            let largest = raw.max() ?? 1
            batch.importanceWeights = raw.map { Float($0 / largest) }
        } else {
            batch.importanceWeights = Array(repeating: 1, count: size)
        }
        return batch
    }

    /// Sets the priorities of sampled slots from their losses: `(loss + 1e-10)^α` (BLE: α = ½).
    public mutating func updatePriorities(slots: [Int], losses: [Float]) {
        guard configuration.prioritized else { return }
        for (slot, loss) in zip(slots, losses) where tree[slot] > 0 {
            let priority = pow(Double(max(loss, 0)) + 1e-10, Double(configuration.priorityExponent))
            tree.set(slot, priority: priority)
            maximumPriority = max(maximumPriority, priority)
        }
    }

    /// The priority of a slot (0: not samplable).
    public func priority(ofSlot slot: Int) -> Double { tree[slot] }

    /// The observation stored in frame `slot`, decoded to float32.
    public func observation(atSlot slot: Int) -> [Float] {
        let width = ObservationLayout.count
        return (0..<width).map { Float(Float16(bitPattern: observations[slot * width + $0])) }
    }

    /// The n-step return, the bootstrap frame (nil: none) and γᵏ of the transition from `slot`.
    public func transition(atSlot slot: Int) -> (action: Int, return: Float, bootstrapSlot: Int?, discount: Float) {
        let frame = Int(bootstrapFrames[slot])
        return (Int(actions[slot]), returns[slot], frame >= 0 ? frame : nil, frame >= 0 ? bootstrapDiscounts[slot] : 0)
    }

    // MARK: Saving

    /// Writes the whole memory into `group` (for resuming a run).
    public func write(into group: HDF5Group) throws {
        let frames = frameCount
        let width = ObservationLayout.count
        try group.setAttribute("written_frame_count", Int64(writtenFrameCount))
        try group.setAttribute("maximum_priority", maximumPriority)
        try group.setAttribute("pending_frames", Self.pendingText(pendingFrames))
        try group.createDataset("observations_float16", shape: [frames, width],
                                values: observations[0..<(frames * width)].map { Int16(bitPattern: $0) })
        try group.createDataset("actions", shape: [frames], values: Array(actions[0..<frames]))
        try group.createDataset("rewards", shape: [frames], values: Array(rewards[0..<frames]))
        try group.createDataset("returns", shape: [frames], values: Array(returns[0..<frames]))
        try group.createDataset("bootstrap_frames", shape: [frames], values: Array(bootstrapFrames[0..<frames]))
        try group.createDataset("bootstrap_discounts", shape: [frames], values: Array(bootstrapDiscounts[0..<frames]))
        try group.createDataset("priorities", shape: [frames], values: Array(tree.priorities[0..<frames]))
    }

    /// Restores the memory written by ``write(into:)``; `fail` makes the error for a damaged group.
    public mutating func read(from group: HDF5Group, fail: (String) -> Error) throws {
        guard let written = try group.numericAttribute("written_frame_count")?.first,
              let maximum = try group.numericAttribute("maximum_priority")?.first,
              let pendingText = try group.stringAttribute("pending_frames")
        else { throw fail("replay memory lacks its counters") }
        let capacity = configuration.capacity
        let frames = min(Int(written), capacity)
        let width = ObservationLayout.count
        let stored: [Int16] = try group.dataset("observations_float16").read()
        let storedActions: [Int8] = try group.dataset("actions").read()
        let storedRewards: [Float] = try group.dataset("rewards").read()
        let storedReturns: [Float] = try group.dataset("returns").read()
        let storedFrames: [Int32] = try group.dataset("bootstrap_frames").read()
        let storedDiscounts: [Float] = try group.dataset("bootstrap_discounts").read()
        let storedPriorities: [Double] = try group.dataset("priorities").read()
        guard stored.count == frames * width, [storedActions.count, storedRewards.count, storedReturns.count,
              storedFrames.count, storedDiscounts.count, storedPriorities.count].allSatisfy({ $0 == frames }),
              let pending = Self.pending(from: pendingText, actorCount: pendingFrames.count, capacity: capacity)
        else { throw fail("replay memory does not match its configuration (capacity \(capacity), \(pendingFrames.count) actors)") }
        writtenFrameCount = Int(written)
        maximumPriority = maximum
        pendingFrames = pending
        for index in 0..<(frames * width) { observations[index] = UInt16(bitPattern: stored[index]) }
        for slot in 0..<frames {
            actions[slot] = storedActions[slot]
            rewards[slot] = storedRewards[slot]
            returns[slot] = storedReturns[slot]
            bootstrapFrames[slot] = storedFrames[slot]
            bootstrapDiscounts[slot] = storedDiscounts[slot]
        }
        tree = SumTree(priorities: storedPriorities + [Double](repeating: 0, count: capacity - frames))
    }

    static func pendingText(_ pending: [[Int32]]) -> String {
        pending.map { $0.map(String.init).joined(separator: ",") }.joined(separator: ";")
    }

    static func pending(from text: String, actorCount: Int, capacity: Int) -> [[Int32]]? {
        let lists = text.split(separator: ";", omittingEmptySubsequences: false)
        guard lists.count == actorCount else { return nil }
        var result: [[Int32]] = []
        for list in lists {
            let frames = list.isEmpty ? [] : list.split(separator: ",").map { Int32($0) }
            guard frames.allSatisfy({ $0 != nil && $0! >= 0 && Int($0!) < capacity }) else { return nil }
            result.append(frames.map { $0! })
        }
        return result
    }
}

/// The settings of the replay memory (ble-reference.md §6.5: prioritized, α = ½, capacity 2 M).
public struct ReplayConfiguration: Codable, Equatable, Sendable {
    /// Frames held; the oldest is overwritten. At 2 207 bytes a frame, 1 M frames take 2.2 GB.
    public var capacity = 1_000_000
    /// Prioritized (sum tree) or uniform sampling.
    public var prioritized = true
    /// α: priorities are (loss + 1e-10)^α (BLE: ½).
    public var priorityExponent: Float = 0.5
    /// β: importance weights are (priority + 1e-10)^(−β), normalised by the batch's largest (BLE: ½).
    public var importanceExponent: Float = 0.5
    /// Whether the importance weights scale the gradient (BLE computes them after the step, so
    /// they only scale its logged loss; true applies them, as Schaul et al. intend).
    public var importanceWeightsInGradient = true

    public init() {}
}
