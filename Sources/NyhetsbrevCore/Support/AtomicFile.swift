import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces files so that a reader, or a crash at any instant, sees either
/// the old content or the new, never a mix: write a temp file beside the
/// target, fsync it, rename it over the target, fsync the directory.
public enum AtomicFile {
    /// Prefix of the temp files; anything left with it after a crash is garbage.
    public static let tempPrefix = ".tmp-"

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case cannotWrite(path: String, reason: String)

        public var description: String {
            switch self {
            case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
            }
        }
    }

    public static func write(_ data: Data, to url: URL) throws(Failure) {
        let directory = url.deletingLastPathComponent()
        let tempURL = directory.appendingPathComponent(
            "\(tempPrefix)\(url.lastPathComponent)-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        let fd = open(tempURL.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: url.path, reason: errnoText()) }
        var ok = false
        defer {
            if !ok { unlink(tempURL.path) }
        }
        do {
            try writeAll(fd: fd, data: data, path: url.path)
            guard fsync(fd) == 0 else { throw Failure.cannotWrite(path: url.path, reason: errnoText()) }
        } catch let failure as Failure {
            close(fd)
            throw failure
        } catch {
            close(fd)
            throw .cannotWrite(path: url.path, reason: "\(error)")
        }
        guard close(fd) == 0 else { throw .cannotWrite(path: url.path, reason: errnoText()) }
        guard rename(tempURL.path, url.path) == 0 else {
            throw .cannotWrite(path: url.path, reason: errnoText())
        }
        ok = true
        syncDirectory(directory)
    }

    /// Makes a rename or unlink in `directory` durable.
    public static func syncDirectory(_ directory: URL) {
        let dfd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    /// Removes temp files a crashed writer left in `directory`; returns their names.
    @discardableResult
    public static func removeStaleTempFiles(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let stale = names.filter { $0.hasPrefix(tempPrefix) }
        for name in stale { unlink(directory.appendingPathComponent(name).path) }
        return stale
    }

    private static func writeAll(fd: Int32, data: Data, path: String) throws(Failure) {
        var failure: Failure?
        data.withUnsafeBytes { raw in
            guard var base = raw.baseAddress else { return }
            var remaining = raw.count
            while remaining > 0 {
                let n = Glibc.write(fd, base, remaining)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .cannotWrite(path: path, reason: errnoText())
                    return
                }
                remaining -= n
                base += n
            }
        }
        if let failure { throw failure }
    }
}

func errnoText(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
