import Foundation

/// The archive on disk: monthly partitions of entries under one directory,
/// with an in-memory index from identity key to entry, rebuilt on open.
///
/// Only this type writes the archive. Callers hold the state directory's
/// `FileLock` while they ingest, so two processes never interleave writes;
/// within a process the actor serialises them. Every write is atomic, so a
/// crash leaves each partition either as it was or fully updated.
public actor ArchiveStore {
    public nonisolated let directory: URL
    private var partitions: [String: ArchivePartition]
    /// Identity key → (partition name, position in it).
    private var index: [String: EntryLocation]

    private struct EntryLocation: Sendable {
        var partition: String
        var position: Int
    }

    /// Reads every partition. A damaged partition stops the open with an
    /// error naming it: writing on would risk losing what it holds.
    public init(directory: URL) throws(ArchiveError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: directory.path, reason: error.localizedDescription)
        }
        AtomicFile.removeStaleTempFiles(in: directory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter(ArchivePartition.isPartitionFile).sorted()
        } catch {
            throw .cannotRead(path: directory.path, reason: error.localizedDescription)
        }
        var partitions: [String: ArchivePartition] = [:]
        var index: [String: EntryLocation] = [:]
        for name in names {
            let url = directory.appendingPathComponent(name)
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw .cannotRead(path: url.path, reason: error.localizedDescription)
            }
            let partition = try ArchivePartition.decode(data, path: url.path)
            for (position, entry) in partition.entries.enumerated() {
                for key in entry.keys {
                    index[key] = EntryLocation(partition: partition.name, position: position)
                }
            }
            partitions[partition.name] = partition
        }
        self.partitions = partitions
        self.index = index
    }

    public var count: Int { partitions.values.reduce(0) { $0 + $1.entries.count } }

    /// All entries, newest first by effective date (ties by id, so the order is stable).
    public func entries() -> [ArchivedEntry] {
        partitions.values.flatMap(\.entries).sorted {
            ($0.effectiveDate, $0.id) > ($1.effectiveDate, $1.id)
        }
    }

    public func entry(id: String) -> ArchivedEntry? {
        partitions.values.lazy.flatMap(\.entries).first { $0.id == id }
    }

    /// Adds new entries and revises changed ones, then writes only the
    /// partitions that changed. Nothing new means nothing written.
    public func ingest(_ batch: [IncomingEntry], now: Date) throws(ArchiveError) -> IngestResult {
        let seen = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        var result = IngestResult()
        var dirty: Set<String> = []
        for incoming in batch {
            guard
                let key = EntryIdentity.key(
                    for: incoming.entry, source: incoming.source, canonicalLink: incoming.canonicalLink)
            else {
                result.unidentifiable += 1
                continue
            }
            if let location = index[key] {
                if let revised = revise(at: location, with: incoming, now: seen) {
                    result.revised.append(revised)
                    dirty.insert(location.partition)
                }
                continue
            }
            let entry = ArchivedEntry(
                id: EntryIdentity.entryID(forKey: key), sources: [incoming.source], keys: [key],
                parsed: incoming.entry, canonicalLink: incoming.canonicalLink, seen: seen)
            let name = ArchivePartition.name(for: entry.effectiveDate)
            // Mutating through the subscript appends in place; a copy taken
            // out of the dictionary would duplicate the whole month each time.
            index[key] = EntryLocation(partition: name, position: partitions[name]?.entries.count ?? 0)
            partitions[name, default: ArchivePartition(name: name)].entries.append(entry)
            dirty.insert(name)
            result.added.append(entry)
        }
        for name in dirty.sorted() {
            guard let partition = partitions[name] else { continue }
            let url = directory.appendingPathComponent(partition.fileName)
            do {
                try AtomicFile.write(try partition.encoded(), to: url)
            } catch let failure as AtomicFile.Failure {
                throw .cannotWrite(path: url.path, reason: failure.description)
            } catch let error as ArchiveError {
                throw error
            } catch {
                throw .cannotWrite(path: url.path, reason: "\(error)")
            }
            result.partitionsWritten.append(name)
        }
        return result
    }

    /// Updates a known entry in place when its text changed at the source;
    /// returns it when it did. A second source carrying it is recorded too.
    private func revise(at location: EntryLocation, with incoming: IncomingEntry, now: Date) -> ArchivedEntry? {
        guard var entry = partitions[location.partition]?.entries[location.position] else { return nil }
        var changed = false
        if !entry.sources.contains(incoming.source) {
            entry.sources.append(incoming.source)
            changed = true
        }
        let new = incoming.entry
        if new.title != entry.title || new.summaryText != entry.summary || new.contentText != entry.contentText {
            entry.title = new.title
            entry.summary = new.summaryText
            entry.summaryHTML = new.summaryHTML
            entry.contentText = new.contentText
            entry.contentHTML = new.contentHTML
            entry.updated = new.updated ?? entry.updated
            entry.revision += 1
            entry.updatedAt = now
            changed = true
        }
        guard changed else { return nil }
        partitions[location.partition]?.entries[location.position] = entry
        return entry
    }
}
