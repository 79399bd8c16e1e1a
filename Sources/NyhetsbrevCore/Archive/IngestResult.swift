import Foundation

/// What one ingest changed, so the caller can report new entries and tests
/// can check that nothing was written when nothing changed.
public struct IngestResult: Sendable, Hashable {
    /// Entries seen for the first time, in the order they arrived.
    public var added: [ArchivedEntry] = []
    /// Where each entry in `added` is in its partition, in the same order.
    var addedPositions: [Position] = []
    /// Known entries whose text changed at their first source ("Uppdaterad" in a digest).
    public var revised: [ArchivedEntry] = []
    /// Ids of known entries that another source also carries now.
    public var merged: [String] = []
    /// Entries that could not be identified (no id, link or title) and were skipped.
    public var unidentifiable: Int = 0
    /// Entries skipped because retention removed them before (tombstones).
    public var suppressed: Int = 0
    /// Partition files rewritten, by name.
    public var partitionsWritten: [String] = []

    public init() {}

    /// An entry's place: its partition and its position there.
    struct Position: Sendable, Hashable {
        var partition: String
        var position: Int
    }
}
