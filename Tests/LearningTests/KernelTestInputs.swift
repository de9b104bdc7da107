import CDenseKernels

/// The instruction sets this CPU can run, each of which a C kernel must give the same bits on.
let supportedKernelPaths = [LOONSIM_ISA_PORTABLE, LOONSIM_ISA_AVX2, LOONSIM_ISA_AVX512].filter { loonsim_isa_supported($0) != 0 }

/// `count` varied floats in `offset ± range/2` from a small congruential generator (the same for a seed).
func kernelTestValues(_ count: Int, seed: UInt64, range: Float, offset: Float = 0) -> [Float] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (Float(state >> 40) / Float(1 << 24) - 0.5) * range + offset
    }
}
