import Foundation

/// Counts for `archive stats`, taken from the indexes (fast on a large archive).
public struct ArchiveStats: Sendable, Hashable {
    public var entries = 0
    public var partitions = 0
    /// Entries carried by more than one source.
    public var sharedEntries = 0
    public var bySource: [SourceID: Int] = [:]
    public var byYear: [Int: Int] = [:]
    public var oldest: Date?
    public var newest: Date?
    public var partitionBytes: Int64 = 0
    public var indexBytes: Int64 = 0
    public var untrustedSources: [SourceID: IdentityTrust.Verdict] = [:]
    public var tombstones = 0
    public var unreadable: [DamagedPartition] = []

    public init() {}
}

extension ArchiveReader {
    public func stats() throws(ArchiveError) -> ArchiveStats {
        var stats = ArchiveStats()
        for name in try existingPartitionNames() {
            stats.partitions += 1
            let bytes: [UInt8]
            do {
                bytes = try indexBytes(name)
            } catch let ArchiveError.damaged(path, reason) {
                stats.unreadable.append(DamagedPartition(path: path, reason: reason))
                continue
            }
            stats.partitionBytes += PartitionStamp.of(path: layout.partitionFile(name).path)?.size ?? 0
            stats.indexBytes += PartitionStamp.of(path: layout.indexFile(name).path)?.size ?? 0
            Self.eachLine(bytes) { _, line in
                let fields = line.split(separator: 0x09, maxSplits: 3, omittingEmptySubsequences: false)
                guard fields.count == 4, let seconds = IndexRecord.integer(fields[1]) else { return }
                let sources = IndexRecord.sources(fields[2])
                let date = Date(timeIntervalSince1970: TimeInterval(seconds))
                stats.entries += 1
                if sources.count > 1 { stats.sharedEntries += 1 }
                for source in sources { stats.bySource[source, default: 0] += 1 }
                stats.byYear[StockholmTime.calendar.component(.year, from: date), default: 0] += 1
                stats.oldest = min(stats.oldest ?? date, date)
                stats.newest = max(stats.newest ?? date, date)
            }
        }
        stats.untrustedSources = try IdentityTrust.load(from: layout.identityFile).untrusted
        stats.tombstones = try Tombstones.load(from: layout.tombstonesFile).keys.count
        return stats
    }
}
