import Agents
import Foundation
import XCTest

/// `NumPyFloat32.exp` gives NumPy's float32 `np.exp` bit for bit, not the correctly rounded value.
final class NumPyFloat32Tests: XCTestCase {

    func testExpMatchesNumPysFloat32KernelBitForBit() {
        // (input bits, np.exp output bits) from NumPy 2.4.6's AVX2 kernel (the AVX-512F one agrees).
        let golden: [(UInt32, UInt32)] = [
            (0xC16A_535C, 0x34EA_23B1),  // exp(-14.64535140991211), correctly rounded 0x34EA23B2
            (0xC1CD_66D5, 0x2CF8_BDB1),  // exp(-25.67521095275879), correctly rounded 0x2CF8BDB2
            (0xC0A5_67CF, 0x3BBA_790D),  // exp(-5.168921947479248), correctly rounded 0x3BBA790E
            (0xC18F_40BD, 0x328F_A180),  // exp(-17.9066104888916), correctly rounded 0x328FA17F
            (0xBF80_0000, 0x3EBC_5AB1),  // exp(-1.0), correctly rounded 0x3EBC5AB2
            (0xBE19_999A, 0x3F5C_575A),  // exp(-0.15000000596046448), correctly rounded 0x3F5C575C
            (0xC0E0_0000, 0x3A6F_0B5C),  // exp(-7.0), correctly rounded 0x3A6F0B5D
            (0xC1E4_CCCD, 0x2AD5_9F6C),  // exp(-28.600000381469727), correctly rounded 0x2AD59F6B
            (0x3F80_0000, 0x402D_F855),  // exp(1.0), correctly rounded 0x402DF854
            (0x42B1_7213, 0x7F7F_FD84),  // exp(88.7228012084961), the largest finite result
            (0xC2AD_6666, 0x00F1_E9B8),  // exp(-86.69999694824219), subnormal; correctly rounded 0x00F1E9B9
            (0xC2C8_0000, 0x0000_001B),  // exp(-100.0), subnormal
            (0xC2CF_F1B4, 0x0000_0001),  // exp(-103.97207641601562), the smallest non-zero result
        ]
        for (input, output) in golden {
            let x = Float(bitPattern: input)
            XCTAssertEqual(NumPyFloat32.exp(x).bitPattern, output, "exp(\(x))")
        }
    }

    func testExpSaturatesAndPassesSpecialValuesAsNumPyDoes() {
        XCTAssertEqual(NumPyFloat32.exp(0), 1)
        XCTAssertEqual(NumPyFloat32.exp(-0.0), 1)
        XCTAssertEqual(NumPyFloat32.exp(88.72283935546875), .infinity)
        XCTAssertEqual(NumPyFloat32.exp(.infinity), .infinity)
        XCTAssertEqual(NumPyFloat32.exp(-103.97208404541015625), 0)
        XCTAssertEqual(NumPyFloat32.exp(-.infinity), 0)
        XCTAssertTrue(NumPyFloat32.exp(.nan).isNaN)
    }

    func testExpStaysWithinNumPysStatedErrorOfTheTrueValue() {
        // NumPy states at most 2.52 ulp over all float32 inputs, at x = −62.03 (bits 0xC2781E37);
        // measured against float64 `exp` in units of the rounded value's ulp that input gives 2.54.
        var inputs = [Float(bitPattern: 0xC278_1E37)]
        for step in 0..<10_000 { inputs.append(-80 + 0.0163 * Float(step)) }
        for x in inputs {
            let reference = Foundation.exp(Double(x))
            let ulps = abs(Double(NumPyFloat32.exp(x)) - reference) / Double(Float(reference).ulp)
            XCTAssertLessThanOrEqual(ulps, 2.55, "exp(\(x))")
        }
    }
}
