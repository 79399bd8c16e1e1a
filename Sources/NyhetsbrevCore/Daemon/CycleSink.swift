import Foundation

/// Where a cycle's entries go: the archive, opened when the first source
/// has entries (a cycle of 304s never reads or writes it), staged source by
/// source and committed once at the end. The first archive error stops
/// further staging and is thrown by `commit`, so a cycle that could not
/// archive everything writes nothing and its sources are fetched again.
struct CycleSink {
    let stateDirectory: StateDirectory
    private var archive: ArchiveStore?
    private var failure: ArchiveError?
    private var added = AddedEntries.Builder()
    private var committed: AddedEntries?
    private(set) var revised: [ArchivedEntry] = []

    init(stateDirectory: StateDirectory) {
        self.stateDirectory = stateDirectory
    }

    mutating func stage(_ batch: [IncomingEntry], now: Date) async {
        guard !batch.isEmpty, failure == nil else { return }
        do throws(ArchiveError) {
            if archive == nil { archive = try ArchiveStore(directory: stateDirectory.archive) }
            guard let store = archive else { return }
            let result = try await store.stage(batch, now: now)
            for (entry, position) in zip(result.added, result.addedPositions) { added.append(entry, at: position) }
            revised += result.revised
        } catch {
            failure = error
        }
    }

    /// The entries added (in the order they were staged) and revised, moved out of the sink.
    mutating func takeResults() -> (added: [AddedEntry], revised: [ArchivedEntry]) {
        defer {
            committed = nil
            revised = []
        }
        return (committed?.entries ?? [], revised)
    }

    /// Writes what was staged, then lets the archive go: its lookup tables
    /// are not needed after the cycle, and the report reads entries back
    /// from where the commit wrote them.
    mutating func commit() async throws(ArchiveError) {
        if let failure { throw failure }
        guard let archive else { return }
        _ = try await archive.commit()
        committed = added.finish(lines: await archive.committedLines(of: added.partitions))
        added = AddedEntries.Builder()
        self.archive = nil
    }
}
