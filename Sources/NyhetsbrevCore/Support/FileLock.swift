import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock (flock) on a file in the state directory, so that the
/// daemon and a manual command never write the archive at the same time.
/// The kernel drops the lock when the process dies, so a crash never leaves
/// the state directory locked.
public final class FileLock: Sendable {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case cannotOpen(path: String, reason: String)
        case busy(path: String)

        public var description: String {
            switch self {
            case let .cannotOpen(path, reason): "cannot open lock file \(path): \(reason)"
            case let .busy(path):
                "\(path) is locked by another nyhetsbrev process (the daemon or a running command); try again later or stop it"
            }
        }
    }

    public let path: String
    private let fd: Int32

    /// Takes the lock. With `wait`, blocks until the holder lets go and calls
    /// `onWait` once first so the user knows why nothing happens.
    public init(path: String, wait: Bool, onWait: () -> Void = {}) throws(Failure) {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: errnoText()) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK, wait else {
                close(fd)
                throw .busy(path: path)
            }
            onWait()
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = errnoText()
                    close(fd)
                    throw .cannotOpen(path: path, reason: reason)
                }
            }
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
