/// Accumulates problems for one file, attaching line numbers as they are
/// reported, and hands them back in file order.
struct ProblemCollector {
    let file: String
    let index: KeyLineIndex
    private(set) var problems: [ConfigProblem] = []

    init(file: String, index: KeyLineIndex) {
        self.file = file
        self.index = index
    }

    mutating func report(_ keyPath: String, _ message: String) {
        problems.append(ConfigProblem(file: file, line: index.line(for: keyPath), keyPath: keyPath, message: message))
    }

    /// Problems sorted by line (unlocated ones last), keeping report order on ties.
    var sorted: [ConfigProblem] {
        problems.enumerated()
            .sorted { ($0.element.line ?? .max, $0.offset) < ($1.element.line ?? .max, $1.offset) }
            .map(\.element)
    }
}
