import Foundation

/// The SVG panels of a flight drawing. Time panels share one horizontal layout (``timeLeft`` to
/// ``timeRight`` in a ``timeWidth``-wide view box) so one cursor lines up across them.
enum FlightPanels {
    static let timeLeft = 70.0

    /// The right end of the time axis in a panel `width` wide.
    static func timeRight(_ width: Double) -> Double { width - 70 }

    static func timeScale(_ series: FlightSeries, width: Double) -> LinearScale {
        LinearScale(domain: (0, series.endHours), range: (timeLeft, timeRight(width)))
    }

    /// Opens a time panel: the svg element, its time axis at `axisY` and a hover cursor.
    static func openTimePanel(_ svg: inout SVG, id: String, width: Double, height: Double, series: FlightSeries, axisY: Double,
                              top: Double) {
        let timeRight = timeRight(width)
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"timechart\" viewBox=\"0 0 \(SVG.number(width)) "
            + "\(SVG.number(height))\" data-left=\"\(SVG.number(timeLeft))\" data-right=\"\(SVG.number(timeRight))\" "
            + "data-hours=\"\(SVG.number(series.endHours, 4))\">")
        let time = timeScale(series, width: width)
        for tick in time.ticks(12) {
            svg.line(time(tick), top, time(tick), axisY, stroke: "#e2e2e2")
            svg.label(SVG.number(tick, 1), time(tick), axisY + 14, anchor: "middle", size: 10)
        }
        svg.line(timeLeft, axisY, timeRight, axisY, stroke: "#555")
        svg.label("hours since launch", timeRight, axisY + 28, anchor: "end", size: 10, fill: "#666")
    }

    static func closeTimePanel(_ svg: inout SVG, top: Double, bottom: Double) {
        svg.raw("<line class=\"cursor\" x1=\"-10\" y1=\"\(SVG.number(top))\" x2=\"-10\" y2=\"\(SVG.number(bottom))\" "
            + "stroke=\"#111\" stroke-width=\"1\" stroke-dasharray=\"3,2\"/>")
        svg.raw("</svg>")
    }

    /// The top-down track: station, radius circle, the path coloured by time.
    static func track(_ series: FlightSeries, size: Double = 560) -> String {
        var svg = SVG()
        let margin = 46.0
        let reach = max(series.xKm.map(abs).max() ?? 0, series.yKm.map(abs).max() ?? 0, series.radiusKm * 1.3)
        let half = [60.0, 100, 150, 200, 300, 400, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000].first { $0 >= reach * 1.05 }
            ?? reach * 1.05
        let x = LinearScale(domain: (-half, half), range: (margin, size - 20))
        let y = LinearScale(domain: (-half, half), range: (size - margin, 20))
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"track\" class=\"track\" viewBox=\"0 0 \(SVG.number(size)) \(SVG.number(size + 40))\" "
            + "data-half=\"\(SVG.number(half, 3))\" data-margin=\"\(SVG.number(margin))\" data-size=\"\(SVG.number(size))\">")
        svg.rect(margin, 20, size - 20 - margin, size - margin - 20, fill: "#fbfbfb", extra: " stroke=\"#999\"")
        for tick in x.ticks(8) {
            svg.line(x(tick), 20, x(tick), size - margin, stroke: "#e6e6e6")
            svg.line(margin, y(tick), size - 20, y(tick), stroke: "#e6e6e6")
            svg.label(SVG.number(tick, 0), x(tick), size - margin + 14, anchor: "middle", size: 10)
            svg.label(SVG.number(tick, 0), margin - 4, y(tick) + 3, anchor: "end", size: 10)
        }
        svg.label("km east of the station", (margin + size - 20) / 2, size - margin + 30, anchor: "middle", size: 11)
        svg.label("km north", 6, 14, size: 11)
        let radius = x(series.radiusKm) - x(0)
        svg.raw("<circle cx=\"\(SVG.number(x(0)))\" cy=\"\(SVG.number(y(0)))\" r=\"\(SVG.number(radius))\" fill=\"#e8f4ea\" "
            + "fill-opacity=\"0.6\" stroke=\"#2f855a\" stroke-width=\"1.5\" stroke-dasharray=\"6,4\"/>")
        svg.label("\(SVG.number(series.radiusKm, 0)) km", x(0) + radius * 0.72, y(0) - radius * 0.72 - 4, size: 10, fill: "#2f855a")
        let count = series.count
        for index in 1..<max(count, 1) {
            svg.line(x(series.xKm[index - 1]), y(series.yKm[index - 1]), x(series.xKm[index]), y(series.yKm[index]),
                     stroke: ColorScale.time(Double(index) / Double(max(count - 1, 1))), width: 2.2)
        }
        svg.line(x(0) - 7, y(0) - 7, x(0) + 7, y(0) + 7, stroke: "#111", width: 2.5)
        svg.line(x(0) - 7, y(0) + 7, x(0) + 7, y(0) - 7, stroke: "#111", width: 2.5)
        if count > 0 {
            svg.raw("<circle cx=\"\(SVG.number(x(series.xKm[0])))\" cy=\"\(SVG.number(y(series.yKm[0])))\" r=\"5\" fill=\"white\" "
                + "stroke=\"#111\" stroke-width=\"1.5\"><title>launch</title></circle>")
            svg.rect(x(series.xKm[count - 1]) - 4.5, y(series.yKm[count - 1]) - 4.5, 9, 9, fill: "#111",
                     extra: " stroke=\"white\" stroke-width=\"1\"")
        }
        svg.raw("<circle id=\"track-cursor\" class=\"track-cursor\" cx=\"-100\" cy=\"-100\" r=\"7\" fill=\"none\" stroke=\"#e53e3e\" stroke-width=\"2.5\"/>")
        // Time legend under the plot.
        let legendY = size + 8
        let legendLeft = margin
        let legendWidth = size - 20 - margin
        for step in 0..<60 {
            svg.rect(legendLeft + legendWidth * Double(step) / 60, legendY, legendWidth / 60 + 0.5, 10,
                     fill: ColorScale.time(Double(step) / 59))
        }
        svg.label("0 h", legendLeft, legendY + 24, size: 10)
        svg.label("track coloured by time · ○ launch · ■ end · × station", legendLeft + legendWidth / 2, legendY + 24,
                  anchor: "middle", size: 10)
        svg.label("\(SVG.number(series.endHours, 1)) h", legendLeft + legendWidth, legendY + 24, anchor: "end", size: 10)
        svg.raw("</svg>")
        return svg.text
    }

    /// Pressure over time drawn over the wind column (when known): each level's cell coloured by
    /// how far its wind blows toward the station.
    static func column(_ series: FlightSeries, windColumn: WindColumn?, width: Double = 1300) -> String {
        var svg = SVG()
        let top = 16.0
        let bottom = 330.0
        let levels = windColumn?.pressuresPa ?? WindColumn.defaultPressuresPa
        let lowest = min(levels.first ?? 5_000, series.pressurePa.min() ?? 5_000)
        let highest = max(levels.last ?? 14_000, series.pressurePa.max() ?? 14_000)
        let pressure = LinearScale(domain: (lowest, highest), range: (top, bottom))
        openTimePanel(&svg, id: "column", width: width, height: bottom + 36, series: series, axisY: bottom, top: top)
        svg.raw("<g data-top=\"\(SVG.number(top))\" data-bottom=\"\(SVG.number(bottom))\" data-low=\"\(SVG.number(lowest))\" "
            + "data-high=\"\(SVG.number(highest))\" id=\"column-scale\" class=\"column-scale\"></g>")
        let time = timeScale(series, width: width)
        let timeRight = timeRight(width)
        if let windColumn, !windColumn.homeward.isEmpty {
            // Cells span halfway to each neighbouring level and step; equal neighbours in time merge into one rect.
            let edges = levelEdges(levels, lowest: lowest, highest: highest)
            let stepWidth = (timeRight - timeLeft) / Double(series.count)
            for level in levels.indices {
                let shade = (0..<windColumn.homeward.count).map { step in
                    shading(cosine: windColumn.homeward[step][level], speedMps: windColumn.speedMps[step][level])
                }
                var start = 0
                while start < shade.count {
                    let bin = ColorScale.homewardBin(shade[start])
                    var end = start + 1
                    while end < shade.count, ColorScale.homewardBin(shade[end]) == bin { end += 1 }
                    svg.rect(timeLeft + Double(start) * stepWidth, pressure(edges[level]), Double(end - start) * stepWidth + 0.3,
                             pressure(edges[level + 1]) - pressure(edges[level]) + 0.3, fill: ColorScale.homeward(shade[start]))
                    start = end
                }
            }
        } else {
            svg.rect(timeLeft, top, timeRight - timeLeft, bottom - top, fill: "#f4f4f4")
        }
        for tick in pressure.ticks(9) {
            svg.line(timeLeft - 4, pressure(tick), timeLeft, pressure(tick), stroke: "#555")
            svg.label(SVG.number(tick, 0), timeLeft - 6, pressure(tick) + 3, anchor: "end", size: 10)
        }
        svg.label("Pa", 8, top + 4, size: 10, fill: "#666")
        if let altitude = series.altitudeKmAtPressure {
            for tick in pressure.ticks(9) {
                svg.line(timeRight, pressure(tick), timeRight + 4, pressure(tick), stroke: "#555")
                svg.label(SVG.number(altitude(tick), 1), timeRight + 6, pressure(tick) + 3, size: 10)
            }
            svg.label("km", timeRight + 6, top - 6, size: 10, fill: "#666")
        }
        let points = zip(series.hours, series.pressurePa).map { (time($0), pressure($1)) }
        svg.polyline(points, stroke: "white", width: 4.5, extra: " stroke-opacity=\"0.85\"")
        svg.polyline(points, stroke: "#111", width: 1.8)
        closeTimePanel(&svg, top: top, bottom: bottom)
        return svg.text
    }

    /// Winds at or above this speed get the full colour of their direction; calmer ones fade toward pale.
    static let fullColourSpeedMps = 10.0

    /// A cell's shade in [−1, 1]: the homeward cosine, scaled down for winds under ``fullColourSpeedMps``
    /// (a calm layer carries the balloon nowhere, whatever its direction).
    static func shading(cosine: Float, speedMps: Float) -> Double {
        Double(cosine) * min(1, Double(speedMps) / fullColourSpeedMps)
    }

    /// The pressure boundaries of the level cells: midpoints between levels, and the drawing's limits.
    static func levelEdges(_ levels: [Double], lowest: Double, highest: Double) -> [Double] {
        guard levels.count > 1 else { return [lowest, highest] }
        var edges = [lowest]
        for index in 1..<levels.count { edges.append((levels[index - 1] + levels[index]) / 2) }
        edges.append(highest)
        return edges
    }

    /// The homeward colour legend, as a small SVG.
    static func homewardLegend() -> String {
        var svg = SVG()
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 420 34\" class=\"legend\">")
        for bin in 0..<11 {
            let cosine = -1 + (Double(bin) + 0.5) / 11 * 2
            svg.rect(10 + Double(bin) * 26, 4, 26, 12, fill: ColorScale.homeward(cosine))
        }
        svg.label("blows away", 10, 30, size: 10)
        svg.label("across or calm", 10 + 5.5 * 26, 30, anchor: "middle", size: 10)
        svg.label("blows home", 10 + 11 * 26, 30, anchor: "end", size: 10)
        svg.raw("</svg>")
        return svg.text
    }

    /// Battery charge (left axis, %) and solar and pump power (right axis, W).
    static func power(_ series: FlightSeries, width: Double = 1300) -> String {
        var svg = SVG()
        let top = 22.0
        let bottom = 198.0
        openTimePanel(&svg, id: "power", width: width, height: bottom + 36, series: series, axisY: bottom, top: top)
        let time = timeScale(series, width: width)
        let timeRight = timeRight(width)
        let percent = LinearScale(domain: (0, 100), range: (bottom, top))
        for tick in [0.0, 25, 50, 75, 100] {
            svg.line(timeLeft, percent(tick), timeRight, percent(tick), stroke: "#eee")
            svg.label(SVG.number(tick, 0), timeLeft - 6, percent(tick) + 3, anchor: "end", size: 10, fill: "#2f855a")
        }
        svg.label("battery %", timeLeft - 6, top - 10, anchor: "end", size: 10, fill: "#2f855a")
        let maxPower = max((series.solarPowerW?.max() ?? 0), (series.acsPowerW?.max() ?? 0), 1)
        let watts = LinearScale(domain: (0, maxPower * 1.05), range: (bottom, top))
        if series.solarPowerW != nil || series.acsPowerW != nil {
            for tick in watts.ticks(5) {
                svg.label(SVG.number(tick, 0), timeRight + 6, watts(tick) + 3, size: 10, fill: "#b7791f")
            }
            svg.label("W", timeRight + 6, top - 10, size: 10, fill: "#b7791f")
        }
        if let solar = series.solarPowerW {
            svg.polyline(zip(series.hours, solar).map { (time($0), watts($1)) }, stroke: "#d69e2e", width: 1.4)
        }
        if let acs = series.acsPowerW {
            svg.polyline(zip(series.hours, acs).map { (time($0), watts($1)) }, stroke: "#805ad5", width: 1, extra: " stroke-opacity=\"0.8\"")
        }
        svg.polyline(zip(series.hours, series.batteryPercent).map { (time($0), percent($1)) }, stroke: "#2f855a", width: 2.2)
        closeTimePanel(&svg, top: top, bottom: bottom)
        return svg.text
    }

    /// Commanded and effective actions as two strips, with the safety layers' interventions marked.
    static func actions(_ series: FlightSeries, width: Double = 1300) -> String? {
        guard let command = series.command, let effective = series.effective else { return nil }
        var svg = SVG()
        let top = 8.0
        let bottom = 86.0
        openTimePanel(&svg, id: "actions", width: width, height: bottom + 36, series: series, axisY: bottom, top: top)
        let timeRight = timeRight(width)
        let stepWidth = (timeRight - timeLeft) / Double(max(series.count, 1))
        for (row, values, label) in [(0, command, "commanded"), (1, effective, "effective")] {
            let y = top + 8 + Double(row) * 34
            svg.label(label, timeLeft - 6, y + 16, anchor: "end", size: 10)
            var start = 0
            while start < values.count {
                var end = start + 1
                while end < values.count, values[end] == values[start] { end += 1 }
                let colour = (0..<3).contains(values[start]) ? ColorScale.actions[values[start]] : "#e53e3e"
                svg.rect(timeLeft + Double(start) * stepWidth, y, Double(end - start) * stepWidth + 0.3, 24, fill: colour)
                start = end
            }
        }
        for index in command.indices where command[index] != effective[index] {
            let x = timeLeft + (Double(index) + 0.5) * stepWidth
            svg.line(x, top, x, top + 6, stroke: "#c53030", width: 1.2)
        }
        closeTimePanel(&svg, top: top, bottom: bottom)
        return svg.text
    }
}
