import Foundation

/// A partition a cycle is changing, held on disk instead of in memory: its
/// entry lines go to a temp file laid out as the partition itself, which the
/// commit ends and renames into place; its index records go to a second
/// temp file, copied behind the index header at the commit (the header
/// names the partition version, known only then). Memory holds two byte
/// ranges per entry, so a first cycle that archives ten thousand entries
/// does not hold ten thousand JSON lines and folded texts until it commits.
///
/// A line that changes after it was written (a merge, a revision) is
/// appended again and its range moved; the temp file is then no longer the
/// partition's layout, and the commit writes the partition afresh from the
/// ranges. Until the commit nothing is visible under the archive's names;
/// temp files a crash leaves are removed when the archive is opened.
///
/// A class because it owns its temp files; confined to the store's actor.
final class StagedPartition {
    let name: String
    private let lines: SpoolFile
    private let records: SpoolFile
    private var lineSlots: [SpoolFile.Slot] = []
    /// Each record's range, its newline included, so runs of records copy in one read.
    private var recordSlots: [SpoolFile.Slot] = []
    /// Whether `lines` holds exactly the partition's layout so far.
    private var inOrder = true

    /// Stages `partition` (read from disk, or empty when the month is new) with its index.
    init(_ partition: ArchivePartition, index: PartitionIndex, layout: ArchiveLayout) throws(ArchiveError) {
        name = partition.name
        lines = try SpoolFile(beside: layout.partitionFile(partition.name))
        records = try SpoolFile(beside: layout.indexFile(partition.name))
        lines.append(ArchivePartition.header(name))
        lineSlots.reserveCapacity(partition.count)
        recordSlots.reserveCapacity(partition.count)
        for (line, record) in zip(partition.lines, index.records) {
            line.withUnsafeBytes { appendLine($0) }
            appendRecord(record)
        }
        try lines.check()
        try records.check()
    }

    var count: Int { lineSlots.count }

    func append(_ entry: ArchivedEntry, record: IndexRecord) throws(ArchiveError) {
        StorageJSONWriter.line(for: entry).withUnsafeBytes { appendLine($0) }
        appendRecord(record)
        try lines.check()
        try records.check()
    }

    func replace(at position: Int, with entry: ArchivedEntry, record: IndexRecord) throws(ArchiveError) {
        inOrder = false
        let line = StorageJSONWriter.line(for: entry)
        lineSlots[position] = SpoolFile.Slot(offset: lines.size, length: line.count)
        lines.append(line)
        recordSlots[position] = writeRecord(record)
        try lines.check()
        try records.check()
    }

    func entry(at position: Int) throws(ArchiveError) -> ArchivedEntry {
        let bytes = try lines.read(lineSlots[position])
        do {
            return try ArchiveCoding.decoder().decode(ArchivedEntry.self, from: Data(bytes))
        } catch {
            throw .damaged(path: lines.url.path, reason: "entry \(position + 1): " + ArchiveCoding.describe(error))
        }
    }

    func record(at position: Int) throws(ArchiveError) -> IndexRecord {
        let bytes = try records.read(recordSlots[position])
        guard let record = IndexRecord(line: bytes.dropLast()) else {
            throw .damaged(path: records.url.path, reason: "index record \(position + 1) is malformed")
        }
        return record
    }

    /// Writes the partition and then its index, each by rename; returns
    /// where each entry's line is in the partition file. A crash between the
    /// two leaves an out-of-date index, which the next open rebuilds.
    func commit(layout: ArchiveLayout) throws(ArchiveError) -> [SpoolFile.Slot] {
        let target = layout.partitionFile(name)
        let placed: [SpoolFile.Slot]
        if inOrder, count > 0 {
            lines.append(ArchivePartition.lastLineEnd + ArchivePartition.end)
            try lines.finish()
            placed = lineSlots
        } else {
            let out = try SpoolFile(beside: target)
            var slots: [SpoolFile.Slot] = []
            slots.reserveCapacity(count)
            var sink = out
            try ArchivePartition.encode(name: name, count: count, into: &sink) { (position, sink) throws(ArchiveError) in
                slots.append(SpoolFile.Slot(offset: out.size, length: lineSlots[position].length))
                try lines.copy(lineSlots[position], to: &sink)
            }
            try out.finish()
            placed = slots
        }
        guard let stamp = PartitionStamp.of(path: target.path) else {
            throw .cannotRead(path: target.path, reason: errnoText())
        }
        let index = try SpoolFile(beside: layout.indexFile(name))
        var sink = index
        PartitionIndex.encodeHeader(name: name, count: count, stamp: stamp, into: &sink)
        // Records written one after another are copied as one range.
        var run: SpoolFile.Slot?
        for slot in recordSlots {
            if let current = run, current.offset + current.length == slot.offset {
                run?.length += slot.length
                continue
            }
            if let current = run { try records.copy(current, to: &sink) }
            run = slot
        }
        if let run { try records.copy(run, to: &sink) }
        try index.finish()
        return placed
    }

    private func appendLine(_ line: UnsafeRawBufferPointer) {
        if !lineSlots.isEmpty { lines.append(ArchivePartition.separator) }
        lineSlots.append(SpoolFile.Slot(offset: lines.size, length: line.count))
        lines.append(line)
    }

    private func appendRecord(_ record: IndexRecord) {
        recordSlots.append(writeRecord(record))
    }

    private func writeRecord(_ record: IndexRecord) -> SpoolFile.Slot {
        let start = records.size
        var sink = records
        record.write(to: &sink)
        sink.append([0x0A])
        return SpoolFile.Slot(offset: start, length: records.size - start)
    }
}
