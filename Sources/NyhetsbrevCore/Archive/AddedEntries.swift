import Foundation

/// The brief records of a cycle's new entries in one table: their id,
/// title and link as bytes in shared blocks, fixed-size rows for the rest,
/// each distinct source list and partition once. A first cycle reports ten
/// thousand entries; as separate strings and arrays they were tens of
/// thousands of small allocations held to the end of the cycle, and a
/// report array growing by doubling. Built by `Builder` while the cycle
/// stages, frozen when it commits; immutable, so `AddedEntry` values share it.
final class AddedEntries: Sendable {
    struct Row: Sendable {
        var date: Double
        var block: UInt32
        /// Start of the id's bytes in the block; the title's and the link's follow.
        var offset: UInt32
        var idLength: UInt32
        /// -1 when absent.
        var titleLength: Int32
        var linkLength: Int32
        var sources: UInt32
        var partition: UInt32
        var position: UInt32
    }

    /// Rows in fixed-size groups, so the table never copies itself to grow.
    static let rowsPerGroup = 1024
    /// Bytes per text block; a longer text gets a block of its own.
    static let blockSize = 1 << 16

    private let rows: [[Row]]
    private let blocks: [[UInt8]]
    private let sourceLists: [[SourceID]]
    private let partitions: [String]
    /// Where the commit wrote each partition's lines, by the partition's ordinal.
    private let lines: [CommittedLines?]
    let count: Int

    fileprivate init(_ builder: Builder, lines: [CommittedLines?]) {
        count = builder.count
        rows = builder.rows
        blocks = builder.blocks
        sourceLists = builder.sourceLists
        partitions = builder.partitions
        self.lines = lines
    }

    /// The report's entries, in the order they were added.
    var entries: [AddedEntry] { (0..<count).map { AddedEntry(table: self, row: $0) } }

    private func row(_ index: Int) -> Row { rows[index / Self.rowsPerGroup][index % Self.rowsPerGroup] }

    private func text(_ row: Row, from start: Int, length: Int) -> String {
        blocks[Int(row.block)].withUnsafeBufferPointer { String(decoding: $0[start..<start + length], as: UTF8.self) }
    }

    func id(_ index: Int) -> String {
        let row = row(index)
        return text(row, from: Int(row.offset), length: Int(row.idLength))
    }

    func title(_ index: Int) -> String? {
        let row = row(index)
        guard row.titleLength >= 0 else { return nil }
        return text(row, from: Int(row.offset + row.idLength), length: Int(row.titleLength))
    }

    func link(_ index: Int) -> String? {
        let row = row(index)
        guard row.linkLength >= 0 else { return nil }
        return text(row, from: Int(row.offset + row.idLength) + Int(max(0, row.titleLength)), length: Int(row.linkLength))
    }

    func sources(_ index: Int) -> [SourceID] { sourceLists[Int(row(index).sources)] }

    func effectiveDate(_ index: Int) -> Date { Date(timeIntervalSince1970: row(index).date) }

    /// The entry's partition and position there.
    func place(_ index: Int) -> IngestResult.Position {
        let row = row(index)
        return IngestResult.Position(partition: partitions[Int(row.partition)], position: Int(row.position))
    }

    /// Where the commit wrote the entry's line, when it did.
    func line(_ index: Int) -> (CommittedLines, Int)? {
        let row = row(index)
        return lines[Int(row.partition)].map { ($0, Int(row.position)) }
    }

    /// Collects the rows while a cycle stages; `finish` freezes them.
    struct Builder {
        fileprivate var rows: [[Row]] = []
        fileprivate var blocks: [[UInt8]] = []
        fileprivate var sourceLists: [[SourceID]] = []
        private var sourceOrdinals: [[SourceID]: UInt32] = [:]
        /// The partitions of the entries added so far, by ordinal.
        private(set) var partitions: [String] = []
        private var partitionOrdinals: [String: UInt32] = [:]
        fileprivate private(set) var count = 0

        init() {}

        mutating func append(_ entry: ArchivedEntry, at place: IngestResult.Position) {
            let id = entry.id.utf8, title = entry.title?.utf8, link = entry.link?.utf8
            let length = id.count + (title?.count ?? 0) + (link?.count ?? 0)
            if blocks.isEmpty || blocks[blocks.count - 1].count + length > Self.capacity(blocks[blocks.count - 1]) {
                var block: [UInt8] = []
                block.reserveCapacity(max(length, AddedEntries.blockSize))
                blocks.append(block)
            }
            let block = blocks.count - 1
            let offset = blocks[block].count
            blocks[block].append(contentsOf: id)
            if let title { blocks[block].append(contentsOf: title) }
            if let link { blocks[block].append(contentsOf: link) }
            let row = Row(
                date: entry.effectiveDate.timeIntervalSince1970, block: UInt32(block), offset: UInt32(offset),
                idLength: UInt32(id.count), titleLength: title.map { Int32($0.count) } ?? -1,
                linkLength: link.map { Int32($0.count) } ?? -1, sources: ordinal(of: entry.sources),
                partition: ordinal(of: place.partition), position: UInt32(place.position))
            if count % AddedEntries.rowsPerGroup == 0 {
                var group: [Row] = []
                group.reserveCapacity(AddedEntries.rowsPerGroup)
                rows.append(group)
            }
            rows[rows.count - 1].append(row)
            count += 1
        }

        /// Freezes the table, with where the commit wrote each of `partitions`.
        func finish(lines: [CommittedLines?]) -> AddedEntries {
            AddedEntries(self, lines: lines)
        }

        private static func capacity(_ block: [UInt8]) -> Int { max(block.capacity, AddedEntries.blockSize) }

        private mutating func ordinal(of sources: [SourceID]) -> UInt32 {
            if let ordinal = sourceOrdinals[sources] { return ordinal }
            let ordinal = UInt32(sourceLists.count)
            sourceLists.append(sources)
            sourceOrdinals[sources] = ordinal
            return ordinal
        }

        private mutating func ordinal(of partition: String) -> UInt32 {
            if let ordinal = partitionOrdinals[partition] { return ordinal }
            let ordinal = UInt32(partitions.count)
            partitions.append(partition)
            partitionOrdinals[partition] = ordinal
            return ordinal
        }
    }
}
