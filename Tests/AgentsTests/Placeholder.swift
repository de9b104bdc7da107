import XCTest
final class AgentsTestsPlaceholder: XCTestCase { func testNothing() {} }
