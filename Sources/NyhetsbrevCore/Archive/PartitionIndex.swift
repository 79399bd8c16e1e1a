import Foundation

/// The on-disk index of one partition (`archive/index/YYYY-MM.idx`): a JSON
/// header line naming the partition version it describes, then one
/// `IndexRecord` line per entry, in the partition's order. It is derived
/// data: missing or out of date, it is rebuilt from the partition, so it
/// never needs a migration of its own.
public struct PartitionIndex: Sendable, Hashable {
    public static let currentVersion = 1
    public static let directoryName = "index"

    public var name: String
    public var stamp: PartitionStamp
    public var records: [IndexRecord]

    public init(name: String, stamp: PartitionStamp, records: [IndexRecord]) {
        self.name = name
        self.stamp = stamp
        self.records = records
    }

    public static func fileName(_ partition: String) -> String { "\(partition).idx" }

    /// Builds the index from the entries of a partition.
    public static func build(_ partition: ArchivePartition, stamp: PartitionStamp, path: String) throws(ArchiveError) -> PartitionIndex {
        PartitionIndex(name: partition.name, stamp: stamp, records: try partition.checkedEntries(path: path).map(IndexRecord.init))
    }

    struct Header: Codable, Hashable {
        var format: String
        var version: Int
        var partition: String
        var count: Int
        var stamp: PartitionStamp
    }

    public func encoded() -> Data {
        var data = Data()
        encode(into: &data)
        return data
    }

    public func encode(into sink: inout some ByteSink) {
        Self.encodeHeader(name: name, count: records.count, stamp: stamp, into: &sink)
        for record in records {
            record.write(to: &sink)
            sink.append([0x0A])
        }
    }

    /// Writes the header line of an index file; `count` record lines must follow.
    static func encodeHeader(name: String, count: Int, stamp: PartitionStamp, into sink: inout some ByteSink) {
        let header = Header(format: "nyhetsbrev-index", version: currentVersion, partition: name, count: count, stamp: stamp)
        sink.append((try? ArchiveCoding.encoder().encode(header)) ?? Data("{}".utf8))
        sink.append([0x0A])
    }

    /// The header of an index file, and where its records start; nil when it is not a current index.
    static func header(of bytes: [UInt8]) -> (Header, Int)? {
        guard let end = bytes.firstIndex(of: 0x0A),
            let header = try? ArchiveCoding.decoder().decode(Header.self, from: Data(bytes[..<end])),
            header.format == "nyhetsbrev-index", header.version == currentVersion
        else { return nil }
        return (header, end + 1)
    }

    /// Parses an index file; nil when it is malformed, of another version or
    /// does not hold `header.count` records.
    public static func decode(_ bytes: [UInt8]) -> PartitionIndex? {
        guard let (header, start) = header(of: bytes) else { return nil }
        var records: [IndexRecord] = []
        records.reserveCapacity(header.count)
        for line in bytes[start...].split(separator: 0x0A) {
            guard let record = IndexRecord(line: line) else { return nil }
            records.append(record)
        }
        guard records.count == header.count else { return nil }
        return PartitionIndex(name: header.partition, stamp: header.stamp, records: records)
    }
}
