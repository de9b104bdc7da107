import XCTest
final class WindFieldTestsPlaceholder: XCTestCase { func testNothing() {} }
