import XCTest
final class loonsimTestsPlaceholder: XCTestCase { func testNothing() {} }
