import CLibXML2

/// A lenient HTML tokenizer over UTF-8 bytes, modelled on Python's
/// `html.parser` (the reference the corpus contract is written against):
/// tags only start at `<` + letter, unterminated markup at the end is text,
/// `<script>`/`<style>` content is raw text. One tokenizer feeds both the
/// plain-text converter and the sanitizer, so they never disagree about
/// where a tag is.
struct HTMLTokenizer {
    enum Token {
        /// Raw text bytes; character references not yet decoded.
        case text(ArraySlice<UInt8>)
        case start(name: String, attributes: [(name: String, value: String)], selfClosing: Bool)
        case end(name: String)
    }

    private let bytes: [UInt8]
    private var i = 0
    private var rawTextEnd: String?

    init(_ html: String) { bytes = Array(html.utf8) }

    @inline(__always) private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    mutating func next() -> Token? {
        let n = bytes.count
        guard i < n else { return nil }
        if let endName = rawTextEnd {
            rawTextEnd = nil
            let start = i
            var j = i
            while j < n {
                if bytes[j] == 0x3C, j + 1 < n, bytes[j + 1] == 0x2F, matchesName(endName, at: j + 2) { break }
                j += 1
            }
            i = j
            if j > start { return .text(bytes[start..<j]) }
            return next()
        }
        let start = i
        while i < n {
            if bytes[i] == 0x3C, i + 1 < n {
                let c = bytes[i + 1]
                if Self.isLetter(c) || c == 0x2F || c == 0x21 || c == 0x3F { break }
            }
            i += 1
        }
        if i > start { return .text(bytes[start..<i]) }
        // bytes[i] == '<' and a markup construct may begin here
        let c = bytes[i + 1]
        if c == 0x21 {  // <! comment or declaration
            if i + 3 < n, bytes[i + 2] == 0x2D, bytes[i + 3] == 0x2D {
                if let close = find([0x2D, 0x2D, 0x3E], from: i + 4) { i = close + 3 } else { return restAsText() }
            } else if let close = find([0x3E], from: i + 2) { i = close + 1 } else { return restAsText() }
            return next()
        }
        if c == 0x3F {  // <? processing instruction
            if let close = find([0x3E], from: i + 2) { i = close + 1 } else { return restAsText() }
            return next()
        }
        if c == 0x2F {  // </
            guard i + 2 < n else { return restAsText() }
            if !Self.isLetter(bytes[i + 2]) {
                if bytes[i + 2] == 0x3E { i += 3; return next() }
                if let close = find([0x3E], from: i + 2) { i = close + 1; return next() }
                return restAsText()
            }
            var j = i + 2
            while j < n, !Self.isSpace(bytes[j]), bytes[j] != 0x3E, bytes[j] != 0x2F { j += 1 }
            let name = Self.lowerName(bytes[(i + 2)..<j])
            guard let close = find([0x3E], from: j) else { return restAsText() }
            i = close + 1
            return .end(name: name)
        }
        return startTag()
    }

    private mutating func restAsText() -> Token {
        let s = i
        i = bytes.count
        return .text(bytes[s..<bytes.count])
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        let n = bytes.count
        var j = from
        while j + needle.count <= n {
            if bytes[j] == needle[0] {
                var k = 1
                while k < needle.count, bytes[j + k] == needle[k] { k += 1 }
                if k == needle.count { return j }
            }
            j += 1
        }
        return nil
    }

    private func matchesName(_ name: String, at pos: Int) -> Bool {
        var j = pos
        for b in name.utf8 {
            guard j < bytes.count, bytes[j] | 0x20 == b else { return false }
            j += 1
        }
        return j >= bytes.count || !Self.isLetter(bytes[j])
    }

