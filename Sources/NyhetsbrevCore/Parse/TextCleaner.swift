import Foundation

/// Plain-text normalisation shared by every text field, so the archive and
/// the reference corpus agree on what "the same text" is: NFC, C1 controls
/// read as Windows-1252 (feeds mislabel cp1252 as Latin-1 all the time),
/// whitespace runs collapsed, empty becomes nil.
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
        guard let s, !s.isEmpty else { return nil }
        var asciiOnly = true
        for b in s.utf8 where b >= 0x80 { asciiOnly = false; break }
        if asciiOnly { return cleanASCII(s) }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        let source = needsNFC(s) ? s.precomposedStringWithCanonicalMapping : s
        var pendingSpace = false
        for scalar in source.unicodeScalars {
            var v = scalar.value
            if v >= 0x80 && v <= 0x9F, cp1252High[Int(v - 0x80)] != 0 { v = cp1252High[Int(v - 0x80)] }
            if isSpace(v) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            HTMLEntities.appendUTF8(v, to: &out)
        }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }

    /// Text below U+0300 (no combining marks, no singletons) is already NFC;
    /// Foundation's normalisation is slow, so it only runs when it can matter.
    private static func needsNFC(_ s: String) -> Bool {
        s.unicodeScalars.contains { $0.value >= 0x300 }
    }

    private static func cleanASCII(_ s: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for b in s.utf8 {
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(b)
        }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }
}
