import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An entry a cycle archived, as its report keeps it: what a listing
/// shows, plus where the entry's line is in the partition the cycle wrote,
/// for the full record on request. A first cycle archives thousands of
/// entries; holding each one's summary, content and HTML (or even its JSON
/// line) for the report was a large part of that cycle's memory.
public struct AddedEntry: Sendable, Hashable {
    public let id: String
    public let sources: [SourceID]
    public let title: String?
    public let link: String?
    public let effectiveDate: Date
    let partition: String
    let position: Int
    /// Where the commit put the lines of `partition`; nil until it did.
    var lines: CommittedLines?

    init(_ entry: ArchivedEntry, at position: IngestResult.Position, sources: [SourceID]) {
        id = entry.id
        self.sources = sources
        title = entry.title
        link = entry.link
        effectiveDate = entry.effectiveDate
        partition = position.partition
        self.position = position.position
    }

    /// The whole entry as it was archived: read back from its partition,
    /// or looked up by id when the partition changed since (a later cycle
    /// or a prune rewrote it).
    public func archived() throws(ArchiveError) -> ArchivedEntry {
        guard let lines else { throw .notFound(id: id) }
        if position < lines.slots.count, let entry = try? lines.entry(at: position), entry.id == id {
            return entry
        }
        guard let entry = try ArchiveReader(directory: lines.directory).entry(id: id) else { throw .notFound(id: id) }
        return entry
    }

    /// Equal when they describe the same entry at the same place; where the commit put it is not compared.
    public static func == (lhs: AddedEntry, rhs: AddedEntry) -> Bool {
        lhs.id == rhs.id && lhs.sources == rhs.sources && lhs.title == rhs.title && lhs.link == rhs.link
            && lhs.effectiveDate == rhs.effectiveDate && lhs.partition == rhs.partition && lhs.position == rhs.position
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(partition)
        hasher.combine(position)
    }
}

/// Where a commit wrote each entry line of one partition: shared by all
/// the report's entries of that partition, so each entry holds a reference
/// and a position instead of its line.
final class CommittedLines: Sendable {
    let directory: URL
    let path: String
    let slots: [SpoolFile.Slot]

    init(directory: URL, path: String, slots: [SpoolFile.Slot]) {
        self.directory = directory
        self.path = path
        self.slots = slots
    }

    /// Decodes the line at `position`, as the commit wrote it.
    func entry(at position: Int) throws(ArchiveError) -> ArchivedEntry {
        let slot = slots[position]
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: errnoText()) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: slot.length)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, slot.length, off_t(slot.offset)) }
        guard n == slot.length else { throw .damaged(path: path, reason: "entry \(position + 1) is not where it was written") }
        do {
            return try ArchiveCoding.decoder().decode(ArchivedEntry.self, from: Data(bytes))
        } catch {
            throw .damaged(path: path, reason: "entry \(position + 1): " + ArchiveCoding.describe(error))
        }
    }
}
