@testable import FlightLog
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Counts the elements of a document and fails on anything that is not well-formed XML.
final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var ids: [String] = []
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
        if let id = attributes["id"] { ids.append(id) }
    }

    static func parse(_ text: String) throws -> ElementCounter {
        let counter = ElementCounter()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = counter
        guard parser.parse() else {
            throw NSError(domain: "xml", code: 1, userInfo: [NSLocalizedDescriptionKey:
                "not well-formed at line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "?")"])
        }
        return counter
    }
}

final class FlightPageTests: XCTestCase {
    func testTheFlightPageIsWellFormedAndDrawsEveryPanel() throws {
        let log = FlightSamples.seed3
        let outcome = try FlightSamples.replay(log, windColumn: WindColumn.defaultPressuresPa)
        let html = FlightPage.html(log, title: "seed_3.h5", windColumn: outcome.windColumn, verdict: nil)
        let counter = try ElementCounter.parse(html)
        XCTAssertEqual(counter.counts["svg"], 5, "track, legend, column, power, actions")
        for id in ["track", "track-cursor", "column", "power", "actions", "tip"] { XCTAssertTrue(counter.ids.contains(id), id) }
        XCTAssertEqual(counter.counts["line", default: 0] > 24, true, "the track's 23 segments and the axes")
        XCTAssertGreaterThan(counter.counts["rect", default: 0], 37, "at least one wind cell per level")
        XCTAssertEqual(counter.counts["polyline"], 5, "pressure and its halo, solar, pump, battery")
        XCTAssertFalse(html.contains("http://") && html.contains("src=\"http"), "nothing loaded from the network")
        XCTAssertTrue(html.contains("\"a\":[" + log.result.flightPath.map { String($0.command) }.joined(separator: ",") + "]"))
        XCTAssertTrue(html.contains("identical"))
    }

    func testTheOverviewIsWellFormedSortableAndLinksEachFlight() throws {
        let log = FlightSamples.seed3
        let row = FlightOverview.Row(file: "small_eval/station-seeker/seed_3.h5", page: "index_flights/seed_3.html",
                                     summary: FlightSummary(log), log: log, verdict: "identical")
        let html = FlightOverview.html([row, row], title: "runs/evaluate")
        let counter = try ElementCounter.parse(html)
        XCTAssertEqual(counter.counts["tr"], 3)
        XCTAssertEqual(counter.counts["a"], 2)
        XCTAssertTrue(html.contains("href=\"index_flights/seed_3.html\""))
        XCTAssertTrue(html.contains(String(format: "%.4f", log.result.timeWithinRadius)))
    }

    func testBLEsEvaluationJSONIsDrawnWithoutVerification() throws {
        let json = #"[{"seed": 7, "cumulative_reward": 3.5, "time_within_radius": 0.5, "out_of_power": false, "envelope_burst": false, "zeropressure": false, "final_timestep": 2, "flight_path": [{"x": 1.0, "y": 2.0, "pressure": 9000.0, "superpressure": 200.0, "elapsed_seconds": 180.0, "power": 0.9}, {"x": 60.0, "y": 2.5, "pressure": 9100.0, "superpressure": 210.0, "elapsed_seconds": 360.0, "power": 0.85}]}]"#
        let path = NSTemporaryDirectory() + "ble-\(getpid()).json"
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let flights = try BLEEvaluationFile.read(path)
        XCTAssertEqual(flights.map(\.seed), [7])
        XCTAssertEqual(flights[0].flightPath[1].xKm, 60)
        let html = BLEEvaluationPage.html(flights, title: "ble.json")
        let counter = try ElementCounter.parse(html)
        XCTAssertEqual(counter.counts["svg"], 3, "track, pressure, battery")
        XCTAssertTrue(counter.ids.contains("track-7"))
        XCTAssertTrue(html.contains("var FLIGHTS = {\"7\":{\"t\":[0.05,0.1],\"x\":[1,60],"), "each seed's data for the hover read-out")
        XCTAssertTrue(html.contains("\"seed\":7}"))
    }
}
