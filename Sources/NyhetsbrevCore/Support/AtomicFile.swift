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
        try write(to: url) { $0.append(data) }
    }

    /// Writes the file from what `produce` appends, a buffer at a time, so
    /// a large file is never whole in memory (a month of the archive is
    /// megabytes, and a cycle's peak memory is what the admin sees).
    public static func write(to url: URL, _ produce: (inout Writer) -> Void) throws(Failure) {
        let tempURL = tempURL(beside: url)
        let fd = open(tempURL.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: url.path, reason: errnoText()) }
        var writer = Writer(fd: fd, path: url.path)
        produce(&writer)
        writer.file.flush()
        if let failure = writer.failure {
            close(fd)
            unlink(tempURL.path)
            throw failure
        }
        if let reason = install(fd: fd, temp: tempURL, over: url) { throw .cannotWrite(path: url.path, reason: reason) }
    }

    /// A fresh temp-file name beside `url`, with the prefix that marks it as garbage after a crash.
    static func tempURL(beside url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(
            "\(tempPrefix)\(url.lastPathComponent)-\(getpid())-\(UInt32.random(in: 0 ... .max))")
    }

    /// Makes the temp file open on `fd` durable, closes it and renames it
    /// over `target`, then makes the rename durable. `fd` is closed either
    /// way; on failure the temp file is removed and the reason returned.
    static func install(fd: Int32, temp: URL, over target: URL) -> String? {
        var reason: String?
        if fsync(fd) != 0 { reason = errnoText() }
        if close(fd) != 0, reason == nil { reason = errnoText() }
        if reason == nil, rename(temp.path, target.path) != 0 { reason = errnoText() }
        if let reason {
            unlink(temp.path)
            return reason
        }
        syncDirectory(target.deletingLastPathComponent())
        return nil
    }

    /// The bytes of a file being written, buffered. The first write error
    /// stops further writing and is reported when the file is finished.
    public struct Writer: ByteSink {
        fileprivate var file: FileBuffer
        private let path: String

        fileprivate init(fd: Int32, path: String) {
            file = FileBuffer(fd: fd, capacity: 1 << 16)
            self.path = path
        }

        fileprivate var failure: Failure? { file.failure.map { .cannotWrite(path: path, reason: $0) } }

        public mutating func append(_ bytes: UnsafeRawBufferPointer) {
            file.append(bytes)
        }
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
}

func errnoText(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
