import Foundation

/// Plain-text normalisation shared by every text field, so the archive and
/// the reference corpus agree on what "the same text" is: NFC, C1 controls
/// read as Windows-1252 (feeds mislabel cp1252 as Latin-1 all the time),
/// whitespace runs collapsed, empty becomes nil. It works on UTF-8 bytes and
/// builds each result once, because it runs on every text field of every
/// entry and dominated parse time when it went through `Character`s.
enum TextCleaner {
    /// Windows-1252 characters for U+0080...U+009F; 0 where cp1252 leaves the byte undefined.
    static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The scalars Python's `str.isspace()` accepts, which is what the corpus contract uses.
    @inline(__always)
    static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    static func clean(_ s: String?) -> String? {
        guard var s, !s.isEmpty else { return nil }
        return s.withUTF8 { clean(utf8: $0) }
    }

    /// Cleans UTF-8 bytes (valid UTF-8: they come from Swift strings or libxml2).
    static func clean(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard !bytes.isEmpty else { return nil }
        if needsNFC(bytes) {
            var normalized = String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping
            return normalized.withUTF8 { collapse($0) }
        }
        return collapse(bytes)
    }

    static func clean(utf8 bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { clean(utf8: $0) }
    }

    /// Whitespace collapsed and C1 controls mapped, in one pass over the bytes.
    private static func collapse(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let n = bytes.count
        // only a C1 control (C2 80...C2 9F) grows, by one byte; the string keeps the capacity it was created with
        let capacity = bytes.contains(0xC2) ? n * 3 / 2 + 4 : n
        return String(unsafeUninitializedCapacity: capacity) { out in
            var o = 0
            var pendingSpace = false
            var i = 0
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    i += 1
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F) {
                        pendingSpace = o > 0
                        continue
                    }
                    if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                    out[o] = b
                    o += 1
                    continue
                }
                let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                guard i + len <= n else { break }
                var v: UInt32
                switch len {
                case 2: v = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                case 3: v = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                default:
                    v = UInt32(b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                        | UInt32(bytes[i + 3] & 0x3F)
                }
                var mapped = false
                if v >= 0x80 && v <= 0x9F, cp1252High[Int(v - 0x80)] != 0 { v = cp1252High[Int(v - 0x80)]; mapped = true }
                if isSpace(v) {
                    pendingSpace = o > 0
                    i += len
                    continue
                }
                if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                if mapped {
                    // a C1 control (2 bytes) became a cp1252 character (2 or 3 bytes)
                    o = appendUTF8(v, to: out, at: o)
                } else {
                    for k in 0..<len { out[o + k] = bytes[i + k] }
                    o += len
                }
                i += len
            }
            return o
        }.nilIfEmpty
    }

    @inline(__always)
    private static func appendUTF8(_ v: UInt32, to out: UnsafeMutableBufferPointer<UInt8>, at o: Int) -> Int {
        switch v {
        case 0..<0x80:
            out[o] = UInt8(v)
            return o + 1
        case 0x80..<0x800:
            out[o] = UInt8(0xC0 | (v >> 6)); out[o + 1] = UInt8(0x80 | (v & 0x3F))
            return o + 2
        default:
            out[o] = UInt8(0xE0 | (v >> 12)); out[o + 1] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[o + 2] = UInt8(0x80 | (v & 0x3F))
            return o + 3
        }
    }

    /// Whether NFC could change the text. Every scalar below U+0300 and the
    /// punctuation and currency block U+2002...U+20CF (dashes, quotes, €) is
    /// NFC-inert: unchanged by normalisation and never combined with a
    /// neighbour. Text made only of those is already NFC, which spares
    /// Foundation's slow normalisation for almost all Swedish text.
    static func needsNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0xCC { i += 1; continue }
            if b == 0xE2, i + 2 < n {
                let b1 = bytes[i + 1], b2 = bytes[i + 2]
                if (b1 == 0x80 && b2 >= 0x82) || b1 == 0x81 || b1 == 0x82 || (b1 == 0x83 && b2 < 0x90) {
                    i += 3
                    continue
                }
            }
            return true
        }
        return false
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
