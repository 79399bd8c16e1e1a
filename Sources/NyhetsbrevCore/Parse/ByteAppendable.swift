/// Somewhere bytes can be appended: `[UInt8]` for callers that keep an
/// array, `ByteBuffer` on the HTML path. Lets escaping be written once for
/// both. (Not the archive's `ByteSink`, which streams raw bytes to files:
/// this one must also take the non-copyable `ByteBuffer`.)
protocol ByteAppendable: ~Copyable {
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteAppendable where Element == UInt8 {
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

extension ByteBuffer: ByteAppendable {
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) { append(bytes) }
}
