import Foundation

/// The drawing of a BLE evaluation JSON: its flight paths (track, pressure, battery per seed) and
/// TWR50 per seed. BLE's JSON holds no actions, so nothing is verified.
public enum BLEEvaluationPage {
    /// Writes the page of `flights` to `path` atomically.
    public static func write(_ flights: [BLEFlight], title: String, to path: String) throws {
        try PageDocument.write(html(flights, title: title), to: path)
    }

    /// The page's text: a sortable table of seeds, then each seed's panels.
    public static func html(_ flights: [BLEFlight], title: String) -> String {
        let mean = flights.map(\.timeWithinRadius).reduce(0, +) / Double(max(flights.count, 1))
        var body = "<h1>BLE evaluation: \(SVG.escape(title))</h1>\n"
        body += "<p class=\"meta\">\(flights.count) seeds · mean TWR50 \(String(format: "%.4f", mean)) · flight paths only "
            + "(BLE's JSON holds no actions or scenarios, so these flights are drawn, not re-flown)</p>\n"
        body += "<table class=\"runs\"><thead><tr><th>seed</th><th>TWR50</th><th class=\"l\"></th><th>cumulative reward</th>"
            + "<th>steps</th><th class=\"l\">failure</th></tr></thead><tbody>\n"
        for flight in flights {
            body += "<tr><td><a href=\"#seed-\(flight.seed)\">\(flight.seed)</a></td>"
                + "<td>\(String(format: "%.4f", flight.timeWithinRadius))</td>"
                + "<td class=\"l\"><span class=\"bar\" style=\"width:\(SVG.number(flight.timeWithinRadius * 120))px\"></span></td>"
                + "<td>\(String(format: "%.2f", flight.cumulativeReward))</td><td>\(flight.finalTimestep)</td>"
                + "<td class=\"l\">\(flight.failure ?? "none")</td></tr>\n"
        }
        body += "</tbody></table>\n"
        let drawn = flights.filter { !$0.flightPath.isEmpty }.map { ($0, FlightSeries(ble: $0.flightPath)) }
        for (flight, series) in drawn {
            body += "<h2 id=\"seed-\(flight.seed)\">seed \(flight.seed) · TWR50 \(String(format: "%.4f", flight.timeWithinRadius))</h2>\n"
            body += "<div class=\"row flight\" data-seed=\"\(flight.seed)\"><div style=\"width:420px;flex:none\">"
                + "\(uniqueIDs(FlightPanels.track(series, size: 420), seed: flight.seed))</div>"
                + "<div style=\"flex:1\"><p class=\"note\">pressure (Pa; higher up = lower pressure)</p>"
                + "\(uniqueIDs(FlightPanels.column(series, windColumn: nil, width: 900), seed: flight.seed))"
                + "<p class=\"note\">battery charge (%)</p>\(uniqueIDs(FlightPanels.power(series, width: 900), seed: flight.seed))"
                + "</div></div>\n"
        }
        body += "<div id=\"tip\"></div>"
        let data = drawn.map { flight, series in
            "\"\(flight.seed)\":" + String(FlightPage.data(series, windColumn: nil).dropLast())
                + ",\"seed\":\(flight.seed)}"
        }.joined(separator: ",")
        let script = "var FLIGHTS = {\(data)};\n" + FlightPageScript.text + """
            var sections = document.querySelectorAll('div.flight');
            for (var f = 0; f < sections.length; f++) attachFlight(sections[f], FLIGHTS[sections[f].dataset.seed]);
            """
        return PageDocument.html(title: "BLE evaluation: \(title)", body: body, script: script)
    }

    /// The panels' ids made unique per seed (a page holds one panel set per seed).
    static func uniqueIDs(_ svg: String, seed: Int) -> String {
        var text = svg
        for id in ["track-cursor", "track", "column-scale", "column", "power"] {
            text = text.replacingOccurrences(of: "id=\"\(id)\"", with: "id=\"\(id)-\(seed)\"")
        }
        return text
    }
}
