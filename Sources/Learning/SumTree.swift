/// A binary tree of non-negative priorities whose inner nodes hold the sums of their children:
/// O(log n) updates and proportional sampling, as prioritized replay needs (Schaul et al. 2016).
///
/// Leaves are the slots `0..<capacity`; a slot with priority 0 is never sampled.
/// ``find(_:)`` maps a value in `[0, total)` to the slot whose cumulative interval holds it, so
/// a uniform value gives a slot with probability `priority / total`.
public struct SumTree: Sendable, Equatable {
    /// The number of slots.
    public let capacity: Int
    /// Leaves start at `leafBase` (a power of two ≥ capacity); node k's children are 2k and 2k + 1.
    private let leafBase: Int
    private var nodes: [Double]

    /// A tree of `capacity` slots, all of priority 0.
    public init(capacity: Int) {
        precondition(capacity >= 1, "a sum tree needs at least one slot")
        self.capacity = capacity
        var base = 1
        while base < capacity { base *= 2 }
        leafBase = base
        nodes = [Double](repeating: 0, count: 2 * base)
    }

    /// The sum of all priorities.
    public var total: Double { nodes[1] }

    /// The priority of `slot`.
    public subscript(slot: Int) -> Double {
        nodes[leafBase + slot]
    }

    /// Sets the priority of `slot` and the sums above it.
    public mutating func set(_ slot: Int, priority: Double) {
        precondition(slot >= 0 && slot < capacity, "slot \(slot) outside 0..<\(capacity)")
        precondition(priority >= 0 && priority.isFinite, "priority must be finite and non-negative, not \(priority)")
        var node = leafBase + slot
        nodes[node] = priority
        node /= 2
        while node >= 1 {
            // Recomputed from the children, not adjusted by a difference, so no rounding drifts in.
            nodes[node] = nodes[2 * node] + nodes[2 * node + 1]
            node /= 2
        }
    }

    /// The slot whose cumulative interval holds `value` (clamped into `[0, total)`); nil when the total is 0.
    public func find(_ value: Double) -> Int? {
        guard total > 0 else { return nil }
        var remaining = min(max(value, 0), total)
        var node = 1
        while node < leafBase {
            let left = nodes[2 * node]
            if remaining < left || nodes[2 * node + 1] == 0 {
                node = 2 * node
            } else {
                remaining -= left
                node = 2 * node + 1
            }
        }
        // Rounding can land on an empty leaf at an interval's edge; step back to a non-empty one.
        var slot = node - leafBase
        while slot > 0 && (slot >= capacity || nodes[leafBase + slot] == 0) { slot -= 1 }
        return nodes[leafBase + slot] > 0 ? slot : nil
    }

    /// All leaf priorities, slot order (for saving).
    public var priorities: [Double] { Array(nodes[leafBase..<(leafBase + capacity)]) }

    /// A tree holding `priorities` (as ``priorities`` gave them).
    public init(priorities: [Double]) {
        self.init(capacity: max(priorities.count, 1))
        for (slot, priority) in priorities.enumerated() { nodes[leafBase + slot] = priority }
        for node in stride(from: leafBase - 1, through: 1, by: -1) { nodes[node] = nodes[2 * node] + nodes[2 * node + 1] }
    }
}
