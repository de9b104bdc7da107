import XCTest
final class BLEModelsTestsPlaceholder: XCTestCase { func testNothing() {} }
