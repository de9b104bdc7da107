@testable import Agents
import XCTest

/// `fusedMultiplyAdd` rounds `a·b + c` once, as an FMA instruction does.
final class FusedMultiplyAddTests: XCTestCase {

    func testAProductOnAFloatMidpointIsRoundedByTheTinyAddendAsOneRoundingDoes() {
        // (1 + 2⁻¹²)² = 1 + 2⁻¹¹ + 2⁻²⁴ lies exactly halfway between two floats; a double sum loses
        // ±2⁻⁸⁰ and then ties to even, but the fused result rounds away from the midpoint.
        let a: Float = 1 + 0x1p-12
        let below: Float = 1 + 0x1p-11, above: Float = 1 + 0x1p-11 + 0x1p-23
        XCTAssertEqual(fusedMultiplyAdd(a, a, 0x1p-80), above)
        XCTAssertEqual(fusedMultiplyAdd(a, a, -0x1p-80), below)
        XCTAssertEqual(fusedMultiplyAdd(a, a, 0), below)  // an exact tie goes to even
    }

    func testItAgreesWithLibmsFmafOnWideRangingInputs() {
        var state: UInt64 = 0x243F_6A88_85A3_08D3
        func nextFloat() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let bits = UInt32(truncatingIfNeeded: state >> 32)
            return Float(bitPattern: (0x3000_0000 &+ bits % 0x1200_0000) | (bits & 0x8000_0000))
        }
        for _ in 0..<200_000 {
            let (a, b, c) = (nextFloat(), nextFloat(), nextFloat())
            XCTAssertEqual(fusedMultiplyAdd(a, b, c).bitPattern, c.addingProduct(a, b).bitPattern, "\(a)·\(b) + \(c)")
        }
    }
}
