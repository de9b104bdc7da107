import Foundation

/// Wall-clock seconds of one call of `body`.
func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
}

/// The median time of `body` over at least `repetitions` runs (more, up to `budget` seconds,
/// when it is fast), after one untimed warm-up run unless `warmUp` is false.
func medianSeconds(repetitions: Int, budget: Double = 0.5, warmUp: Bool = true, _ body: () -> Void) -> Double {
    if warmUp { body() }
    var times: [Double] = []
    var spent = 0.0
    while times.count < repetitions || (spent < budget && times.count < 200) {
        let time = seconds(body)
        times.append(time)
        spent += time
    }
    times.sort()
    return times[times.count / 2]
}

/// The process's peak resident set size so far, in bytes (getrusage).
func maximumResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024  // kilobytes on Linux
}

/// Prints a table with right-aligned columns under a title.
func printTable(_ title: String, header: [String], rows: [[String]], notes: [String] = []) {
    let widths = header.indices.map { column in
        max(header[column].count, rows.map { $0[column].count }.max() ?? 0)
    }
    func line(_ cells: [String]) -> String {
        zip(cells, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ")
    }
    print("\n\(title)")
    print(line(header))
    print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for row in rows { print(line(row)) }
    for note in notes { print(note) }
}

func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

func megabytes(_ bytes: Int) -> String { format(Double(bytes) / 1_048_576, 1) }
