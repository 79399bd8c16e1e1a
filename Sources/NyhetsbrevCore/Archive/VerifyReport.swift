/// The outcome of `archive verify`: problems make it fail (exit 1); notes
/// are states the next write repairs by itself (an out-of-date index after
/// an interrupted write, a leftover temp file).
public struct VerifyReport: Sendable, Hashable {
    public var partitions = 0
    public var entries = 0
    public var problems: [String] = []
    public var notes: [String] = []

    public var isHealthy: Bool { problems.isEmpty }

    public init() {}
}
