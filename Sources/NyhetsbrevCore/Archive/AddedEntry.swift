import Foundation

/// An entry a cycle archived, as its report keeps it: what a listing
/// shows, plus the entry's archived line for the full record on request.
/// Keeping every new entry whole (summaries, content, HTML) for the report
/// doubled the memory of a large first cycle; the line is the archive's own
/// copy, shared rather than duplicated.
public struct AddedEntry: Sendable, Hashable {
    public let id: String
    public let sources: [SourceID]
    public let title: String?
    public let link: String?
    public let effectiveDate: Date
    private let line: Data

    init(_ entry: ArchivedEntry, line: Data) {
        id = entry.id
        sources = entry.sources
        title = entry.title
        link = entry.link
        effectiveDate = entry.effectiveDate
        self.line = line
    }

    /// The whole entry as it was archived.
    public func archived() throws(ArchiveError) -> ArchivedEntry {
        do {
            return try ArchiveCoding.decoder().decode(ArchivedEntry.self, from: line)
        } catch {
            throw .damaged(path: "entry \(id)", reason: ArchiveCoding.describe(error))
        }
    }
}
