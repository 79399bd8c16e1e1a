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
        return s.withUTF8 { clean(validUTF8: $0) }
    }

    /// Cleans UTF-8 bytes (e.g. straight from libxml2); invalid sequences read as U+FFFD.
    static func clean(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        UTF8Bytes.withValid(bytes) { clean(validUTF8: $0) }
    }

    /// Cleans bytes known to be valid UTF-8. One pass collapses them; the
    /// rare text NFC could change is normalised first and collapsed again.
    static func clean(validUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard !bytes.isEmpty else { return nil }
        if let collapsed = collapsed(bytes, unlessNFCMatters: true) { return collapsed.nilIfEmpty }
        // the standard library's NFC (the one String comparison uses), not
        // Foundation's, which goes through UTF-16 and cost ~100 000
        // instructions a field; `HTMLBytesTests` checks that the two agree
        let normalized = String(decoding: bytes, as: UTF8.self)._nfcCodeUnits
        return normalized.withUnsafeBufferPointer { collapsed($0, unlessNFCMatters: false) }?.nilIfEmpty
    }

    /// The bytes collapsed, or nil when `unlessNFCMatters` and NFC could change them.
    private static func collapsed(_ bytes: UnsafeBufferPointer<UInt8>, unlessNFCMatters: Bool) -> String? {
        // only a C1 control (2 bytes) grows, to at most 3 bytes
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count * 3 / 2 + 4) { out -> String? in
            guard let target = out.baseAddress else { return nil }
            var collapse = TextCollapse()
            let count = collapse.append(bytes, 0, bytes.count, to: target)
            if unlessNFCMatters && collapse.mayNeedNFC { return nil }
            return count == 0 ? "" : UTF8Bytes.string(valid: UnsafeBufferPointer(start: target, count: count))
        }
    }

    static func clean(utf8 bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { clean(utf8: $0) }
    }

    /// Whether NFC could change the text: whether any scalar is not NFC-inert.
    static func needsNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !String(decoding: bytes, as: UTF8.self).unicodeScalars.allSatisfy { isNFCInert($0.value) }
    }

    /// Scalars NFC leaves alone wherever they stand: combining class 0,
    /// their own NFC, and never a later scalar of any canonical
    /// decomposition (so never the second of a composition). Text made only
    /// of those is already NFC, which spares Foundation's slow normalisation
    /// for almost all text: everything below U+0300 (Latin incl. å, ä, ö),
    /// Greek, Cyrillic and Arabic letters and punctuation, general
    /// punctuation and currency (dashes, quotes, €), letterlike symbols,
    /// arrows, mathematical operators and other symbols, CJK punctuation,
    /// kana and ideographs, Hangul syllables, fullwidth forms and emoji.
    /// Combining marks and the few scalars NFC replaces (Ω U+2126, K U+212A,
    /// Å U+212B, CJK compatibility ideographs, …) are outside these ranges,
    /// so a base letter followed by a mark is still normalised.
    /// `HTMLBytesTests.scalarsCalledNFCInertAreUnchangedByNFC` checks every scalar claimed here against Foundation.
    @inline(__always)
    static func isNFCInert(_ v: UInt32) -> Bool {
        switch v {
        case 0..<0x300, 0x2002...0x20CF, 0xFEFF, 0xFFFD,
            0x370...0x373, 0x375...0x37D, 0x37F...0x386, 0x388...0x3FF,
            0x400...0x482, 0x48A...0x52F,
            0x600...0x60F, 0x61B...0x64A, 0x660...0x66F, 0x671...0x6D5, 0x6EE...0x6FF,
            0x2100...0x2125, 0x2127...0x2129, 0x212C...0x214F, 0x2190...0x2328, 0x232B...0x23FF, 0x2460...0x27BF,
            0x3000...0x3029, 0x3030...0x3098, 0x309B...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xAC00...0xD7A3, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x1F300...0x1FAFF:
            return true
        default:
            return false
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
