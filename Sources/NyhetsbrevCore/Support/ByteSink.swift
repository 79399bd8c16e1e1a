import Foundation

/// Where an encoder appends bytes: a file being written (`AtomicFile.Writer`)
/// or memory (`Data`), so one encoder serves both without the file ever
/// being whole in memory.
public protocol ByteSink {
    mutating func append(_ bytes: UnsafeRawBufferPointer)
}

extension ByteSink {
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
}

extension Data: ByteSink {
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        append(contentsOf: bytes)
    }
}
