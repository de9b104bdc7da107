import Learning

/// OpenBLAS sgemm against a plain Swift triple loop over unsafe pointers (i-k-j order).
func benchmarkMatrixProducts(shapes: [(m: Int, k: Int, n: Int)]) {
    var rows: [[String]] = []
    for (m, k, n) in shapes {
        var generator = Xoshiro256StarStar(seed: UInt64(m * k + n))
        let a = ParameterInitialization.uniform(bound: 1).makeTensor(shape: [m, k], using: &generator)
        let b = ParameterInitialization.uniform(bound: 1).makeTensor(shape: [k, n], using: &generator)
        let flops = 2 * Double(m) * Double(k) * Double(n)
        var blasResult = Tensor()
        let blas = medianSeconds(repetitions: 3) { blasResult = Tensor.matmul(a, b) }
        var loopResult = [Float](repeating: 0, count: m * n)
        let loop = medianSeconds(repetitions: 3) { naiveProduct(a, b, m: m, k: k, n: n, into: &loopResult) }
        let agree = zip(blasResult.scalars, loopResult).allSatisfy { abs($0 - $1) <= 1e-3 * Float(k) }
        rows.append(["\(m)×\(k) · \(k)×\(n)", format(flops / blas * 1e-9, 1), format(flops / loop * 1e-9, 1),
                     format(loop / blas, 1) + "×", agree ? "yes" : "NO"])
    }
    printTable("(c) Matrix products, GFLOP/s, one thread", header: ["shape", "OpenBLAS", "Swift loop", "ratio", "agree"],
               rows: rows)
}

private func naiveProduct(_ a: Tensor, _ b: Tensor, m: Int, k: Int, n: Int, into c: inout [Float]) {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                c.update(repeating: 0)
                for i in 0..<m {
                    for p in 0..<k {
                        let aValue = a[i * k + p]
                        for j in 0..<n { c[i * n + j] += aValue * b[p * n + j] }
                    }
                }
            }
        }
    }
}
