import Foundation

/// A run's learning curve as one self-contained SVG: four panels, TWR50 and loss against
/// environment steps (left) and against wall-clock hours (right).
///
/// TWR50 panels draw the validation mean with its 95 % band and the training episodes' mean
/// (exploration included, so lower); loss panels draw the mean quantile loss on a log scale.
/// Every point carries a `<title>`, which browsers show on hover.
public struct LearningCurvePlot {
    public var records: [TrainingMetricsRecord]
    public var title: String
    /// Horizontal lines on the TWR50 panels: a label and a TWR50 (e.g. a baseline's on the validation seeds).
    public var references: [(label: String, twr50: Double)]

    public init(records: [TrainingMetricsRecord], title: String, references: [(label: String, twr50: Double)] = []) {
        self.records = records
        self.title = title
        self.references = references
    }

    /// A series: points, colour, label; `band` gives a half-width per point.
    struct Series {
        var label: String
        var colour: String
        var points: [(x: Double, y: Double)]
        var band: [Double]? = nil
        var dashed = false
    }

    static let panelWidth = 520.0
    static let panelHeight = 300.0
    static let margin = (left: 70.0, right: 20.0, top: 40.0, bottom: 50.0)

    public func svg() -> String {
        let validation = records.filter { $0.kind == "validation" && $0.validationTWR50 != nil }
        let training = records.filter { $0.kind == "train" }
        let trainTWR = training.filter { $0.trainingTWR50 != nil }
        let losses = training.filter { ($0.loss ?? 0) > 0 }
        func twrSeries(_ x: (TrainingMetricsRecord) -> Double) -> [Series] {
            [Series(label: "validation TWR50 (greedy, 95 % band)", colour: "#1f77b4",
                    points: validation.map { (x($0), $0.validationTWR50!) },
                    band: validation.map { $0.validationTWR50HalfWidth ?? 0 }),
             Series(label: "training episodes' TWR50 (with exploration)", colour: "#ff7f0e",
                    points: trainTWR.map { (x($0), $0.trainingTWR50!) }, dashed: true)]
        }
        func lossSeries(_ x: (TrainingMetricsRecord) -> Double) -> [Series] {
            [Series(label: "loss (mean per update; imitation during the warm start)", colour: "#2ca02c", points: losses.map { (x($0), log10($0.loss!)) })]
        }
        let steps: (TrainingMetricsRecord) -> Double = { Double($0.envSteps) }
        let hours: (TrainingMetricsRecord) -> Double = { $0.wallSeconds / 3600 }
        let (w, h) = (Self.panelWidth, Self.panelHeight)
        var body = ""
        let highestTWR = (validation.map { $0.validationTWR50! + ($0.validationTWR50HalfWidth ?? 0) }
            + trainTWR.map { $0.trainingTWR50! } + references.map(\.twr50)).max() ?? 0
        let twrRange = (0.0, min(1, max(0.5, (highestTWR * 1.15 * 10).rounded(.up) / 10)))
        body += panel(x: 0, y: 30, title: "TWR50 vs environment steps", xLabel: "environment steps", yLabel: "TWR50",
                      series: twrSeries(steps), yRange: twrRange, logY: false, lines: references)
        body += panel(x: w, y: 30, title: "TWR50 vs wall-clock time", xLabel: "hours", yLabel: "TWR50",
                      series: twrSeries(hours), yRange: twrRange, logY: false, lines: references)
        body += panel(x: 0, y: 30 + h, title: "loss vs environment steps", xLabel: "environment steps", yLabel: "loss (log scale)",
                      series: lossSeries(steps), yRange: nil, logY: true)
        body += panel(x: w, y: 30 + h, title: "loss vs wall-clock time", xLabel: "hours", yLabel: "loss (log scale)",
                      series: lossSeries(hours), yRange: nil, logY: true)
        let last = records.last
        let subtitle = last.map { String(format: "%d env steps · %d updates · %d episodes · %.2f h", $0.envSteps, $0.updates, $0.episodes, $0.wallSeconds / 3600) } ?? ""
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(2 * w))" height="\(Int(2 * h + 40))" \
            viewBox="0 0 \(Int(2 * w)) \(Int(2 * h + 40))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="12" y="22" font-size="16" font-weight="bold">\(Self.escape(title)): learning curve</text>
            <text x="\(Int(2 * w - 12))" y="22" text-anchor="end" fill="#555">\(subtitle)</text>
            \(body)</svg>
            """
    }

    private func panel(x: Double, y: Double, title: String, xLabel: String, yLabel: String, series: [Series],
                       yRange: (Double, Double)?, logY: Bool, lines: [(label: String, twr50: Double)] = []) -> String {
        let m = Self.margin
        let (plotW, plotH) = (Self.panelWidth - m.left - m.right, Self.panelHeight - m.top - m.bottom)
        let (left, top) = (x + m.left, y + m.top)
        let allX = series.flatMap { $0.points.map(\.x) }
        let allY = series.flatMap { s in s.points.enumerated().flatMap { i, p in [p.y - (s.band?[i] ?? 0), p.y + (s.band?[i] ?? 0)] } }
        var out = "<g>\n<text x=\"\(f(x + m.left))\" y=\"\(f(y + 24))\" font-weight=\"bold\">\(Self.escape(title))</text>\n"
        out += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#999\"/>\n"
        guard let xMin = allX.min(), let xMax = allX.max(), let dataYMin = allY.min(), let dataYMax = allY.max() else {
            return out + "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH / 2))\" text-anchor=\"middle\" fill=\"#777\">no data yet</text>\n</g>\n"
        }
        let xSpan = xMax > xMin ? (xMin, xMax) : (xMin - 1, xMax + 1)
        var ySpan = yRange ?? (dataYMin, dataYMax)
        if yRange == nil {
            let pad = max((ySpan.1 - ySpan.0) * 0.05, logY ? 0.05 : 1e-6)
            ySpan = (ySpan.0 - pad, ySpan.1 + pad)
        }
        func px(_ value: Double) -> Double { left + (value - xSpan.0) / (xSpan.1 - xSpan.0) * plotW }
        func py(_ value: Double) -> Double { top + plotH - (value - ySpan.0) / (ySpan.1 - ySpan.0) * plotH }
        // Grid and ticks.
        for tick in Self.ticks(xSpan.0, xSpan.1) {
            out += "<line x1=\"\(f(px(tick)))\" y1=\"\(f(top))\" x2=\"\(f(px(tick)))\" y2=\"\(f(top + plotH))\" stroke=\"#eee\"/>"
            out += "<text x=\"\(f(px(tick)))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\">\(Self.axisLabel(tick))</text>\n"
        }
        for tick in logY ? Self.logTicks(ySpan.0, ySpan.1) : Self.ticks(ySpan.0, ySpan.1) {
            out += "<line x1=\"\(f(left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(py(tick)))\" stroke=\"#eee\"/>"
            let text = logY ? Self.label(pow(10, tick)) : Self.label(tick)
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\">\(text)</text>\n"
        }
        out += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 36))\" text-anchor=\"middle\" fill=\"#333\">\(Self.escape(xLabel))</text>\n"
        out += "<text transform=\"translate(\(f(x + 16)),\(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" fill=\"#333\">\(Self.escape(yLabel))</text>\n"
        let lineColours = ["#7f7f7f", "#d62728", "#9467bd", "#8c564b"]
        for (index, line) in lines.enumerated() where line.twr50 >= ySpan.0 && line.twr50 <= ySpan.1 {
            // The line, and its label in the legend below the series (labels on the lines would collide).
            let colour = lineColours[index % lineColours.count]
            let dash = "stroke=\"\(colour)\" stroke-width=\"1.4\" stroke-dasharray=\"2,3\""
            out += "<line x1=\"\(f(left))\" y1=\"\(f(py(line.twr50)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(py(line.twr50)))\" "
                + "\(dash)><title>\(Self.escape(line.label)): \(Self.label(line.twr50, digits: 4))</title></line>\n"
            let legendY = top + 14 + Double(series.count + index) * 16
            out += "<line x1=\"\(f(left + 8))\" y1=\"\(f(legendY - 4))\" x2=\"\(f(left + 28))\" y2=\"\(f(legendY - 4))\" \(dash)/>"
            out += "<text x=\"\(f(left + 34))\" y=\"\(f(legendY))\" fill=\"\(colour)\">"
                + "\(Self.escape(line.label)): \(Self.label(line.twr50, digits: 3))</text>\n"
        }
        for (index, s) in series.enumerated() where !s.points.isEmpty {
            if let band = s.band, s.points.count > 1 {
                let upper = s.points.enumerated().map { "\(f(px($1.x))),\(f(py(min($1.y + band[$0], ySpan.1))))" }
                let lower = s.points.enumerated().reversed().map { "\(f(px($1.x))),\(f(py(max($1.y - band[$0], ySpan.0))))" }
                out += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(s.colour)\" fill-opacity=\"0.15\"/>\n"
            }
            let path = s.points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            out += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(s.colour)\" stroke-width=\"1.8\"\(s.dashed ? " stroke-dasharray=\"5,3\"" : "")/>\n"
            for point in s.points {
                let shown = logY ? pow(10, point.y) : point.y
                out += "<circle cx=\"\(f(px(point.x)))\" cy=\"\(f(py(point.y)))\" r=\"2.5\" fill=\"\(s.colour)\"><title>\(Self.escape(s.label)): "
                    + "\(Self.label(shown, digits: 4)) at \(Self.label(point.x, digits: 4))</title></circle>\n"
            }
            let legendY = top + 14 + Double(index) * 16
            out += "<line x1=\"\(f(left + 8))\" y1=\"\(f(legendY - 4))\" x2=\"\(f(left + 28))\" y2=\"\(f(legendY - 4))\" stroke=\"\(s.colour)\" stroke-width=\"2\"\(s.dashed ? " stroke-dasharray=\"5,3\"" : "")/>"
            out += "<text x=\"\(f(left + 34))\" y=\"\(f(legendY))\">\(Self.escape(s.label))</text>\n"
        }
        return out + "</g>\n"
    }

    /// About five round tick values between `low` and `high`.
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        guard high > low else { return [low] }
        let raw = (high - low) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var tick = ceil(low / step) * step
        while tick <= high + step * 1e-9 {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }

    /// Ticks for a log₁₀ axis from `low` to `high` (in log units): 1-2-5 steps of each decade, or
    /// whole decades when the span is wide.
    static func logTicks(_ low: Double, _ high: Double) -> [Double] {
        let mantissas: [Double] = high - low > 3 ? [1] : high - low > 1 ? [1, 2, 5] : [1, 1.5, 2, 3, 5, 7]
        var ticks: [Double] = []
        for decade in Int(floor(low))...Int(ceil(high)) {
            for mantissa in mantissas {
                let tick = log10(mantissa) + Double(decade)
                if tick >= low && tick <= high { ticks.append(tick) }
            }
        }
        return ticks
    }

    /// A tick label: 500k, 1.5M for large round numbers, else ``label(_:digits:)``.
    static func axisLabel(_ value: Double) -> String {
        if abs(value) >= 1e6 { return label(value / 1e6) + "M" }
        if abs(value) >= 1e4 { return label(value / 1e3) + "k" }
        return label(value)
    }

    static func label(_ value: Double, digits: Int = 3) -> String {
        if value != 0 && (abs(value) >= 1e6 || abs(value) < 1e-3) { return String(format: "%.\(max(digits - 1, 1))e", value) }
        if abs(value) >= 1000 && value == value.rounded() { return String(Int(value)) }
        return String(format: "%.\(digits)g", value)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
