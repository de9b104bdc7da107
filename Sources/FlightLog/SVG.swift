import Foundation

/// A small writer of well-formed SVG/XHTML text: escaped text, compact numbers.
struct SVG {
    private(set) var text = ""

    /// `value` with at most `digits` decimals and no trailing zeros (compact, locale-free).
    static func number(_ value: Double, _ digits: Int = 1) -> String {
        guard value.isFinite else { return "0" }
        var formatted = String(format: "%.\(digits)f", value)
        if formatted.contains(".") {
            while formatted.hasSuffix("0") { formatted.removeLast() }
            if formatted.hasSuffix(".") { formatted.removeLast() }
        }
        return formatted == "-0" ? "0" : formatted
    }

    /// `text` with XML's five special characters escaped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Appends raw markup.
    mutating func raw(_ markup: String) { text += markup }

    /// Appends an empty element with attributes, e.g. `element("rect", ["x": 1])`.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, content: String? = nil) {
        text += "<\(name)"
        for (key, value) in attributes { text += " \(key)=\"\(Self.escape(value))\"" }
        if let content { text += ">\(Self.escape(content))</\(name)>" } else { text += "/>" }
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
                       dash: String? = nil) {
        text += "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\""
            + " stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width, 2))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
    }

    mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, fill: String, extra: String = "") {
        text += "<rect x=\"\(Self.number(x, 2))\" y=\"\(Self.number(y, 2))\" width=\"\(Self.number(width, 2))\""
            + " height=\"\(Self.number(height, 2))\" fill=\"\(fill)\"\(extra)/>"
    }

    mutating func label(_ content: String, _ x: Double, _ y: Double, anchor: String = "start", size: Double = 11,
                        fill: String = "#333", extra: String = "") {
        text += "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" text-anchor=\"\(anchor)\" font-size=\"\(Self.number(size))\""
            + " fill=\"\(fill)\"\(extra)>\(Self.escape(content))</text>"
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5, extra: String = "") {
        guard !points.isEmpty else { return }
        let list = points.map { "\(Self.number($0.0))," + Self.number($0.1) }.joined(separator: " ")
        text += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width, 2))\"\(extra)/>"
    }
}

/// A linear map from data values to pixels.
struct LinearScale {
    var domain: (Double, Double)
    var range: (Double, Double)

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.1 - domain.0
        guard span != 0 else { return (range.0 + range.1) / 2 }
        return range.0 + (value - domain.0) / span * (range.1 - range.0)
    }

    /// About `count` round tick values inside the domain.
    func ticks(_ count: Int) -> [Double] {
        let low = min(domain.0, domain.1)
        let high = max(domain.0, domain.1)
        guard high > low, count > 0 else { return [low] }
        let raw = (high - low) / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var value = (low / step).rounded(.up) * step
        while value <= high + step * 1e-9 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }
}
