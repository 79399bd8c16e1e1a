import Foundation

/// The layout of the state directory (`state_dir`), in one place so that
/// every command and the docs agree on it:
///
///     state_dir/
///       lock            advisory lock held by whoever writes
///       sources.json    per-source fetch state
///       archive/        monthly partitions YYYY-MM.json
public struct StateDirectory: Sendable, Hashable {
    public let root: URL

    public init(path: String) {
        root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    public var archive: URL { root.appendingPathComponent("archive", isDirectory: true) }
    public var sourceStates: URL { root.appendingPathComponent("sources.json") }
    public var lockFile: URL { root.appendingPathComponent("lock") }

    /// Creates the directory if needed, with a message that names it when that fails.
    public func prepare() throws(ArchiveError) {
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: root.path, reason: error.localizedDescription)
        }
    }

    /// Takes the writer's lock; with `wait` it blocks (after `onWait`) until free.
    public func lock(wait: Bool, onWait: () -> Void = {}) throws(FileLock.Failure) -> FileLock {
        try FileLock(path: lockFile.path, wait: wait, onWait: onWait)
    }
}
