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

    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if #available(macOS 26, *) {
            return (try? UTF8Span(validating: bytes.span)) != nil
        }
        return InputDecoder.isValidUTF8(bytes)
    }
}
