import Foundation
import Learning

/// Exact softmax attention in Double, written the obvious way: the oracle for both kernels.
///
/// Inputs are `[rows, heads·d]` as the kernels take them; masked keys get weight 0, and a
/// query with no attendable key gets 0.
func referenceSoftmaxAttention(query: Tensor, key: Tensor, value: Tensor, layout: SequenceLayout, headCount: Int) -> [Double] {
    let width = query.rowWidth
    let d = width / headCount
    var output = [Double](repeating: 0, count: query.count)
    for s in 0..<layout.sequenceCount {
        let rows = Array(layout.rows(of: s))
        for h in 0..<headCount {
            for i in rows {
                var scores: [Double] = []
                for j in rows {
                    var dot = 0.0
                    for c in 0..<d { dot += Double(query[i, h * d + c]) * Double(key[j, h * d + c]) }
                    scores.append(layout.keyMask[j] == 0 ? -.infinity : dot / Double(d).squareRoot())
                }
                let largest = scores.max() ?? -.infinity
                guard largest > -.infinity else { continue }
                let weights = scores.map { exp($0 - largest) }
                let total = weights.reduce(0, +)
                for (weight, j) in zip(weights, rows) {
                    let share: Double = weight / total
                    for c in 0..<d {
                        let column: Int = h * d + c
                        output[i * width + column] += share * Double(value[j, column])
                    }
                }
            }
        }
    }
    return output
}

/// ‖a − b‖/‖b‖.
func relativeError(_ a: [Float], _ b: [Double]) -> Double {
    var (difference, norm) = (0.0, 0.0)
    for (x, y) in zip(a, b) {
        difference += (Double(x) - y) * (Double(x) - y)
        norm += y * y
    }
    return (difference / norm).squareRoot()
}

/// Checks an attention kernel's dQ, dK, dV against finite differences of Σ c·kernel(Q, K, V).
func checkKernelGradients<Kernel: AttentionKernel>(
    _ kernel: Kernel, query: Tensor, key: Tensor, value: Tensor, layout: SequenceLayout,
    checker: GradientChecker = GradientChecker(), file: StaticString = #filePath, line: UInt = #line
) {
    var checker = checker
    var kernel = kernel
    let output = kernel.forward(query: query, key: key, value: value, layout: layout)
    let cotangent = randomTensor(output.shape, seed: 91)
    let gradients = kernel.backward(cotangent)
    func loss(_ q: Tensor, _ k: Tensor, _ v: Tensor) -> Double {
        var probe = kernel
        return weightedSum(probe.forward(query: q, key: k, value: v, layout: layout), cotangent)
    }
    checker.check("query", analytic: gradients.query, value: query, loss: { loss($0, key, value) }, file: file, line: line)
    checker.check("key", analytic: gradients.key, value: key, loss: { loss(query, $0, value) }, file: file, line: line)
    checker.check("value", analytic: gradients.value, value: value, loss: { loss(query, key, $0) }, file: file, line: line)
}
