import CWindKernels

/// The instruction sets this CPU runs, the portable one first.
let supportedInstructionSets: [loonsim_isa] =
    [LOONSIM_ISA_PORTABLE, LOONSIM_ISA_AVX2, LOONSIM_ISA_AVX512].filter { loonsim_isa_supported($0) != 0 }

/// Deterministic inputs for the kernels' tests: SplitMix64 mapped to [0, 1).
struct KernelInputs {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }

    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
    }
}

/// The bits of `values`, for comparisons that must hold to the last bit (NaN included).
func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