    private static func lowerName(_ s: ArraySlice<UInt8>) -> String {
        String(decoding: s.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private mutating func startTag() -> Token {
        let n = bytes.count
        var j = i + 1
        while j < n, !Self.isSpace(bytes[j]), bytes[j] != 0x3E, bytes[j] != 0x2F { j += 1 }
        let name = Self.lowerName(bytes[(i + 1)..<j])
        var attributes: [(name: String, value: String)] = []
        var selfClosing = false
        while true {
            while j < n, Self.isSpace(bytes[j]) || bytes[j] == 0x2F {
                if bytes[j] == 0x2F, j + 1 < n, bytes[j + 1] == 0x3E { selfClosing = true }
                j += 1
            }
            guard j < n else { return restAsText() }
            if bytes[j] == 0x3E { j += 1; break }
            let ns = j
            while j < n, !Self.isSpace(bytes[j]), bytes[j] != 0x3E, bytes[j] != 0x3D, !(bytes[j] == 0x2F && j + 1 < n && bytes[j + 1] == 0x3E) { j += 1 }
            if j == ns { j += 1; continue }
            let attrName = Self.lowerName(bytes[ns..<j])
            while j < n, Self.isSpace(bytes[j]) { j += 1 }
            var value = ""
            if j < n, bytes[j] == 0x3D {
                j += 1
                while j < n, Self.isSpace(bytes[j]) { j += 1 }
                guard j < n else { return restAsText() }
                if bytes[j] == 0x22 || bytes[j] == 0x27 {
                    let q = bytes[j]
                    var k = j + 1
                    while k < n, bytes[k] != q { k += 1 }
                    if k < n {
                        value = HTMLEntities.decode(bytes[(j + 1)..<k])
                        j = k + 1
                    } else {
                        // an unterminated quote runs to the next '>', as browsers and html.parser read it
                        guard let close = find([0x3E], from: j + 1) else { return restAsText() }
                        value = HTMLEntities.decode(bytes[(j + 1)..<close])
                        j = close
                    }
                } else {
                    let vs = j
                    while j < n, !Self.isSpace(bytes[j]), bytes[j] != 0x3E { j += 1 }
                    value = HTMLEntities.decode(bytes[vs..<j])
                }
            }
            attributes.append((attrName, value))
        }
        i = j
        if name == "script" || name == "style" { rawTextEnd = name }
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }
}

/// HTML character references: numeric ones as browsers decode them (C1
/// values as Windows-1252), named ones from libxml2's HTML 4 table and
/// only with their closing ';', as feedparser reads them.
enum HTMLEntities {
    /// The character a named HTML entity stands for, or nil.
    static func lookup(_ name: String) -> UInt32? {
        if name == "apos" { return 0x27 }
        guard let desc = name.withCString({ htmlEntityLookup(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }) else { return nil }
        return desc.pointee.value
    }

    static func decode(_ s: ArraySlice<UInt8>) -> String {
        guard s.contains(0x26) else { return String(decoding: s, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        decode(s, appendingTo: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the bytes with their character references decoded.
    static func decode(_ s: ArraySlice<UInt8>, appendingTo out: inout [UInt8]) {
        guard s.contains(0x26) else { out.append(contentsOf: s); return }
        var i = s.startIndex
        let end = s.endIndex
        while i < end {
            let b = s[i]
            guard b == 0x26, i + 1 < end else { out.append(b); i += 1; continue }
            if let (scalar, next) = reference(in: s, at: i) {
                appendUTF8(scalar, to: &out)
                i = next
            } else {
                out.append(b)
                i += 1
            }
        }
    }

    static func decode(_ s: String) -> String { decode(Array(s.utf8)[...]) }

    /// Reads one reference starting at the `&` at `at`; nil when it is a plain ampersand.
    private static func reference(in s: ArraySlice<UInt8>, at: Int) -> (UInt32, Int)? {
        let end = s.endIndex
        var j = at + 1
        if s[j] == 0x23 {  // &#
            j += 1
            var hex = false
            if j < end, s[j] | 0x20 == 0x78 { hex = true; j += 1 }
            let ds = j
            var value: UInt32 = 0
            while j < end {
                let c = s[j]
                var d: UInt32
                if c >= 0x30 && c <= 0x39 { d = UInt32(c - 0x30) } else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 { d = UInt32((c | 0x20) - 0x61 + 10) } else { break }
                value = min(value &* (hex ? 16 : 10) &+ d, 0x110000)
                j += 1
            }
            guard j > ds else { return nil }
            if j < end, s[j] == 0x3B { j += 1 }
            return (numericScalar(value), j)
        }
        let ns = j
        while j < end, j - ns < 32, (s[j] | 0x20 >= 0x61 && s[j] | 0x20 <= 0x7A) || (s[j] >= 0x30 && s[j] <= 0x39) { j += 1 }
        guard j > ns else { return nil }
        // a named reference needs its ';' (feedparser keeps "&nbsp" without one as text)
        guard j < end, s[j] == 0x3B, let v = lookup(String(decoding: s[ns..<j], as: UTF8.self)) else { return nil }
        return (v, j + 1)
    }

    static func numericScalar(_ value: UInt32) -> UInt32 {
        if value >= 0x80 && value <= 0x9F, TextCleaner.cp1252High[Int(value - 0x80)] != 0 { return TextCleaner.cp1252High[Int(value - 0x80)] }
        if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { return 0xFFFD }
        return value
    }

    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
