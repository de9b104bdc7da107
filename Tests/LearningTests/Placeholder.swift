import XCTest
final class LearningTestsPlaceholder: XCTestCase { func testNothing() {} }
