/// numpy's `linspace(start, stop, count)`: `start + i·step` with `step = (stop − start)/(count − 1)`,
/// and the last point exactly `stop`.
func linspace(_ start: Double, _ stop: Double, _ count: Int) -> [Double] {
    guard count > 1 else { return count == 1 ? [start] : [] }
    let step = (stop - start) / Double(count - 1)
    var values = (0..<count).map { Double($0) * step + start }
    values[count - 1] = stop
    return values
}
