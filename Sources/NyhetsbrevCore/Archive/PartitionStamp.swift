import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Which exact version of a partition file an index was built from. Every
/// write replaces the file by rename, so the inode changes; a hand edit or a
/// restore changes the size or the modification time. When the stamp in an
/// index differs from the file's, the index is out of date and is rebuilt
/// from the partition, which is always the source of truth.
public struct PartitionStamp: Sendable, Hashable, Codable {
    public var inode: UInt64
    public var size: Int64
    public var mtimeNanoseconds: Int64

    enum CodingKeys: String, CodingKey {
        case inode, size
        case mtimeNanoseconds = "mtime_ns"
    }

    public init(inode: UInt64, size: Int64, mtimeNanoseconds: Int64) {
        self.inode = inode
        self.size = size
        self.mtimeNanoseconds = mtimeNanoseconds
    }

    /// The stamp of the file at `path`, or nil when it does not exist.
    public static func of(path: String) -> PartitionStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return PartitionStamp(info)
    }

    /// The stamp of an open file, so that what was read and what was stamped are the same file.
    static func of(descriptor: Int32) -> PartitionStamp? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return PartitionStamp(info)
    }

    private init(_ info: stat) {
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        mtimeNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}

extension PartitionStamp {
    /// Reads a whole file together with the stamp of exactly the version read.
    static func read(path: String) throws(ArchiveError) -> (data: Data, stamp: PartitionStamp) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: errnoText()) }
        defer { close(fd) }
        guard let stamp = of(descriptor: fd) else { throw .cannotRead(path: path, reason: errnoText()) }
        var data = Data(count: Int(stamp.size))
        var filled = 0
        var failure: Int32 = 0
        data.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            while filled < raw.count {
                let n = Glibc.read(fd, base + filled, raw.count - filled)
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = errno }
                if n <= 0 { return }
                filled += n
            }
        }
        guard failure == 0 else { throw .cannotRead(path: path, reason: errnoText(failure)) }
        data.count = filled
        return (data, stamp)
    }
}
