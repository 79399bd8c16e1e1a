/// Accumulates problems for one file, attaching line numbers as they are
/// reported, and hands them back in file order. The key-to-line index is
/// built at the first problem: a valid file (every daemon cycle reads one)
/// never pays for it.
struct ProblemCollector {
    let file: String
    private let text: String
    private var index: KeyLineIndex?
    private(set) var problems: [ConfigProblem] = []

    init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    mutating func report(_ keyPath: String, _ message: String) {
        let index = self.index ?? KeyLineIndex(text: text)
        self.index = index
        problems.append(ConfigProblem(file: file, line: index.line(for: keyPath), keyPath: keyPath, message: message))
    }

    /// Problems sorted by line (unlocated ones last), keeping report order on ties.
    var sorted: [ConfigProblem] {
        problems.enumerated()
            .sorted { ($0.element.line ?? .max, $0.offset) < ($1.element.line ?? .max, $1.offset) }
            .map(\.element)
    }
}
