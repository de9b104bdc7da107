/// How the rows of a token matrix split into independent sequences, and which tokens may be attended to.
///
/// A batch of variable-length sequences is stored as one `[rows, width]` matrix with
/// the sequences one after another; attention never crosses a sequence boundary.
/// Tokens whose key mask is 0 still get an output as queries but are invisible as keys.
public struct SequenceLayout: Equatable, Sendable {
    /// Row offsets: sequence `s` is rows `starts[s]..<starts[s + 1]`; `starts[0] == 0`.
    public private(set) var starts: [Int]
    /// Per row: 1 if the token may be attended to, 0 if it is masked out of the keys.
    public private(set) var keyMask: [Float]

    /// A layout from sequence lengths, with every token attendable unless `keyMask` says otherwise.
    public init(lengths: [Int], keyMask: [Float]? = nil) {
        precondition(lengths.allSatisfy { $0 >= 0 }, "sequence lengths must be non-negative")
        var starts = [0]
        for length in lengths { starts.append(starts.last! + length) }
        let rows = starts.last!
        precondition(keyMask == nil || keyMask!.count == rows, "key mask has \(keyMask!.count) entries for \(rows) rows")
        precondition(keyMask?.allSatisfy({ $0 == 0 || $0 == 1 }) ?? true, "key mask entries must be 0 or 1")
        self.starts = starts
        self.keyMask = keyMask ?? [Float](repeating: 1, count: rows)
    }

    /// `count` sequences of `length` tokens each, none masked.
    public static func uniform(sequenceCount count: Int, length: Int) -> SequenceLayout {
        SequenceLayout(lengths: Array(repeating: length, count: count))
    }

    /// The number of sequences.
    public var sequenceCount: Int { starts.count - 1 }

    /// The total number of rows (tokens).
    public var rowCount: Int { starts.last! }

    /// The rows of sequence `s`.
    public func rows(of sequence: Int) -> Range<Int> { starts[sequence]..<starts[sequence + 1] }
}
