/// The entries a query selected, newest first, and the partitions that
/// could not be read (they are skipped, and named, never silently dropped).
public struct ArchiveSelection: Sendable, Hashable {
    public var entries: [ArchivedEntry] = []
    public var unreadable: [DamagedPartition] = []

    public init() {}
}
