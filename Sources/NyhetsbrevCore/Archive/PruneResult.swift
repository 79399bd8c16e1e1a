/// What a retention run removed.
public struct PruneResult: Sendable, Hashable {
    public var removed = 0
    public var partitionsWritten: [String] = []
    public var partitionsRemoved: [String] = []

    public init() {}
}
