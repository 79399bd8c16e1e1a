import Foundation

/// An entry a cycle archived, as its report keeps it: what a listing
/// shows, read from the cycle's shared `AddedEntries` table, and the whole
/// record on request, read back from the partition the cycle wrote. A
/// first cycle archives thousands of entries; holding each one's summary,
/// content and HTML, or even its JSON line and its own strings, for the
/// report was a large part of that cycle's memory.
public struct AddedEntry: Sendable, Hashable {
    let table: AddedEntries
    let row: Int

    public var id: String { table.id(row) }
    public var sources: [SourceID] { table.sources(row) }
    public var title: String? { table.title(row) }
    public var link: String? { table.link(row) }
    public var effectiveDate: Date { table.effectiveDate(row) }

    /// The whole entry as this cycle archived it, read back from the
    /// partition file it wrote; looked up by id in the archive when that
    /// file cannot be read.
    public func archived() throws(ArchiveError) -> ArchivedEntry {
        let id = self.id
        guard let (lines, position) = table.line(row) else { throw .notFound(id: id) }
        if position < lines.slots.count, let entry = try? lines.entry(at: position), entry.id == id {
            return entry
        }
        guard let entry = try ArchiveReader(directory: lines.directory).entry(id: id) else { throw .notFound(id: id) }
        return entry
    }

    /// Equal when they describe the same entry at the same place in the archive.
    public static func == (lhs: AddedEntry, rhs: AddedEntry) -> Bool {
        lhs.id == rhs.id && lhs.sources == rhs.sources && lhs.title == rhs.title && lhs.link == rhs.link
            && lhs.effectiveDate == rhs.effectiveDate && lhs.table.place(lhs.row) == rhs.table.place(rhs.row)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(table.place(row))
    }
}
