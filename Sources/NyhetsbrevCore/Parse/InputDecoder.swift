import CLibXML2
import Foundation

/// Turns feed bytes into UTF-8 for libxml2, deciding the encoding the way
/// feeds need it (byte-order mark, then the XML declaration, then the HTTP
/// charset, then sniffing), because servers routinely lie about charsets
/// and Latin-1 labels usually mean Windows-1252.
struct InputDecoder {
    struct Result {
        /// The document as UTF-8, without BOM or leading whitespace. When
        /// the input already was UTF-8 this shares the caller's storage
        /// (a 70 MB feed is not copied).
        var bytes: Data
        /// True when the bytes are UTF-8 now; false when libxml2 must decode
        /// them itself from the declared encoding (e.g. EUC-KR, windows-1251).
        var isUTF8: Bool
        /// The encoding the document was read as.
        var encoding: String
    }

    static func decode(_ data: Data, httpCharset: String?) -> Result {
        let head = Head(data)
        // UTF-32 (checked first: its little-endian BOM starts like UTF-16's)
        if let utf32 = utf32Label(head), var out = Transcoder.toUTF8([UInt8](data), from: utf32) {
            if out.starts(with: [0xEF, 0xBB, 0xBF]) { out.removeFirst(3) }
            return Result(bytes: withoutLeadingWhitespace(Data(out)), isUTF8: true, encoding: utf32.lowercased())
        }
        if let utf16 = utf16Order(head) {
            return utf8Result(fromUTF16: [UInt8](data), bigEndian: utf16.bigEndian, skip: utf16.skip)
        }
        if head.startsWithUTF8BOM {
            return finish(data.dropFirst(3), as: "utf-8")
        }
        if head.startsWithEBCDICDeclaration, let ebcdic = ebcdicResult(data) {
            return ebcdic
        }
        let declared = data.withUnsafeBytes { raw in
            declaredEncoding(UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self).prefix(2048)))
        }
        let label = normalizedLabel(declared ?? httpCharset ?? "")
        return finish(data, as: label)
    }

    /// Where the text of a document starts (after a UTF-8 byte-order mark
    /// and leading whitespace) when its first bytes already show, by the
    /// rules of `decode`, that it is to be read as UTF-8 as it is; nil when
    /// it must be decoded whole (UTF-16/32, another charset, nothing but
    /// whitespace in `head`). Whether the rest really is valid UTF-8 is for
    /// the caller to check as it reads: `decode` would read invalid bytes as windows-1252.
    static func utf8Start(ofHead head: UnsafeBufferPointer<UInt8>, httpCharset: String?) -> Int? {
        let first = Head(head)
        guard utf32Label(first) == nil, utf16Order(first) == nil else { return nil }
        var start = 0
        if first.startsWithUTF8BOM {
            start = 3
        } else {
            let label = normalizedLabel(declaredEncoding(UnsafeBufferPointer(rebasing: head.prefix(2048))) ?? httpCharset ?? "")
            guard label == "utf-8" || label == "" || label == "us-ascii" else { return nil }
        }
        while start < head.count, isXMLSpace(head[start]) { start += 1 }
        return start < head.count ? start : nil
    }

    @inline(__always)
    private static func isXMLSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// A document's first four bytes (fewer in a shorter one), which is all
    /// the signatures need: kept in registers rather than an array, as every document is tested.
    private struct Head {
        let count: Int
        private let bytes: (UInt8, UInt8, UInt8, UInt8)

        init(_ data: Data) {
            self = data.withUnsafeBytes { Head($0.assumingMemoryBound(to: UInt8.self)) }
        }

        init(_ buffer: UnsafeBufferPointer<UInt8>) {
            count = min(4, buffer.count)
            func at(_ i: Int) -> UInt8 { i < buffer.count ? buffer[i] : 0 }
            bytes = (at(0), at(1), at(2), at(3))
        }

        subscript(_ i: Int) -> UInt8 {
            switch i {
            case 0: bytes.0
            case 1: bytes.1
            case 2: bytes.2
            default: bytes.3
            }
        }

        var startsWithUTF8BOM: Bool { count >= 3 && bytes.0 == 0xEF && bytes.1 == 0xBB && bytes.2 == 0xBF }

        /// "<?xm" in EBCDIC, which XML's appendix F names as the mark of an EBCDIC document.
        var startsWithEBCDICDeclaration: Bool { count == 4 && bytes == (0x4C, 0x6F, 0xA7, 0x94) }
    }

    /// An EBCDIC document as UTF-8: its declaration is read in code page 037
    /// (the EBCDIC code pages agree on the characters a declaration has),
    /// then the whole document in the code page it names, else in 037.
    private static func ebcdicResult(_ data: Data) -> Result? {
        guard let head = Transcoder.toUTF8([UInt8](data.prefix(512)), from: "IBM037") else { return nil }
        let declared = head.withUnsafeBufferPointer { declaredEncoding($0) }.map(normalizedLabel)
        let bytes = [UInt8](data)
        for label in [declared, "ibm037"].compactMap({ $0 }) {
            if let utf8 = Transcoder.toUTF8(bytes, from: label) {
                return Result(bytes: withoutLeadingWhitespace(Data(utf8)), isUTF8: true, encoding: label)
            }
        }
        return nil
    }

    /// The UTF-32 byte order the first four bytes show, with or without a byte-order mark.
    private static func utf32Label(_ head: Head) -> String? {
        guard head.count == 4 else { return nil }
        let h = (head[0], head[1], head[2], head[3])
        if h == (0x00, 0x00, 0xFE, 0xFF) || h == (0x00, 0x00, 0x00, 0x3C) { return "UTF-32BE" }
        if h == (0xFF, 0xFE, 0x00, 0x00) || h == (0x3C, 0x00, 0x00, 0x00) { return "UTF-32LE" }
        return nil
    }

    /// The UTF-16 byte order the first bytes show: a byte-order mark (`skip` 2),
    /// or "<?" without one ("<\0?\0" or "\0<\0?").
    private static func utf16Order(_ head: Head) -> (bigEndian: Bool, skip: Int)? {
        if head.count >= 2, (head[0] == 0xFE && head[1] == 0xFF) || (head[0] == 0xFF && head[1] == 0xFE) { return (head[0] == 0xFE, 2) }
        guard head.count == 4 else { return nil }
        if head[0] == 0x3C, head[1] == 0, head[2] != 0, head[3] == 0 { return (false, 0) }
        if head[0] == 0, head[1] == 0x3C, head[2] == 0, head[3] != 0 { return (true, 0) }
        return nil
    }

    private static func finish(_ input: Data, as label: String) -> Result {
        let bytes = withoutLeadingWhitespace(input)
        switch label {
        case "utf-8", "", "us-ascii":
            if isValidUTF8(bytes) { return Result(bytes: bytes, isUTF8: true, encoding: "utf-8") }
            return Result(bytes: transcodeSingleByte(bytes, table: .cp1252), isUTF8: true, encoding: "windows-1252")
        case "iso-8859-1", "windows-1252":
            return Result(bytes: transcodeSingleByte(bytes, table: .cp1252), isUTF8: true, encoding: label)
        case "iso-8859-15":
            return Result(bytes: transcodeSingleByte(bytes, table: .latin9), isUTF8: true, encoding: label)
        case "utf-16", "utf-16le", "utf-16be", "utf-32", "utf-32le", "utf-32be":
            // the bytes are not UTF-16/32 (that was sniffed above), so the declaration is wrong
            return finish(bytes, as: "utf-8")
        default:
            if let utf8 = Transcoder.toUTF8([UInt8](bytes), from: label) { return Result(bytes: Data(utf8), isUTF8: true, encoding: label) }
            if libxml2Supports(label) { return Result(bytes: bytes, isUTF8: false, encoding: label) }
            return finish(bytes, as: "utf-8")
        }
    }

    private static func libxml2Supports(_ label: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(label) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }

    static func normalizedLabel(_ raw: String) -> String {
        // nearly every feed: no label, or UTF-8 as usually written (equal small strings compare cheaply, unequal ones do not)
        if raw.isEmpty || raw == "utf-8" { return raw }
        if raw == "UTF-8" { return "utf-8" }
        let lowered = raw.trimmingASCIIWhitespace().lowercased()
        let l = lowered.utf8.contains(0x5F) ? String(lowered.map { $0 == "_" ? "-" : $0 }) : lowered
        switch l {
        case "utf8", "utf-8", "unicode-1-1-utf-8": return "utf-8"
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1", "iso-ir-100", "ibm819", "cp819", "iso-8859-1:1987": return "iso-8859-1"
        case "windows-1252", "cp1252", "x-cp1252", "win-1252": return "windows-1252"
        case "iso-8859-15", "iso8859-15", "latin-9", "latin9", "l9": return "iso-8859-15"
        case "ascii", "us-ascii", "ansi-x3.4-1968", "iso646-us": return "us-ascii"
        case "utf-16", "utf16", "ucs-2", "iso-10646-ucs-2", "csunicode": return "utf-16"
        case "utf-32", "utf32", "ucs-4", "iso-10646-ucs-4", "csucs4": return "utf-32"
        // Python's names for code pages iconv knows by others
        case "ibm039": return "ibm037"
        case "macroman", "mac-roman": return "macintosh"
        case "maclatin2", "mac-latin2", "maccentraleurope", "mac-centeuro": return "mac-centraleurope"
        case "utf-16le": return "utf-16le"
        case "utf-16be": return "utf-16be"
        default: return l
        }
    }

    /// The `encoding="..."` of an XML declaration at the start (after optional whitespace).
    static func declaredEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var i = 0
        while i < bytes.count, i < 1024, bytes[i] == 0x20 || (bytes[i] >= 0x09 && bytes[i] <= 0x0D) { i += 1 }
        guard i + 5 < bytes.count, bytes[i] == 0x3C, bytes[i + 1] == 0x3F, bytes[i + 2] | 0x20 == 0x78, bytes[i + 3] | 0x20 == 0x6D, bytes[i + 4] | 0x20 == 0x6C else { return nil }
        guard let end = bytes[i..<min(bytes.count, i + 512)].firstIndex(of: 0x3E) else { return nil }
        let name: StaticString = "encoding"
        guard var j = ByteSearch.firstIndex(of: name, in: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[..<end]), from: i) else { return nil }
        j += name.utf8CodeUnitCount
        while j < end, bytes[j] == 0x20 || bytes[j] == 0x3D || bytes[j] == 0x09 { j += 1 }
        guard j < end, bytes[j] == 0x22 || bytes[j] == 0x27 else { return nil }
        let quote = bytes[j]
        let valueEnd = bytes[(j + 1)..<end].firstIndex(of: quote) ?? end
        return String(decoding: bytes[(j + 1)..<valueEnd], as: UTF8.self)
    }

    /// The bytes after leading XML whitespace, sharing storage with the input.
    private static func withoutLeadingWhitespace(_ data: Data) -> Data {
        guard let first = data.firstIndex(where: { !isXMLSpace($0) }) else { return Data() }
        return first == data.startIndex ? data : data[first...]
    }

    private static func utf8Result(fromUTF16 bytes: [UInt8], bigEndian: Bool, skip: Int) -> Result {
        var units: [UInt16] = []
        units.reserveCapacity((bytes.count - skip) / 2)
        var i = skip
        while i + 1 < bytes.count {
            units.append(bigEndian ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]) : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i]))
            i += 2
        }
        let out = Data(String(decoding: units, as: UTF16.self).utf8)
        return Result(bytes: withoutLeadingWhitespace(out), isUTF8: true, encoding: bigEndian ? "utf-16be" : "utf-16le")
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValidUTF8($0) }
    }

    static func isValidUTF8(_ data: Data) -> Bool {
        data.withUnsafeBytes { isValidUTF8($0.assumingMemoryBound(to: UInt8.self)) }
    }

    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        let n = bytes.count
        while i < n {
            // markup is mostly ASCII: skip it 32 bytes at a time, then eight,
            // and straight to the first byte with its high bit set
            while i &+ 32 <= n {
                let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self)
                let b = raw.loadUnaligned(fromByteOffset: i &+ 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i &+ 24, as: UInt64.self)
                guard (a | b) & 0x8080_8080_8080_8080 == 0 else { break }
                i &+= 32
            }
            guard i < n else { break }
            if i + 8 <= n {
                let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & 0x8080_8080_8080_8080
                if high == 0 {
                    i += 8
                    continue
                }
                i += high.trailingZeroBitCount >> 3
            }
            // then every character up to the next ASCII byte, without going back to the skips
            // between them (a run of Cyrillic or CJK text is one such stretch)
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    i += 1
                    break
                }
                // two-byte sequences (Latin letters such as å, ä, ö; Cyrillic) are the usual case
                if b >= 0xC2 && b <= 0xDF {
                    guard i + 1 < n, bytes[i + 1] & 0xC0 == 0x80 else { return false }
                    i += 2
                    continue
                }
                let len: Int
                if b >= 0xE0 && b <= 0xEF { len = 3 } else if b >= 0xF0 && b <= 0xF4 { len = 4 } else { return false }
                guard i + len <= n else { return false }
                for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return false }
                if len == 3 {
                    if b == 0xE0 && bytes[i + 1] < 0xA0 { return false }
                    if b == 0xED && bytes[i + 1] > 0x9F { return false }
                } else {
                    if b == 0xF0 && bytes[i + 1] < 0x90 { return false }
                    if b == 0xF4 && bytes[i + 1] > 0x8F { return false }
                }
                i += len
            }
        }
        return true
    }

    /// Where the last whole character of `bytes[..<end]` ends: `end`, or
    /// before a lead byte whose sequence `end` cuts off (a piece of a file
    /// read in the middle of a character). Anything else, valid or not, is
    /// left for the validation that follows.
    static func wholeCharacters(_ bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Int {
        var k = 1
        while k <= 3, k <= end {
            let b = bytes[end - k]
            if b & 0xC0 == 0x80 {
                k += 1
                continue
            }
            return b >= 0xC0 && UTF8Bytes.sequenceLength(lead: b) > k ? end - k : end
        }
        return end
    }

    enum SingleByteTable { case cp1252, latin9 }

    /// A single-byte document as UTF-8, written straight into the result
    /// (markup is mostly ASCII, which is copied eight bytes at a time).
    static func transcodeSingleByte(_ data: Data, table: SingleByteTable) -> Data {
        data.withUnsafeBytes { raw in
            let n = raw.count
            // a byte becomes at most 3 bytes of UTF-8 (the euro sign)
            let out = [UInt8](unsafeUninitializedCapacity: 3 * n) { out, written in
                guard let dst = out.baseAddress, let src = raw.baseAddress else { return written = 0 }
                var i = 0
                var o = 0
                while i < n {
                    if i + 8 <= n, src.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                        UnsafeMutableRawPointer(dst + o).copyMemory(from: src + i, byteCount: 8)
                        i += 8
                        o += 8
                        continue
                    }
                    let b = raw[i]
                    i += 1
                    if b < 0x80 {
                        dst[o] = b
                        o += 1
                        continue
                    }
                    o += HTMLEntities.encodeUTF8(scalar(b, table), to: dst + o)
                }
                written = o
            }
            return Data(out)
        }
    }

    /// The character a byte from 0x80 up stands for in `table`.
    private static func scalar(_ b: UInt8, _ table: SingleByteTable) -> UInt32 {
        switch table {
        case .cp1252:
            let v = b <= 0x9F ? TextCleaner.cp1252High[Int(b - 0x80)] : 0
            return v != 0 ? v : UInt32(b)
        case .latin9:
            switch b {
            case 0xA4: return 0x20AC
            case 0xA6: return 0x0160
            case 0xA8: return 0x0161
            case 0xB4: return 0x017D
            case 0xB8: return 0x017E
            case 0xBC: return 0x0152
            case 0xBD: return 0x0153
            case 0xBE: return 0x0178
            default: return UInt32(b)
            }
        }
    }
}
