import Foundation

/// The drawing of one flight: track, pressure over the wind column, battery and power, actions,
/// with a hover read-out of every step.
public enum FlightPage {
    /// Writes the page of `log` to `path` atomically.
    ///
    /// - Parameters:
    ///   - windColumn: the wind column after each step (from ``FlightReplay``), drawn behind the pressure.
    ///   - verdict: the replay's divergence, or nil when the replay was identical.
    public static func write(_ log: FlightLog, title: String, windColumn: WindColumn?, verdict: String?, to path: String) throws {
        try PageDocument.write(html(log, title: title, windColumn: windColumn, verdict: verdict), to: path)
    }

    /// The page's text.
    public static func html(_ log: FlightLog, title: String, windColumn: WindColumn?, verdict: String?) -> String {
        let series = FlightSeries(log: log)
        let summary = FlightSummary(log)
        let settings = log.settings
        var body = "<h1>\(SVG.escape(title))</h1>\n"
        body += "<p class=\"meta\">agent \(SVG.escape(settings.agent.name)) · profile \(settings.configuration.profile.rawValue) · "
            + "winds \(SVG.escape(settings.winds.name)) · seed \(log.scenario.seed.map(String.init) ?? "none") · station "
            + String(format: "%.3f°, %.3f°", log.scenario.station.latitudeDeg, log.scenario.station.longitudeDeg)
            + " · launch " + SVG.escape(isoTime(log.scenario.startUnixSeconds)) + " · loonsim \(SVG.escape(settings.loonsimVersion))</p>\n"
        body += "<p class=\"meta\">replay: " + (verdict.map { "<span class=\"bad\">\(SVG.escape($0))</span>" }
            ?? "<span class=\"ok\">identical</span> (every step re-flown bit for bit)") + "</p>\n"
        body += "<div class=\"row\"><div class=\"trackbox\"><h2>Track (top-down)</h2>\n\(FlightPanels.track(series))</div>\n"
        body += "<div><h2>Summary</h2>\n\(summaryTable(summary))</div></div>\n"
        body += "<h2>Pressure over the wind column</h2>\n"
        body += "<p class=\"note\">Black line: the balloon's pressure (higher up = lower pressure, at the top). Background: at the "
            + "balloon's position after each step, the ground-truth wind at each level, coloured by its direction relative to "
            + "the station (full colour at \(SVG.number(FlightPanels.fullColourSpeedMps, 0)) m/s or more, paler for calmer winds).</p>\n"
        body += FlightPanels.homewardLegend() + "\n" + FlightPanels.column(series, windColumn: windColumn) + "\n"
        body += "<h2>Battery, solar and pump power</h2>\n<p class=\"note key\"><span style=\"background:#2f855a\"></span>battery "
            + "charge (%)<span style=\"background:#d69e2e\"></span>solar power (W)<span style=\"background:#805ad5\"></span>"
            + "pump (ACS) power (W)</p>\n" + FlightPanels.power(series) + "\n"
        if let actions = FlightPanels.actions(series) {
            body += "<h2>Actions</h2>\n<p class=\"note key\"><span style=\"background:\(ColorScale.actions[0])\"></span>down"
                + "<span style=\"background:\(ColorScale.actions[1])\"></span>stay<span style=\"background:\(ColorScale.actions[2])\">"
                + "</span>up · red ticks: the safety layers changed the command</p>\n" + actions + "\n"
        }
        body += "<div id=\"tip\"></div>"
        return PageDocument.html(title: title, body: body, script: "var DATA = \(data(series, windColumn: windColumn));\n"
            + FlightPageScript.text + Self.linkedStep)
    }

    /// Wires the page and, for a link to `page.html#step=N`, marks step N (showing its read-out without a mouse).
    static let linkedStep = """
        var showStep = attachFlight(document, DATA);
        var linked = /step=(\\d+)/.exec(window.location.hash);
        if (linked) showStep(Math.min(Math.max(+linked[1] - 1, 0), DATA.t.length - 1), null, null);
        """

    static func summaryTable(_ summary: FlightSummary) -> String {
        let rows: [(String, String)] = [
            ("TWR50", String(format: "%.4f (%d of %d steps flown); full trial %.4f", summary.timeWithinRadius, summary.steps,
                             summary.trialSteps, summary.timeWithinRadiusFullTrial)),
            ("time within 50 km", String(format: "%.2f h of %.2f h", summary.hoursWithin50Km, summary.hoursFlown)),
            ("distance", String(format: "min %.1f · median %.1f · mean %.1f · max %.1f · final %.1f km", summary.distanceMinKm,
                                summary.distanceMedianKm, summary.distanceMeanKm, summary.distanceMaxKm, summary.distanceFinalKm)),
            ("pump energy", String(format: "%.1f Wh", summary.pumpEnergyWh)),
            ("actions commanded", "down \(summary.commanded[0]) · stay \(summary.commanded[1]) · up \(summary.commanded[2])"),
            ("actions effective", "down \(summary.effective[0]) · stay \(summary.effective[1]) · up \(summary.effective[2])"),
            ("safety layers", "\(summary.interventions) interventions; held navigation: power \(summary.powerPausedSteps) · "
                + "envelope \(summary.envelopeHeldSteps) · altitude \(summary.altitudeHeldSteps) steps"),
            ("failure", summary.failure ?? "none"),
            ("cumulative reward", String(format: "%.2f", summary.cumulativeReward)),
        ]
        return "<table class=\"summary\">" + rows.map { "<tr><td class=\"k\">\(SVG.escape($0.0))</td><td>\(SVG.escape($0.1))</td></tr>" }
            .joined() + "</table>"
    }

    /// The page's data object: per-step series and the wind column (homeward cosines × 100).
    static func data(_ series: FlightSeries, windColumn: WindColumn?) -> String {
        var fields = [
            "\"t\":" + PageDocument.array(series.hours, 4), "\"x\":" + PageDocument.array(series.xKm, 2),
            "\"y\":" + PageDocument.array(series.yKm, 2), "\"p\":" + PageDocument.array(series.pressurePa, 0),
            "\"sp\":" + PageDocument.array(series.superpressurePa, 0), "\"soc\":" + PageDocument.array(series.batteryPercent, 1),
            "\"d\":" + PageDocument.array(series.distanceKm, 1),
        ]
        if let altitude = series.altitudeKm { fields.append("\"alt\":" + PageDocument.array(altitude, 3)) }
        if let solar = series.solarPowerW { fields.append("\"solar\":" + PageDocument.array(solar, 0)) }
        if let acs = series.acsPowerW { fields.append("\"acs\":" + PageDocument.array(acs, 0)) }
        if let command = series.command { fields.append("\"a\":[" + command.map(String.init).joined(separator: ",") + "]") }
        if let effective = series.effective { fields.append("\"e\":[" + effective.map(String.init).joined(separator: ",") + "]") }
        if let u = series.windU, let v = series.windV {
            fields.append("\"wu\":" + PageDocument.array(u, 2))
            fields.append("\"wv\":" + PageDocument.array(v, 2))
        }
        if let windColumn {
            fields.append("\"levels\":" + PageDocument.array(windColumn.pressuresPa, 0))
            fields.append("\"home\":[" + windColumn.homeward.map { row in
                "[" + row.map { String(Int((Double($0) * 100).rounded())) }.joined(separator: ",") + "]"
            }.joined(separator: ",") + "]")
            fields.append("\"speed\":[" + windColumn.speedMps.map { PageDocument.array($0.map(Double.init), 1) }
                .joined(separator: ",") + "]")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func isoTime(_ unixSeconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(unixSeconds)))
    }
}
