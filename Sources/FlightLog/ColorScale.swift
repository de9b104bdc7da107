/// The colours of the drawings.
enum ColorScale {
    /// Viridis at five stops: time runs dark purple → blue → green → yellow.
    static let viridis: [(Double, Double, Double)] = [
        (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
    ]

    /// The colour for `fraction` ∈ [0, 1] of the flight's time.
    static func time(_ fraction: Double) -> String {
        interpolate(viridis, fraction)
    }

    /// Blows away (−1, red) … across (0, pale) … blows home (+1, blue): a diverging scale.
    static let homewardStops: [(Double, Double, Double)] = [
        (178, 24, 43), (239, 138, 98), (247, 247, 247), (103, 169, 207), (33, 102, 172),
    ]

    /// The colour for a homeward cosine, quantised to `bins` classes so neighbouring cells merge.
    static func homeward(_ cosine: Double, bins: Int = 11) -> String {
        interpolate(homewardStops, (Double(homewardBin(cosine, bins: bins)) + 0.5) / Double(bins))
    }

    /// The homeward class of a cosine (the same quantisation as ``homeward(_:bins:)``).
    static func homewardBin(_ cosine: Double, bins: Int = 11) -> Int {
        min(bins - 1, Int(((min(max(cosine, -1), 1) + 1) / 2 * Double(bins)).rounded(.down)))
    }

    /// Commanded/effective action colours: DOWN, STAY, UP.
    static let actions = ["#2b6cb0", "#a0aec0", "#dd6b20"]

    private static func interpolate(_ stops: [(Double, Double, Double)], _ fraction: Double) -> String {
        let position = min(max(fraction, 0), 1) * Double(stops.count - 1)
        let index = min(Int(position), stops.count - 2)
        let t = position - Double(index)
        let a = stops[index]
        let b = stops[index + 1]
        func channel(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * t).rounded()) }
        let rgb = [channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2)]
        return "#" + rgb.map { value in
            let hex = String(value, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
