/// Why the archive could not be read or written. Every case names the file,
/// because the admin's next step is to look at that file.
public enum ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    case damaged(path: String, reason: String)
    case unsupportedVersion(path: String, version: Int)
    case cannotWrite(path: String, reason: String)
    case notFound(id: String)

    public var description: String {
        switch self {
        case let .cannotCreate(path, reason): "cannot create archive directory \(path): \(reason)"
        case let .cannotRead(path, reason): "cannot read archive file \(path): \(reason)"
        case let .damaged(path, reason):
            "archive file \(path) is damaged (\(reason)); nothing was written — move it aside or repair it, then run again"
        case let .unsupportedVersion(path, version):
            "archive file \(path) has format version \(version), newer than this nyhetsbrev understands (\(ArchivePartition.currentVersion)); upgrade nyhetsbrev"
        case let .cannotWrite(path, reason): "cannot write archive file \(path): \(reason)"
        case let .notFound(id): "no archived entry with id \(id)"
        }
    }
}
