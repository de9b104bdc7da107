// LearningBenchmark: speed and memory of the learning core, against baselines measured in
// the same run.
//
//     swift run -c release --scratch-path .build-learning LearningBenchmark [--quick]
//
// (a) FAVOR+ against exact softmax attention as the sequence grows (linear vs quadratic);
// (b) encoder forward+backward throughput against BLE's 7×600 MLP, batch 32;
// (c) OpenBLAS matrix products against a plain Swift loop.
// --quick stops the attention sweep at 2048 tokens and trims the rest (about 15 s).
import Foundation
import Learning

let quick = CommandLine.arguments.contains("--quick")
if let unknown = CommandLine.arguments.dropFirst().first(where: { $0 != "--quick" }) {
    FileHandle.standardError.write(Data("LearningBenchmark: unknown argument '\(unknown)' (only --quick)\n".utf8))
    exit(2)
}

print("LearningBenchmark\(quick ? " --quick" : ""): one thread; times are medians of repeated runs")

benchmarkAttention(lengths: quick ? [361, 1024, 2048] : [361, 1024, 2048, 4096, 8192], featureCount: 256, headWidth: 64)

let standard = EncoderConfiguration()
var exact = EncoderConfiguration()
exact.attention = .softmax
var small = EncoderConfiguration()
(small.width, small.featureCount, small.feedForwardWidth) = (16, 16, 32)
var wide = EncoderConfiguration()
(wide.width, wide.headCount, wide.featureCount, wide.feedForwardWidth) = (64, 4, 32, 128)
benchmarkEncoder(batch: 32, configurations: quick ? [("encoder, default (w32 h2 m32 ff64, 2 blocks)", standard)] : [
    ("encoder, default (w32 h2 m32 ff64, 2 blocks)", standard),
    ("encoder, default with exact softmax attention", exact),
    ("encoder, small (w16 h2 m16 ff32, 2 blocks)", small),
    ("encoder, wide (w64 h4 m32 ff128, 2 blocks)", wide),
])

benchmarkMatrixProducts(shapes: quick ? [(32, 1099, 600), (512, 512, 512)]
                                      : [(32, 1099, 600), (4096, 16, 48), (361, 64, 128), (1024, 1024, 1024)])
