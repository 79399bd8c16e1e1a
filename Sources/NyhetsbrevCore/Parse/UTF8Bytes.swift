/// Making Strings from UTF-8 the HTML and text paths built themselves.
/// `String(decoding:)` validates every byte again, which cost as much as
/// the rest of rendering together for Swedish text; output built only from
/// valid UTF-8 (Swift strings, or bytes checked once on the way in) by
/// splitting at ASCII bytes and writing whole scalars is valid by
/// construction and is copied without that second check.
enum UTF8Bytes {
    /// A String of bytes that are valid UTF-8 by construction (checked in debug builds).
    static func string(valid bytes: UnsafeBufferPointer<UInt8>) -> String {
        assert(isValid(bytes), "UTF8Bytes.string(valid:) was given invalid UTF-8")
        if #available(macOS 26, *) {
            return String(copying: UTF8Span(unchecked: bytes.span))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs `body` on the bytes when they are valid UTF-8, or else on them
    /// with each invalid sequence replaced by U+FFFD (as `String(decoding:)` reads them).
    static func withValid<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if isValid(bytes) { return body(bytes) }
        var repaired = String(decoding: bytes, as: UTF8.self)
        return repaired.withUTF8(body)
    }

    /// Whether a byte is ASCII whitespace as feeds are trimmed of it (space, tab, line breaks, form feed).
    @inline(__always)
    static func isASCIIWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// The bytes without ASCII whitespace at either end.
    static func trimmingASCIIWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end, isASCIIWhitespace(bytes[start]) { start += 1 }
        while end > start, isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// The length of the sequence a lead byte starts (1 for ASCII).
    @inline(__always)
    static func sequenceLength(lead b: UInt8) -> Int {
        b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
    }

    /// The scalar of the `length`-byte sequence at `p`, which the caller
    /// knows is valid UTF-8 and wholly inside its buffer.
    @inline(__always)
    static func scalar(at p: UnsafePointer<UInt8>, length: Int) -> UInt32 {
        switch length {
        case 1: UInt32(p[0])
        case 2: UInt32(p[0] & 0x1F) << 6 | UInt32(p[1] & 0x3F)
        case 3: UInt32(p[0] & 0x0F) << 12 | UInt32(p[1] & 0x3F) << 6 | UInt32(p[2] & 0x3F)
        default: UInt32(p[0] & 0x07) << 18 | UInt32(p[1] & 0x3F) << 12 | UInt32(p[2] & 0x3F) << 6 | UInt32(p[3] & 0x3F)
        }
    }

    /// Whether the bytes are valid UTF-8. `InputDecoder`'s check, which
    /// skips ASCII eight bytes at a time and reads the rest byte by byte:
    /// measured on the 69 MB benchmark feed at 31 ms, where the standard
    /// library's `UTF8Span(validating:)` took 60 ms and an eight-byte
    /// reading of two-byte characters took 39 ms.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        InputDecoder.isValidUTF8(bytes)
    }
}
