/// The `[archive]` table of the configuration.
public struct ArchiveSettings: Sendable, Hashable {
    /// Entries older than this are removed by `archive prune` (leaving
    /// tombstones); nil keeps everything, the default: the archive is the
    /// council's memory.
    public var keep: RetentionPeriod?

    public init(keep: RetentionPeriod? = nil) {
        self.keep = keep
    }
}
