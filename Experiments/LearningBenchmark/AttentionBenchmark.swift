import Learning

/// FAVOR+ against exact softmax attention on one sequence of n tokens, one head of width 64.
func benchmarkAttention(lengths: [Int], featureCount: Int, headWidth: Int) {
    var rows: [[String]] = []
    for n in lengths {
        var generator = Xoshiro256StarStar(seed: UInt64(n))
        let layout = SequenceLayout.uniform(sequenceCount: 1, length: n)
        func random() -> Tensor {
            ParameterInitialization.normal(standardDeviation: 1).makeTensor(shape: [n, headWidth], using: &generator)
        }
        let (q, k, v, outputGradient) = (random(), random(), random(), random())
        var favor = FAVORAttention(headCount: 1, headWidth: headWidth, featureCount: featureCount, using: &generator)
        var softmax = SoftmaxAttention(headCount: 1, headWidth: headWidth)
        let big = n >= 4096
        let repetitions = big ? 1 : 3
        let favorForward = medianSeconds(repetitions: 3) { _ = favor.forward(query: q, key: k, value: v, layout: layout) }
        let favorBoth = medianSeconds(repetitions: 3) {
            _ = favor.forward(query: q, key: k, value: v, layout: layout)
            _ = favor.backward(outputGradient)
        }
        let softmaxForward = medianSeconds(repetitions: repetitions, budget: big ? 0 : 0.5, warmUp: !big) {
            _ = softmax.forward(query: q, key: k, value: v, layout: layout)
        }
        let softmaxBoth = medianSeconds(repetitions: repetitions, budget: big ? 0 : 0.5, warmUp: !big) {
            _ = softmax.forward(query: q, key: k, value: v, layout: layout)
            _ = softmax.backward(outputGradient)
        }
        rows.append([
            "\(n)",
            format(softmaxForward * 1e3, 2), format(favorForward * 1e3, 2), format(softmaxForward / favorForward, 1) + "×",
            format(softmaxBoth * 1e3, 2), format(favorBoth * 1e3, 2), format(softmaxBoth / favorBoth, 1) + "×",
            megabytes(softmax.intermediateByteCount), megabytes(favor.intermediateByteCount),
            megabytes(maximumResidentBytes()),
        ])
    }
    printTable(
        "(a) Attention, one sequence, one head of width \(headWidth), FAVOR+ with m = \(featureCount) orthogonal features",
        header: ["n", "softmax fwd ms", "FAVOR+ fwd ms", "ratio", "softmax f+b ms", "FAVOR+ f+b ms", "ratio",
                 "softmax MB", "FAVOR+ MB", "max RSS MB"],
        rows: rows,
        notes: ["MB: attention intermediates held after forward+backward (caches and scratch), from their shapes;",
                "max RSS: the process's peak resident memory so far (getrusage), monotone by construction."])
}
