import Foundation

/// Where an encoder appends bytes: a file being written (`AtomicFile.Writer`),
/// memory (`Data`, `[UInt8]`) or the HTML path's `ByteBuffer`, so one encoder
/// or escaper serves all of them and a file is never whole in memory.
public protocol ByteSink: ~Copyable {
    mutating func append(_ bytes: UnsafeRawBufferPointer)
}

extension ByteSink where Self: ~Copyable {
    public mutating func append(_ data: Data) {
        data.withUnsafeBytes { append($0) }
    }

    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `count` bytes starting at `start`.
    mutating func append(bytesAt start: UnsafePointer<UInt8>, count: Int) {
        append(UnsafeRawBufferPointer(start: start, count: count))
    }
}

extension Data: ByteSink {
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        append(bytes.assumingMemoryBound(to: UInt8.self))
    }
}

extension Array: ByteSink where Element == UInt8 {
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
    }
}

extension ByteBuffer: ByteSink {
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        append(bytes.assumingMemoryBound(to: UInt8.self))
    }
}
