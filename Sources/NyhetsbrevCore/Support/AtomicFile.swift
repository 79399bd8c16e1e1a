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
        let directory = url.deletingLastPathComponent()
        let tempURL = directory.appendingPathComponent(
            "\(tempPrefix)\(url.lastPathComponent)-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        let fd = open(tempURL.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: url.path, reason: errnoText()) }
        var ok = false
        defer {
            if !ok { unlink(tempURL.path) }
        }
        var writer = Writer(fd: fd, path: url.path)
        produce(&writer)
        writer.flush()
        if let failure = writer.failure {
            close(fd)
            throw failure
        }
        guard fsync(fd) == 0 else {
            let reason = errnoText()
            close(fd)
            throw .cannotWrite(path: url.path, reason: reason)
        }
        guard close(fd) == 0 else { throw .cannotWrite(path: url.path, reason: errnoText()) }
        guard rename(tempURL.path, url.path) == 0 else {
            throw .cannotWrite(path: url.path, reason: errnoText())
        }
        ok = true
        syncDirectory(directory)
    }

    /// The bytes of a file being written, buffered. The first write error
    /// stops further writing and is reported when the file is finished.
    public struct Writer: ByteSink {
        private let fd: Int32
        private let path: String
        private var buffer: [UInt8] = []
        fileprivate private(set) var failure: Failure?
        private static let capacity = 1 << 16

        fileprivate init(fd: Int32, path: String) {
            self.fd = fd
            self.path = path
            buffer.reserveCapacity(Self.capacity)
        }

        public mutating func append(_ bytes: UnsafeRawBufferPointer) {
            guard failure == nil else { return }
            if buffer.count + bytes.count > Self.capacity { flush() }
            if bytes.count >= Self.capacity {
                writeAll(bytes)
            } else {
                buffer.append(contentsOf: bytes)
            }
        }

        fileprivate mutating func flush() {
            guard !buffer.isEmpty else { return }
            if failure == nil { failure = buffer.withUnsafeBytes { Self.writeAll(fd: fd, path: path, $0) } }
            buffer.removeAll(keepingCapacity: true)
        }

        private mutating func writeAll(_ bytes: UnsafeRawBufferPointer) {
            if failure == nil { failure = Self.writeAll(fd: fd, path: path, bytes) }
        }

        private static func writeAll(fd: Int32, path: String, _ bytes: UnsafeRawBufferPointer) -> Failure? {
            guard var base = bytes.baseAddress else { return nil }
            var remaining = bytes.count
            while remaining > 0 {
                let n = Glibc.write(fd, base, remaining)
                if n < 0 {
                    if errno == EINTR { continue }
                    return .cannotWrite(path: path, reason: errnoText())
                }
                remaining -= n
                base += n
            }
            return nil
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
