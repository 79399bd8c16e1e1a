import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A temp file a staged partition appends its lines to instead of holding
/// them: a first cycle over hundreds of sources archives thousands of
/// entries, and keeping each one's JSON until the commit was most of that
/// cycle's memory. Bytes can be read back (to confirm a lookup hit, or to
/// copy them into the final file), and the file either becomes the target
/// by rename or is removed. It carries `AtomicFile`'s temp prefix, so one a
/// crash leaves behind is removed when the archive is next opened, and
/// nothing of it is visible before the commit.
///
/// A class because it owns a file descriptor and a file: the last owner
/// closes and removes it. Confined to the archive store's actor.
final class SpoolFile: ByteSink {
    /// A byte range of the file.
    struct Slot: Sendable, Hashable {
        var offset: Int
        var length: Int
    }

    let url: URL
    /// The file this temp file becomes, named in errors.
    let target: URL
    private var file: FileBuffer
    /// Whether `finish` has handed the file over (closed and renamed).
    private var finished = false
    /// Small: a first cycle may stage a spool for each of dozens of months.
    private static let capacity = 1 << 14

    /// Creates an empty temp file beside `target`.
    init(beside target: URL) throws(ArchiveError) {
        let url = AtomicFile.tempURL(beside: target)
        let fd = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: target.path, reason: errnoText()) }
        self.url = url
        self.target = target
        file = FileBuffer(fd: fd, capacity: Self.capacity)
    }

    deinit {
        if !finished {
            close(file.fd)
            unlink(url.path)
        }
    }

    /// Bytes appended so far, buffered ones included.
    var size: Int { file.size }

    func append(_ bytes: UnsafeRawBufferPointer) {
        file.append(bytes)
    }

    /// Throws the first write error since the file was created.
    func check() throws(ArchiveError) {
        if let failure = file.failure { throw .cannotWrite(path: target.path, reason: failure) }
    }

    /// The bytes of `slot`.
    func read(_ slot: Slot) throws(ArchiveError) -> [UInt8] {
        if slot.offset + slot.length > file.written { file.flush() }
        try check()
        switch Self.read(file.fd, slot) {
        case .success(let bytes): return bytes
        case .failure(.system(let code)): throw .cannotRead(path: url.path, reason: errnoText(code))
        case .failure(.endOfFile): throw .cannotRead(path: url.path, reason: errnoText(EIO))
        }
    }

    enum ReadFailure: Error {
        case system(Int32)
        case endOfFile
    }

    /// The bytes of `slot` in the file open on `fd`, read whole despite short reads.
    static func read(_ fd: Int32, _ slot: Slot) -> Result<[UInt8], ReadFailure> {
        var bytes = [UInt8](repeating: 0, count: slot.length)
        var filled = 0
        let failure: ReadFailure? = bytes.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            while filled < raw.count {
                let n = pread(fd, base + filled, raw.count - filled, off_t(slot.offset + filled))
                if n < 0, errno == EINTR { continue }
                if n < 0 { return .system(errno) }
                if n == 0 { return .endOfFile }
                filled += n
            }
            return nil
        }
        if let failure { return .failure(failure) }
        return .success(bytes)
    }

    /// Appends the bytes of `slot` to `sink`, a bounded piece at a time.
    func copy(_ slot: Slot, to sink: inout some ByteSink) throws(ArchiveError) {
        var offset = slot.offset
        let end = slot.offset + slot.length
        while offset < end {
            let piece = Slot(offset: offset, length: min(Self.capacity, end - offset))
            try read(piece).withUnsafeBytes { sink.append($0) }
            offset += piece.length
        }
    }

    // Non-mutating forms of `ByteSink`'s conveniences: a spool is shared by reference.
    func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    func append(_ data: Data) {
        data.withUnsafeBytes { append($0) }
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Makes the file durable and renames it over `target`; afterwards the
    /// file is no longer this spool's to remove.
    func finish() throws(ArchiveError) {
        file.flush()
        try check()
        finished = true
        if let reason = AtomicFile.install(fd: file.fd, temp: url, over: target) {
            throw .cannotWrite(path: target.path, reason: reason)
        }
    }
}
