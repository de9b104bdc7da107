import XCTest
@testable import Evaluation

final class SeedSelectionTests: XCTestCase {
    func testSuitesHoldBLEsSeeds() {
        XCTAssertEqual(EvaluationSuite.micro.seeds, [0])
        XCTAssertEqual(EvaluationSuite.tiny.seeds, Array(0...9))
        XCTAssertEqual(EvaluationSuite.small.seeds.count, 100)
        XCTAssertEqual(EvaluationSuite.big.seeds.last, 9_999)
        XCTAssertEqual(EvaluationSuite.small.bleName, "small_eval")
    }

    func testSeedListsReadRangesAndSinglesInOrderWithoutRepeats() throws {
        XCTAssertEqual(try SeedList.parse("0-3"), [0, 1, 2, 3])
        XCTAssertEqual(try SeedList.parse("7"), [7])
        XCTAssertEqual(try SeedList.parse("5-6, 1, 5"), [5, 6, 1])
    }

    func testMalformedSeedListsAreRejected() {
        for (text, message) in [("", "seed list is empty"), ("9-2", "seed list range '9-2' ends before it starts"),
                                ("x", "seed list 'x' is not a seed or a range like 0-99"),
                                ("-3", "seed list '-3' is not a seed or a range like 0-99"),
                                ("1,,2", "seed list '' is not a seed or a range like 0-99")] {
            XCTAssertThrowsError(try SeedList.parse(text), text) { XCTAssertEqual("\($0)", message) }
        }
    }

    func testShardsSplitLikeBLE() throws {
        let seeds = Array(0..<10)
        let parts = (0..<3).map { Shard(index: $0, count: 3).select(seeds) }
        XCTAssertEqual(parts, [[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]])
        XCTAssertEqual(try Shard(parsing: "2/3"), Shard(index: 2, count: 3))
        XCTAssertThrowsError(try Shard(parsing: "3/3"))
        XCTAssertThrowsError(try Shard(parsing: "1"))
    }
}
