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

    /// Whether the bytes are valid UTF-8 (no overlong forms, surrogates or
    /// scalars above U+10FFFF). Every feed is checked whole before parsing,
    /// so the usual content goes eight bytes at a time: ASCII, and ASCII
    /// mixed with two-byte characters (Swedish å, ä, ö in nearly every word);
    /// only words with longer sequences or errors are read byte by byte.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        while i < n {
            if i + 8 <= n {
                let step = twoByteStep(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
                if step > 0 {
                    i += step
                    continue
                }
            }
            let b = base[i]
            if b < 0x80 { i += 1; continue }
            let len: Int
            switch b {
            case 0xC2...0xDF: len = 2
            case 0xE0...0xEF: len = 3
            case 0xF0...0xF4: len = 4
            default: return false
            }
            guard i + len <= n else { return false }
            for k in 1..<len where base[i + k] & 0xC0 != 0x80 { return false }
            let second = base[i + 1]
            if (b == 0xE0 && second < 0xA0) || (b == 0xED && second > 0x9F) || (b == 0xF0 && second < 0x90) || (b == 0xF4 && second > 0x8F) {
                return false
            }
            i += len
        }
        return true
    }

    /// How many of eight bytes (little-endian in `w`, starting at a character
    /// boundary) are whole valid characters when they are only ASCII and
    /// two-byte sequences: 8, or 7 when the last byte starts a two-byte
    /// sequence; 0 when they are anything else and need reading byte by byte.
    @inline(__always)
    static func twoByteStep(_ w: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high = ones &* 0x80
        let top = w & high
        if top == 0 { return 8 }
        // bit 6 and bit 5 of each byte, moved up to bit 7
        let bit6 = (w << 1) & high
        let bit5 = (w << 2) & high
        let lead = top & bit6
        let continuation = top & ~bit6
        // two-byte leads only (bit 5 clear), and not the overlong C0 and C1 (bits 1...4 not all clear)
        let payload = w & (ones &* 0x1E)
        let nonzeroPayload = (payload &+ ones &* 0x7F) & high
        guard lead & (bit5 | ~nonzeroPayload) == 0 else { return 0 }
        // every continuation byte right after a lead, and every lead followed by one (but the last)
        guard lead << 8 == continuation else { return 0 }
        return lead & 0x8000_0000_0000_0000 != 0 ? 7 : 8
    }
}
