import Foundation

/// An open file (or pipe) holding a feed, read by position so that the
/// parser can stream a regular file to libxml2 in pieces and still go back
/// to the start when the document must be read whole after all (another
/// encoding, ill-formed XML). The document starts where the descriptor's
/// offset stands (standard input may have been read from already). The
/// caller owns the descriptor.
struct FeedFile {
    let descriptor: Int32
    /// The size of the document in a regular file; nil for a pipe, a terminal or a device, which are read once, whole.
    let size: Int?
    /// Where the document starts in a regular file.
    private let origin: Int

    init(descriptor: Int32) throws(ParseError) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(Self.reason(errno)) }
        self.descriptor = descriptor
        let position = lseek(descriptor, 0, SEEK_CUR)
        if (status.st_mode & S_IFMT) == S_IFREG, position >= 0 {
            origin = Int(position)
            size = max(0, Int(status.st_size) - origin)
        } else {
            origin = 0
            size = nil
        }
    }

    /// Reads up to `buffer.count` bytes at `offset` of the document in a regular file, fewer only at its end.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(ParseError) -> Int {
        var filled = 0
        while filled < buffer.count {
            guard let base = buffer.baseAddress else { break }
            let n = pread(descriptor, base + filled, buffer.count - filled, off_t(origin + offset + filled))
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(Self.reason(errno))
            }
            filled += n
        }
        return filled
    }

    /// The whole document, refused as soon as it is known to exceed `limit`
    /// (a pipe is never read further than one byte past it).
    func readAll(limit: Int) throws(ParseError) -> Data {
        if let size {
            guard size <= limit else { throw .tooLarge(limit: limit) }
            var data = Data(count: size)
            let count = try data.withUnsafeMutableBytes { raw in Result { () throws(ParseError) in try read(at: 0, into: raw) } }.get()
            // a file that shrank while it was read is parsed as far as it went
            if count < size { data.removeSubrange(count...) }
            return data
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if n == 0 { return data }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(Self.reason(errno))
            }
            guard data.count + n <= limit else { throw .tooLarge(limit: limit) }
            data.append(contentsOf: buffer[..<n])
        }
    }

    /// The system's wording ("Is a directory", "Input/output error").
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
