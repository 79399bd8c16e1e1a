import Foundation

/// Read-only access to the archive for queries, exports and checks. It
/// takes no lock: every file is replaced atomically, and an index that is
/// older than its partition (a write in progress, or a crash) is rebuilt in
/// memory from the partition, which is the source of truth. Only the
/// entries a query selects are decoded.
public struct ArchiveReader: Sendable {
    public let layout: ArchiveLayout

    public init(directory: URL) {
        layout = ArchiveLayout(directory: directory)
    }

    /// Entries matching `query`, newest first (ties by id).
    public func select(_ query: ArchiveQuery) throws(ArchiveError) -> ArchiveSelection {
        var selection = ArchiveSelection()
        let driver = query.terms.max { $0.utf8.count < $1.utf8.count }.map { Array($0.utf8) }
        for name in try existingPartitionNames() where query.mayMatch(partition: name) {
            let bytes: [UInt8]
            do {
                bytes = try indexBytes(name)
            } catch let ArchiveError.damaged(path, reason) {
                selection.unreadable.append(DamagedPartition(path: path, reason: reason))
                continue
            }
            let hits = Self.scan(bytes, query: query, driver: driver)
            guard !hits.isEmpty else { continue }
            selection.entries += try entries(hits, in: name)
        }
        selection.entries.sort { ($0.effectiveDate, $0.id) > ($1.effectiveDate, $1.id) }
        return selection
    }

    /// The entry with `id`, searched through the indexes.
    public func entry(id: String) throws(ArchiveError) -> ArchivedEntry? {
        let needle = Array((id + "\t").utf8)
        for name in try existingPartitionNames().reversed() {
            guard let bytes = try? indexBytes(name) else { continue }
            var found: [(Int, IndexRecord)] = []
            Self.eachLine(bytes) { position, line in
                guard line.starts(with: needle), let record = IndexRecord(line: line) else { return }
                found.append((position, record))
            }
            if !found.isEmpty { return try entries(found, in: name).first }
        }
        return nil
    }

    /// The index of a partition: the file when it is up to date, else built
    /// in memory from the partition (which checks every entry).
    func indexBytes(_ name: String) throws(ArchiveError) -> [UInt8] {
        let path = layout.partitionFile(name).path
        if let stamp = PartitionStamp.of(path: path), let bytes = layout.freshIndexBytes(name, stamp: stamp) {
            return bytes
        }
        let (data, stamp) = try PartitionStamp.read(path: path)
        let partition = try ArchivePartition.decode(data, path: path)
        return [UInt8](try PartitionIndex.build(partition, stamp: stamp, path: path).encoded())
    }

    func existingPartitionNames() throws(ArchiveError) -> [String] {
        guard FileManager.default.fileExists(atPath: layout.directory.path) else { return [] }
        return try layout.partitionNames()
    }

    /// Decodes the entries at the given positions of a partition. If the
    /// partition changed since its index was read, an entry is looked up by id.
    private func entries(_ hits: [(Int, IndexRecord)], in name: String) throws(ArchiveError) -> [ArchivedEntry] {
        let path = layout.partitionFile(name).path
        let partition = try ArchivePartition.decode(try PartitionStamp.read(path: path).data, path: path)
        var out: [ArchivedEntry] = []
        var byID: [String: ArchivedEntry]?
        for (position, record) in hits {
            if position < partition.count, let entry = try? partition.entry(at: position), entry.id == record.id {
                out.append(entry)
                continue
            }
            if byID == nil {
                let all = try partition.checkedEntries(path: path)
                byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            }
            if let entry = byID?[record.id] { out.append(entry) }
        }
        return out
    }

    /// The records of an index that match: with text terms, only lines that
    /// hold the longest term in their text are parsed at all.
    static func scan(_ bytes: [UInt8], query: ArchiveQuery, driver: [UInt8]?) -> [(Int, IndexRecord)] {
        var hits: [(Int, IndexRecord)] = []
        guard let driver else {
            eachLine(bytes) { position, line in
                if let record = IndexRecord(line: line), query.matches(record) { hits.append((position, record)) }
            }
            return hits
        }
        guard let (_, start) = PartitionIndex.header(of: bytes) else { return [] }
        bytes.withUnsafeBytes { raw in
            var lineStart = start
            var position = 0
            var from = start
            while let hit = ByteSearch.firstIndex(of: driver, in: raw, from: from) {
                var lineEnd = ByteSearch.next(0x0A, in: raw, from: lineStart)
                while lineEnd < hit {
                    lineStart = lineEnd + 1
                    position += 1
                    lineEnd = ByteSearch.next(0x0A, in: raw, from: lineStart)
                }
                if let record = IndexRecord(line: bytes[lineStart..<lineEnd]), query.matches(record) {
                    hits.append((position, record))
                }
                lineStart = lineEnd + 1
                position += 1
                from = lineStart
            }
        }
        return hits
    }

    /// Calls `body` with the position and bytes of every record line.
    static func eachLine(_ bytes: [UInt8], _ body: (Int, ArraySlice<UInt8>) -> Void) {
        guard let (_, start) = PartitionIndex.header(of: bytes) else { return }
        for (position, line) in bytes[start...].split(separator: 0x0A).enumerated() { body(position, line) }
    }
}
