import Foundation

/// Where each file of the archive lives, in one place for the store, the
/// reader and the docs:
///
///     archive/
///       YYYY-MM.json       partitions (the data)
///       index/YYYY-MM.idx  one index per partition (derived, rebuilt when stale)
///       identity.json      sources whose ids are not trusted
///       tombstones.json    keys of entries removed by retention
///       damaged/           partitions set aside because they could not be read
public struct ArchiveLayout: Sendable, Hashable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public var indexDirectory: URL { directory.appendingPathComponent(PartitionIndex.directoryName, isDirectory: true) }
    public var damagedDirectory: URL { directory.appendingPathComponent("damaged", isDirectory: true) }
    public var identityFile: URL { directory.appendingPathComponent(IdentityTrust.fileName) }
    public var tombstonesFile: URL { directory.appendingPathComponent(Tombstones.fileName) }

    public func partitionFile(_ name: String) -> URL { directory.appendingPathComponent(ArchivePartition.fileName(name)) }
    public func indexFile(_ name: String) -> URL { indexDirectory.appendingPathComponent(PartitionIndex.fileName(name)) }

    /// Partition names ("YYYY-MM"), oldest first.
    public func partitionNames() throws(ArchiveError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter(ArchivePartition.isPartitionFile).map { String($0.dropLast(5)) }.sorted()
        } catch {
            throw .cannotRead(path: directory.path, reason: error.localizedDescription)
        }
    }

    /// The index of a partition when it describes exactly `stamp`, else nil.
    func freshIndexBytes(_ name: String, stamp: PartitionStamp) -> [UInt8]? {
        guard let data = try? Data(contentsOf: indexFile(name), options: .alwaysMapped) else { return nil }
        let bytes = [UInt8](data)
        guard let (header, _) = PartitionIndex.header(of: bytes), header.stamp == stamp, header.partition == name else {
            return nil
        }
        return bytes
    }
}
