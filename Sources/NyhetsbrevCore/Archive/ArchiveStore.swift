import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The archive's only writer. Opening reads the per-partition indexes (not
/// the entries), so a large archive opens in a fraction of the time its
/// JSON would take to decode; a cycle then loads and rewrites only the
/// partitions it touches. A partition being changed is staged in temp files
/// (`StagedPartition`), not memory, until the commit renames it into place.
///
/// Callers hold the state directory's `FileLock` while a store is open, so
/// two processes never interleave writes; within a process the actor
/// serialises them. Every write is atomic, so a crash leaves each file either
/// as it was or fully updated. A partition that cannot be read is moved to
/// `archive/damaged/` and reported (`damagedPartitions`, a warning in the
/// log) instead of stopping the archive or being dropped.
public actor ArchiveStore {
    public nonisolated let directory: URL
    /// Partitions (and identity.json, tombstones.json) that could not be read on open and were set aside.
    public nonisolated let damagedPartitions: [DamagedPartition]
    private nonisolated let layout: ArchiveLayout
    private let logger: Logger
    private var lookup: ArchiveLookup
    private var counts: [String: Int]
    /// Partitions read in full because this store inspected them, or staged because it changes them.
    private var loaded: [String: LoadedPartition] = [:]
    /// Where the last commit wrote each entry line, by partition.
    private var committedLines: [String: CommittedLines] = [:]
    private var trust: IdentityTrust
    /// Trust as identity.json holds it.
    private var committedTrust: IdentityTrust
    /// Partitions staged batches changed that are not written yet.
    private var dirty: Set<String> = []
    private var tombstones: Tombstones

    /// A partition as the store holds it: read (entries and index in memory,
    /// for matching and queries) or staged (being changed, in temp files).
    enum LoadedPartition {
        case read(ArchivePartition, PartitionIndex)
        case staged(StagedPartition)

        func entry(at position: Int) throws(ArchiveError) -> ArchivedEntry {
            switch self {
            case let .read(partition, _): try partition.entry(at: position)
            case let .staged(staged): try staged.entry(at: position)
            }
        }

        func entries(path: String) throws(ArchiveError) -> [ArchivedEntry] {
            switch self {
            case let .read(partition, _):
                return try partition.checkedEntries(path: path)
            case let .staged(staged):
                var entries: [ArchivedEntry] = []
                for position in 0..<staged.count { entries.append(try staged.entry(at: position)) }
                return entries
            }
        }
    }

    /// Opens (creating if needed) the archive in `directory`. Stale temp
    /// files are removed, missing or out-of-date indexes rebuilt, damaged
    /// partitions set aside. A partition written by a newer nyhetsbrev stops
    /// the open: moving it aside would hide data this version cannot read.
    public init(
        directory: URL, logger: Logger = Logger(label: "nyhetsbrev.archive"), clock: @Sendable () -> Date = { Date() }
    ) throws(ArchiveError) {
        let layout = ArchiveLayout(directory: directory)
        self.directory = directory
        self.layout = layout
        self.logger = logger
        for dir in [directory, layout.indexDirectory] {
            do {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreate(path: dir.path, reason: error.localizedDescription)
            }
            for name in AtomicFile.removeStaleTempFiles(in: dir) {
                logger.notice("removed temp file left by an interrupted write", metadata: ["file": "\(dir.path)/\(name)"])
            }
        }
        var damaged: [DamagedPartition] = []
        /// A broken side file is set aside like a partition: fetching goes on, the file waits for repair.
        func sideFile<T>(_ url: URL, _ load: (URL) throws(ArchiveError) -> T, empty: T) throws(ArchiveError) -> T {
            do {
                return try load(url)
            } catch let ArchiveError.damaged(path, reason) {
                let moved = Self.setAside(url, layout: layout, now: clock())
                logger.warning(
                    "damaged archive file set aside", metadata: ["file": "\(path)", "reason": "\(reason)", "moved_to": "\(moved ?? "(could not move)")"])
                damaged.append(DamagedPartition(path: path, reason: reason, movedTo: moved))
                return empty
            }
        }
        trust = try sideFile(layout.identityFile, IdentityTrust.load, empty: IdentityTrust())
        committedTrust = trust
        tombstones = try sideFile(layout.tombstonesFile, Tombstones.load, empty: Tombstones())
        var lookup = ArchiveLookup()
        var counts: [String: Int] = [:]
        for name in try layout.partitionNames() {
            let path = layout.partitionFile(name).path
            if let stamp = PartitionStamp.of(path: path), let bytes = layout.freshIndexBytes(name, stamp: stamp),
                let count = lookup.add(indexBytes: bytes, partition: name)
            {
                counts[name] = count
                continue
            }
            do {
                let index = try Self.rebuildIndex(name, layout: layout, logger: logger)
                lookup.add(index)
                counts[name] = index.records.count
            } catch let ArchiveError.damaged(path, reason) {
                let moved = Self.setAside(layout.partitionFile(name), layout: layout, now: clock())
                unlink(layout.indexFile(name).path)
                let report = DamagedPartition(path: path, reason: reason, movedTo: moved)
                logger.warning(
                    "damaged partition set aside",
                    metadata: ["file": "\(path)", "reason": "\(reason)", "moved_to": "\(moved ?? "(could not move)")"])
                damaged.append(report)
            }
        }
        self.lookup = lookup
        self.counts = counts
        self.damagedPartitions = damaged
    }

    public var count: Int { counts.values.reduce(0, +) }

    /// Source ids whose entries are identified without their own ids.
    public var untrustedSources: [SourceID: IdentityTrust.Verdict] { trust.untrusted }

    /// All entries, newest first by effective date (ties by id, so the order is stable).
    public func entries() throws(ArchiveError) -> [ArchivedEntry] {
        var all: [ArchivedEntry] = []
        for name in counts.keys.sorted() {
            all += try partition(name).entries(path: layout.partitionFile(name).path)
        }
        return all.sorted { ($0.effectiveDate, $0.id) > ($1.effectiveDate, $1.id) }
    }

    public func entry(id: String) throws(ArchiveError) -> ArchivedEntry? {
        guard let hash = UInt64(id, radix: 16), let location = lookup.keys[hash] else { return nil }
        let entry = try partition(lookup.name(of: location)).entry(at: Int(location.position))
        return entry.id == id ? entry : nil
    }

    /// Adds new entries, revises changed ones and records further sources,
    /// then writes only the partitions that changed. Nothing new means
    /// nothing written.
    public func ingest(_ batch: [IncomingEntry], now: Date) throws(ArchiveError) -> IngestResult {
        var result = try stage(batch, now: now)
        result.partitionsWritten = try commit()
        return result
    }

    /// Takes a batch into memory as `ingest` would, without writing: a
    /// cycle stages each source as soon as it is parsed (so its document
    /// can be dropped and the work overlaps slower downloads), then commits
    /// once. Batches must hold whole documents: the identity checks look at
    /// all entries of a source together.
    public func stage(_ batch: [IncomingEntry], now: Date) throws(ArchiveError) -> IngestResult {
        let seen = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        var result = IngestResult()
        let documents = SourceDocuments(batch)
        for (source, reason) in documents.untrustworthyIDs() where trust.trusts(source) {
            distrust(source, reason: reason, now: seen)
        }
        for incoming in batch {
            let source = incoming.source
            let keys = EntryIdentity.keys(
                for: incoming.entry, source: source, canonicalLink: incoming.canonicalLink,
                trustIDs: trust.trusts(source), linkIsUnique: documents.isUnique(link: incoming.canonicalLink, in: source))
            guard !keys.isEmpty else {
                result.unidentifiable += 1
                continue
            }
            if keys.contains(where: { tombstones.keys.contains(StableHash.fnv1a64($0)) }) {
                result.suppressed += 1
                continue
            }
            let titleKey = incoming.entry.title.map(SearchFolding.titleKey)
            if let location = try match(incoming, keys: keys, titleKey: titleKey, documents: documents, now: seen) {
                try merge(incoming, keys: keys, at: location, now: seen, into: &result)
            } else {
                try add(incoming, keys: keys, titleKey: titleKey, now: seen, into: &result)
            }
        }
        return result
    }

    /// Writes the partitions staged batches changed (and identity.json when
    /// trust changed); returns the partitions written, by name. A written
    /// partition is read from disk again when it is next needed.
    public func commit() throws(ArchiveError) -> [String] {
        let names = dirty.sorted()
        committedLines = [:]
        for name in names {
            if case let .staged(staged) = loaded[name] {
                let path = layout.partitionFile(name).path
                let slots = try staged.commit(layout: layout)
                committedLines[name] = CommittedLines(directory: directory, path: path, slots: slots)
                loaded[name] = nil
            }
            dirty.remove(name)
        }
        if trust != committedTrust {
            try ArchiveSideFile.save(trust, to: layout.identityFile)
            committedTrust = trust
        }
        return names
    }

    /// Where the last commit wrote the entry lines of `partitions` (nil for
    /// one it did not write), so a report can read entries back.
    func committedLines(of partitions: [String]) -> [CommittedLines?] {
        partitions.map { committedLines[$0] }
    }

    /// Removes entries whose effective date is before `cutoff`, leaving
    /// tombstones of their keys so they are never archived again. Anything
    /// staged is committed first: pruning rewrites partitions as they are on disk.
    public func prune(before cutoff: Date) throws(ArchiveError) -> PruneResult {
        _ = try commit()
        var result = PruneResult()
        let cutoffSeconds = Int64(cutoff.timeIntervalSince1970.rounded(.down))
        let cutoffName = ArchivePartition.name(for: cutoff)
        for name in counts.keys.sorted() where name <= cutoffName {
            // Nothing is staged after the commit above.
            guard case .read(var partition, var index) = try partition(name) else { continue }
            let doomed = Set(index.records.indices.filter { index.records[$0].date < cutoffSeconds })
            guard !doomed.isEmpty else { continue }
            for position in doomed { tombstones.keys.formUnion(index.records[position].keyHashes) }
            partition.remove(at: doomed)
            index.records = index.records.enumerated().filter { !doomed.contains($0.offset) }.map(\.element)
            result.removed += doomed.count
            // Tombstones first: a crash after them but before the partition write keeps the entries, never revives them.
            try ArchiveSideFile.save(tombstones, to: layout.tombstonesFile)
            if partition.count == 0 {
                try remove(name)
                result.partitionsRemoved.append(name)
            } else {
                try write(name, partition, index)
                result.partitionsWritten.append(name)
            }
        }
        if result.removed > 0 { try rebuildLookup() }
        return result
    }

    // MARK: - Matching

    /// The archived entry an incoming one is, if any: by its own keys first,
    /// then (for another source) by the same normalized title within 14 days.
    private func match(
        _ incoming: IncomingEntry, keys: [String], titleKey: String?, documents: SourceDocuments, now: Date
    ) throws(ArchiveError) -> ArchiveLookup.Location? {
        let source = incoming.source
        for (rank, key) in keys.enumerated() {
            guard let location = lookup.keys[StableHash.fnv1a64(key)] else { continue }
            let entry = try partition(lookup.name(of: location)).entry(at: Int(location.position))
            guard entry.keys.contains(key) else { continue }  // a hash collision, not this entry
            if rank > 0, trust.trusts(source), let newGUID = incoming.entry.id?.trimmed, !newGUID.isEmpty,
                let oldGUID = EntryIdentity.guid(in: entry.keys, source: source), oldGUID != newGUID,
                !documents.contains(guid: oldGUID, in: source)
            {
                distrust(source, reason: "an entry came back under a new id (\(oldGUID) → \(newGUID))", now: now)
            }
            return location
        }
        guard let titleKey, let titleHash = IndexRecord.titleHash(key: titleKey) else { return nil }
        let date = Int64((incoming.entry.published ?? incoming.entry.updated ?? now).timeIntervalSince1970)
        for candidate in lookup.titleCandidates(titleHash) where abs(candidate.date - date) <= ArchiveLookup.titleWindow {
            let location = candidate.location
            let entry = try partition(lookup.name(of: location)).entry(at: Int(location.position))
            guard !entry.sources.contains(source), let other = entry.title, SearchFolding.titleKey(other) == titleKey else {
                continue
            }
            return candidate.location
        }
        return nil
    }

    private func distrust(_ source: SourceID, reason: String, now: Date) {
        trust.untrusted[source] = IdentityTrust.Verdict(reason: reason, since: now)
        logger.warning(
            "source ids are not trustworthy; identifying its entries by link, else title and date",
            metadata: ["source": "\(source)", "reason": "\(reason)"])
    }

    // MARK: - Changing entries

    private func add(
        _ incoming: IncomingEntry, keys: [String], titleKey: String?, now: Date, into result: inout IngestResult
    ) throws(ArchiveError) {
        let entry = ArchivedEntry(
            id: EntryIdentity.entryID(forKey: keys[0]), sources: [incoming.source], keys: keys,
            parsed: incoming.entry, canonicalLink: incoming.canonicalLink, seen: now)
        let name = ArchivePartition.name(for: entry.effectiveDate)
        let staged = try staging(name)
        let record = IndexRecord(entry: entry, titleKey: titleKey)
        let position = staged.count
        try staged.append(entry, record: record)
        counts[name, default: 0] += 1
        lookup.add(record, at: lookup.location(name, position))
        dirty.insert(name)
        result.added.append(entry)
        result.addedPositions.append(IngestResult.Position(partition: name, position: position))
    }

    /// Records a further source or key on a known entry, and revises it in
    /// place when its first source changed the text. Only the first source
    /// revises: two sources carrying different wordings would otherwise
    /// flip the entry back and forth every cycle.
    private func merge(
        _ incoming: IncomingEntry, keys: [String], at location: ArchiveLookup.Location, now: Date,
        into result: inout IngestResult
    ) throws(ArchiveError) {
        let name = lookup.name(of: location)
        let position = Int(location.position)
        var entry = try partition(name).entry(at: position)
        var changed = false
        if !entry.sources.contains(incoming.source) {
            entry.sources.append(incoming.source)
            result.merged.append(entry.id)
            changed = true
        }
        for key in keys where !entry.keys.contains(key) {
            entry.keys.append(key)
            changed = true
        }
        let new = incoming.entry
        let textChanged = new.title != entry.title || new.summaryText != entry.summary || new.contentText != entry.contentText
        if entry.sources.first == incoming.source, textChanged {
            entry.title = new.title
            entry.summary = new.summaryText
            entry.summaryHTML = new.summaryHTML
            entry.contentText = new.contentText
            entry.contentHTML = new.contentHTML
            entry.updated = new.updated ?? entry.updated
            entry.revision += 1
            entry.updatedAt = now
            result.revised.append(entry)
            changed = true
        }
        guard changed else { return }
        let record = IndexRecord(entry: entry)
        try staging(name).replace(at: position, with: entry, record: record)
        lookup.add(record, at: location)
        dirty.insert(name)
    }

    // MARK: - Files

    /// A partition with its index, read on first use. A partition that is
    /// not on disk yet starts empty.
    private func partition(_ name: String) throws(ArchiveError) -> LoadedPartition {
        if let loaded = loaded[name] { return loaded }
        let path = layout.partitionFile(name).path
        let result: LoadedPartition
        if FileManager.default.fileExists(atPath: path) {
            let (data, stamp) = try PartitionStamp.read(path: path)
            let partition = try ArchivePartition.decode(data, path: path)
            if let bytes = layout.freshIndexBytes(name, stamp: stamp), let index = PartitionIndex.decode(bytes),
                index.records.count == partition.count
            {
                result = .read(partition, index)
            } else {
                result = .read(partition, try PartitionIndex.build(partition, stamp: stamp, path: path))
            }
        } else {
            let empty = ArchivePartition(name: name, lines: [])
            result = .read(empty, PartitionIndex(name: name, stamp: PartitionStamp(inode: 0, size: 0, mtimeNanoseconds: 0), records: []))
        }
        loaded[name] = result
        return result
    }

    /// The partition, staged for changes: its entries move from memory to temp files.
    private func staging(_ name: String) throws(ArchiveError) -> StagedPartition {
        switch try partition(name) {
        case let .staged(staged):
            return staged
        case let .read(partition, index):
            loaded[name] = nil
            let staged = try StagedPartition(partition, index: index, layout: layout)
            loaded[name] = .staged(staged)
            return staged
        }
    }

    /// Writes a partition, then its index stamped with the file just written.
    /// A crash between the two leaves an out-of-date index, which the next
    /// open rebuilds.
    private func write(_ name: String, _ partition: ArchivePartition, _ index: PartitionIndex) throws(ArchiveError) {
        var index = index
        let url = layout.partitionFile(name)
        do {
            try AtomicFile.write(to: url) { partition.encode(into: &$0) }
        } catch {
            throw .cannotWrite(path: url.path, reason: error.description)
        }
        guard let stamp = PartitionStamp.of(path: url.path) else {
            throw .cannotRead(path: url.path, reason: errnoText())
        }
        index.stamp = stamp
        loaded[name] = .read(partition, index)
        let indexURL = layout.indexFile(name)
        do {
            try AtomicFile.write(to: indexURL) { index.encode(into: &$0) }
        } catch {
            throw .cannotWrite(path: indexURL.path, reason: error.description)
        }
    }

    private func remove(_ name: String) throws(ArchiveError) {
        let url = layout.partitionFile(name)
        guard unlink(url.path) == 0 || errno == ENOENT else { throw .cannotWrite(path: url.path, reason: errnoText()) }
        unlink(layout.indexFile(name).path)
        AtomicFile.syncDirectory(layout.directory)
        loaded[name] = nil
        counts[name] = nil
    }

    private func rebuildLookup() throws(ArchiveError) {
        var fresh = ArchiveLookup()
        for (name, loaded) in loaded where counts[name] != nil {
            switch loaded {
            case let .read(_, index):
                fresh.add(index)
            case let .staged(staged):
                for position in 0..<staged.count {
                    fresh.add(try staged.record(at: position), at: fresh.location(name, position))
                }
            }
        }
        for name in counts.keys where loaded[name] == nil {
            if let stamp = PartitionStamp.of(path: layout.partitionFile(name).path),
                let bytes = layout.freshIndexBytes(name, stamp: stamp)
            {
                _ = fresh.add(indexBytes: bytes, partition: name)
            }
        }
        lookup = fresh
    }

    /// Reads a partition in full, checks every entry, and writes its index.
    private static func rebuildIndex(_ name: String, layout: ArchiveLayout, logger: Logger) throws(ArchiveError) -> PartitionIndex {
        let path = layout.partitionFile(name).path
        let (data, stamp) = try PartitionStamp.read(path: path)
        // Building the index decodes, and so checks, every entry once.
        let partition = try ArchivePartition.decode(data, path: path)
        guard partition.name == name else {
            throw .damaged(path: path, reason: "it says it is partition \(partition.name)")
        }
        let index = try PartitionIndex.build(partition, stamp: stamp, path: path)
        do {
            try AtomicFile.write(index.encoded(), to: layout.indexFile(name))
            logger.info("indexed partition", metadata: ["partition": "\(name)", "entries": "\(index.records.count)"])
        } catch {
            logger.warning("cannot write index; it will be rebuilt next time", metadata: ["file": "\(layout.indexFile(name).path)", "error": "\(error)"])
        }
        return index
    }

    /// Moves a damaged file to `damaged/NAME.TIMESTAMP`; returns the new path.
    private static func setAside(_ file: URL, layout: ArchiveLayout, now: Date) -> String? {
        try? FileManager.default.createDirectory(at: layout.damagedDirectory, withIntermediateDirectories: true)
        let stamp = ISO8601DateFormatter.string(from: now, timeZone: .gmt, formatOptions: [.withYear, .withMonth, .withDay, .withTime, .withTimeZone])
        let target = layout.damagedDirectory.appendingPathComponent("\(file.lastPathComponent).\(stamp)")
        guard rename(file.path, target.path) == 0 else { return nil }
        AtomicFile.syncDirectory(layout.damagedDirectory)
        AtomicFile.syncDirectory(layout.directory)
        return target.path
    }
}
