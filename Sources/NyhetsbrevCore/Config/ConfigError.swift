/// Why a configuration could not be loaded.
public enum ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read at all (missing, a directory, no permission, not UTF-8).
    case unreadable(path: String, reason: String)
    /// The file was read but has problems; every problem found is listed, sorted by line.
    case invalid([ConfigProblem])

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read config file \(path): \(reason)"
        case .invalid(let problems):
            guard let first = problems.first else { return "invalid configuration" }
            let more = problems.count - 1
            return more == 0 ? first.description : "\(first) (and \(more) more; run `nyhetsbrev config check`)"
        }
    }

    /// Every problem, one per line item; an unreadable file is reported as one problem.
    public var problems: [ConfigProblem] {
        switch self {
        case .unreadable(let path, let reason):
            return [ConfigProblem(file: path, line: nil, keyPath: "", message: "cannot read config file: \(reason)")]
        case .invalid(let problems):
            return problems
        }
    }
}
