import Foundation

/// The overview page of an evaluation: one sortable row per flight (TWR50, distance, energy,
/// failure, replay verdict), each linking to its own flight page.
public enum FlightOverview {
    /// One flight of the overview.
    public struct Row: Sendable {
        /// The log's path relative to the evaluation folder, and its page relative to the overview (nil: none).
        public var file: String
        public var page: String?
        public var summary: FlightSummary
        public var seed: Int?
        public var agent: String
        /// `identical` or `diverges`.
        public var verdict: String

        public init(file: String, page: String?, summary: FlightSummary, log: FlightLog, verdict: String) {
            self.file = file
            self.page = page
            self.summary = summary
            seed = log.scenario.seed
            agent = log.settings.agent.name
            self.verdict = verdict
        }
    }

    /// Writes the overview of `rows` to `path` atomically.
    public static func write(_ rows: [Row], title: String, to path: String) throws {
        try PageDocument.write(html(rows, title: title), to: path)
    }

    /// The page's text.
    public static func html(_ rows: [Row], title: String) -> String {
        let mean = rows.isEmpty ? 0 : rows.map(\.summary.timeWithinRadius).reduce(0, +) / Double(rows.count)
        let identical = rows.filter { $0.verdict == "identical" }.count
        var body = "<h1>Evaluation: \(SVG.escape(title))</h1>\n"
        body += "<p class=\"meta\">\(rows.count) flights · mean TWR50 \(String(format: "%.4f", mean)) · \(identical) of "
            + "\(rows.count) replayed identical · click a column to sort, a file to open its flight</p>\n"
        let headers = ["flight", "agent", "seed", "TWR50", "", "hours within 50 km", "median km", "final km", "pump Wh",
                       "interventions", "failure", "replay"]
        body += "<table class=\"runs\" id=\"runs\"><thead><tr>"
        for (index, header) in headers.enumerated() {
            body += "<th class=\"\(index <= 1 || index >= 10 ? "l" : "")\" data-column=\"\(index)\">\(SVG.escape(header))</th>"
        }
        body += "</tr></thead><tbody>\n"
        for row in rows {
            let s = row.summary
            let link = row.page.map { "<a href=\"\(SVG.escape($0))\">\(SVG.escape(row.file))</a>" } ?? SVG.escape(row.file)
            let cells: [(String, String, String)] = [
                (link, row.file, "l"), (SVG.escape(row.agent), row.agent, "l"),
                (row.seed.map(String.init) ?? "–", String(row.seed ?? -1), ""),
                (String(format: "%.4f", s.timeWithinRadius), String(s.timeWithinRadius), ""),
                ("<span class=\"bar\" style=\"width:\(SVG.number(s.timeWithinRadius * 120))px\"></span>", String(s.timeWithinRadius), "l"),
                (String(format: "%.2f", s.hoursWithin50Km), String(s.hoursWithin50Km), ""),
                (String(format: "%.1f", s.distanceMedianKm), String(s.distanceMedianKm), ""),
                (String(format: "%.1f", s.distanceFinalKm), String(s.distanceFinalKm), ""),
                (String(format: "%.1f", s.pumpEnergyWh), String(s.pumpEnergyWh), ""),
                (String(s.interventions), String(s.interventions), ""),
                (s.failure ?? "none", s.failure ?? "none", "l"),
                ("<span class=\"\(row.verdict == "identical" ? "ok" : "bad")\">\(row.verdict)</span>", row.verdict, "l"),
            ]
            body += "<tr>" + cells.map { "<td class=\"\($0.2)\" data-value=\"\(SVG.escape($0.1))\">\($0.0)</td>" }.joined() + "</tr>\n"
        }
        body += "</tbody></table>"
        return PageDocument.html(title: "loonsim evaluation: \(title)", body: body, script: sortScript)
    }

    /// Click a header to sort by it (numbers numerically); click again to reverse.
    static let sortScript = #"""
(function () {
  var table = document.getElementById('runs'), body = table.tBodies[0], last = -1, ascending = true;
  var heads = table.tHead.rows[0].cells;
  for (var h = 0; h < heads.length; h++) {
    heads[h].addEventListener('click', function (ev) {
      var column = +ev.currentTarget.dataset.column;
      ascending = column === last ? !ascending : true; last = column;
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.value, y = b.cells[column].dataset.value, nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : (x < y ? -1 : x > y ? 1 : 0);
        return ascending ? order : -order;
      });
      for (var r = 0; r < rows.length; r++) body.appendChild(rows[r]);
    });
  }
})();
"""#
}
