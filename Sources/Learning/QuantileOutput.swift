/// Reading a Q-network's output: rows of `actionCount × quantileCount` quantiles, action-major.
enum QuantileOutput {
    /// The mean quantile (QR-DQN's Q-value) of each action in row `row`.
    static func actionMeans(_ quantiles: UnsafeBufferPointer<Float>, row: Int, actionCount: Int, quantileCount: Int) -> [Float] {
        (0..<actionCount).map { action in
            let base = (row * actionCount + action) * quantileCount
            var sum: Float = 0
            for k in 0..<quantileCount { sum += quantiles[base + k] }
            return sum / Float(quantileCount)
        }
    }

    /// The action of row `row` with the largest mean quantile (the first on a tie).
    static func greedyAction(_ quantiles: [Float], row: Int, actionCount: Int, quantileCount: Int) -> Int {
        let means = quantiles.withUnsafeBufferPointer {
            actionMeans($0, row: row, actionCount: actionCount, quantileCount: quantileCount)
        }
        var best = 0
        for action in means.indices.dropFirst() where means[action] > means[best] { best = action }
        return best
    }
}
