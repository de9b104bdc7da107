import XCTest
@testable import Learning

final class SumTreeTests: XCTestCase {
    func testTotalsAndProportionalLookup() {
        var tree = SumTree(capacity: 5)
        tree.set(0, priority: 1)
        tree.set(2, priority: 3)
        tree.set(4, priority: 0.5)
        XCTAssertEqual(tree.total, 4.5)
        XCTAssertEqual(tree.find(0), 0)
        XCTAssertEqual(tree.find(0.999), 0)
        XCTAssertEqual(tree.find(1), 2, "slot 1 has priority 0 and is skipped")
        XCTAssertEqual(tree.find(3.999), 2)
        XCTAssertEqual(tree.find(4.2), 4)
        XCTAssertEqual(tree.find(10), 4, "values beyond the total clamp to the last non-empty slot")
        tree.set(2, priority: 0)
        XCTAssertEqual(tree.total, 1.5)
        XCTAssertEqual(tree.find(1.2), 4)
    }

    func testAnEmptyTreeFindsNothing() {
        let tree = SumTree(capacity: 3)
        XCTAssertNil(tree.find(0))
    }

    func testSamplingFrequenciesFollowThePriorities() {
        var tree = SumTree(capacity: 4)
        for (slot, priority) in [1.0, 2, 3, 4].enumerated() { tree.set(slot, priority: priority) }
        var generator = Xoshiro256StarStar(seed: 1, label: "sum-tree-test")
        var counts = [0, 0, 0, 0]
        let draws = 20_000
        for _ in 0..<draws { counts[tree.find(generator.nextUniform() * tree.total)!] += 1 }
        for slot in 0..<4 {
            XCTAssertEqual(Double(counts[slot]) / Double(draws), Double(slot + 1) / 10, accuracy: 0.015)
        }
    }

    func testRebuildingFromPrioritiesGivesTheSameTree() {
        var tree = SumTree(capacity: 6)
        for slot in 0..<6 { tree.set(slot, priority: Double(slot % 3)) }
        XCTAssertEqual(SumTree(priorities: tree.priorities), tree)
    }
}
