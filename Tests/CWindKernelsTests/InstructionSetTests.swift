import CWindKernels
import XCTest

final class InstructionSetTests: XCTestCase {
    func testTheBestInstructionSetIsSupportedAndNoneIsBetter() {
        let best = loonsim_best_isa()
        XCTAssertEqual(loonsim_isa_supported(best), 1)
        XCTAssertEqual(loonsim_isa_supported(LOONSIM_ISA_PORTABLE), 1)
        XCTAssertEqual(supportedInstructionSets.last, best)
        print("CWindKernels: instruction sets \(supportedInstructionSets.map(\.rawValue)), best \(best.rawValue)")
    }

    func testAnUnknownInstructionSetIsNotSupported() {
        XCTAssertEqual(loonsim_isa_supported(loonsim_isa(rawValue: 7)), 0)
    }
}
