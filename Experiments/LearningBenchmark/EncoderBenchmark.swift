import Learning

/// Forward+backward throughput of encoder configurations and of BLE's 7×600 MLP, batch 32.
func benchmarkEncoder(batch: Int, configurations: [(String, EncoderConfiguration)]) {
    var generator = Xoshiro256StarStar(seed: 7)
    let observations = SyntheticObservations.batch(count: batch, using: &generator)
    var rows: [[String]] = []

    for (name, configuration) in configurations {
        var encoder = ObservationEncoder(configuration: configuration)
        let outputGradient = Tensor(shape: [batch, configuration.actionCount, configuration.quantileCount],
                                    repeating: 1e-3)
        let forward = medianSeconds(repetitions: 5) { _ = encoder.forward(observations) }
        let both = medianSeconds(repetitions: 5) {
            _ = encoder.forward(observations)
            encoder.backward(outputGradient)
        }
        rows.append([name, "\(encoder.parameterCount)", "\(encoder.lastTokenCount)", format(forward * 1e3, 2),
                     format(both * 1e3, 2), format(Double(batch) / both, 0)])
    }

    var mlp = MultilayerPerceptron(widths: [1099] + Array(repeating: 600, count: 7) + [153], activation: .relu,
                                   using: &generator)
    let mlpGradient = Tensor(shape: [batch, 153], repeating: 1e-3)
    let mlpForward = medianSeconds(repetitions: 5) { _ = mlp.forward(observations) }
    let mlpBoth = medianSeconds(repetitions: 5) {
        _ = mlp.forward(observations)
        _ = mlp.backward(mlpGradient)
    }
    rows.append(["BLE MLP 1099→600×7→153 (ReLU)", "\(mlp.parameterCount)", "–", format(mlpForward * 1e3, 2),
                 format(mlpBoth * 1e3, 2), format(Double(batch) / mlpBoth, 0)])
    printTable("(b) Forward+backward of a batch of \(batch) synthetic observations, one core",
               header: ["network", "parameters", "tokens", "fwd ms", "fwd+bwd ms", "samples/s"], rows: rows,
               notes: ["tokens: token rows over the batch (valid wind slots plus slot 180; invalid slots are not built)."])
}
