#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes appended to an open file through a buffer, one system call per
/// buffer-full: what both a file being replaced (`AtomicFile.Writer`) and a
/// staged partition's temp file (`SpoolFile`) write through. The first
/// write error stops further writing and stays in `failure` for the owner
/// to report with the file's name.
struct FileBuffer {
    let fd: Int32
    private let capacity: Int
    private var buffer: [UInt8] = []
    /// Bytes in the file so far (buffered ones not included).
    private(set) var written = 0
    /// The first write error, as the system words it.
    private(set) var failure: String?

    init(fd: Int32, capacity: Int) {
        self.fd = fd
        self.capacity = capacity
    }

    /// Bytes appended so far, buffered ones included.
    var size: Int { written + buffer.count }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        if buffer.count + bytes.count > capacity { flush() }
        if bytes.count >= capacity {
            writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        if failure == nil { (written, failure) = buffer.withUnsafeBytes { Self.write(fd, $0, at: written) } }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func writeAll(_ bytes: UnsafeRawBufferPointer) {
        if failure == nil { (written, failure) = Self.write(fd, bytes, at: written) }
    }

    /// Writes all of `bytes` at `offset`; returns the offset reached and the error that stopped it.
    private static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> (Int, String?) {
        guard var base = bytes.baseAddress else { return (offset, nil) }
        var offset = offset
        var remaining = bytes.count
        while remaining > 0 {
            let n = pwrite(fd, base, remaining, off_t(offset))
            if n < 0 {
                if errno == EINTR { continue }
                return (offset, errnoText())
            }
            remaining -= n
            base += n
            offset += n
        }
        return (offset, nil)
    }
}
