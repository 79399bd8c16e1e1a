/// How far a fetch cycle has come, reported after each source completes so a
/// terminal or a log can show `12/40 (1 failed)` without waiting for the end.
public struct FetchProgress: Sendable, Hashable {
    public var done: Int
    public var total: Int
    public var failed: Int

    public init(done: Int, total: Int, failed: Int) {
        self.done = done
        self.total = total
        self.failed = failed
    }
}
