import Foundation
import CLibXML2

/// HTML character references: numeric ones as browsers decode them (C1
/// values as Windows-1252), named ones from libxml2's HTML 4 table and
/// only with their closing ';', as feedparser reads them.
enum HTMLEntities {
    /// The character a named HTML entity stands for, or nil.
    static func lookup(_ name: String) -> UInt32? {
        var name = name
        return name.withUTF8 { lookup($0) }
    }

    /// The character the entity named by these bytes stands for, or nil. The
    /// names feeds use all the time are answered without libxml2's linear table search.
    static func lookup(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        switch name.count {
        case 2:
            if name[1] == 0x74 {
                if name[0] == 0x6C { return 0x3C }  // lt
                if name[0] == 0x67 { return 0x3E }  // gt
            }
        case 3:
            if name[0] == 0x61, name[1] == 0x6D, name[2] == 0x70 { return 0x26 }  // amp
        case 4:
            if name[0] == 0x6E, name[1] == 0x62, name[2] == 0x73, name[3] == 0x70 { return 0xA0 }  // nbsp
            if name[0] == 0x71, name[1] == 0x75, name[2] == 0x6F, name[3] == 0x74 { return 0x22 }  // quot
            if name[0] == 0x61, name[1] == 0x70, name[2] == 0x6F, name[3] == 0x73 { return 0x27 }  // apos (not HTML 4)
        default:
            break
        }
        guard name.count <= 32, !name.contains(0) else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: name.count + 1) { cName -> UInt32? in
            guard let target = cName.baseAddress, let source = name.baseAddress else { return nil }
            target.update(from: source, count: name.count)
            target[name.count] = 0
            guard let desc = htmlEntityLookup(target) else { return nil }
            return desc.pointee.value
        }
    }

    /// Appends `bytes[start..<end]` with their character references decoded
    /// (never longer than the source: every reference is at least as long as
    /// the UTF-8 it stands for).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, appendingTo out: inout ByteBuffer) {
        guard let base = bytes.baseAddress, start < end else { return }
        var run = start
        var i = start
        // only `&` starts a reference: memchr finds the next one
        while i < end, let amp = memchr(base + i, 0x26, end - i) {
            i = base.distance(to: amp.assumingMemoryBound(to: UInt8.self))
            guard i + 1 < end, let (scalar, next) = reference(in: bytes, at: i, end: end) else {
                i += 1
                continue
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[run..<i]))
            out.append(scalar: scalar)
            i = next
            run = next
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[run..<end]))
    }

    /// Reads one reference starting at the `&` at `at` (with at + 1 < end);
    /// nil when it is a plain ampersand.
    static func reference(in s: UnsafeBufferPointer<UInt8>, at: Int, end: Int) -> (UInt32, Int)? {
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
        guard j < end, s[j] == 0x3B, let v = lookup(UnsafeBufferPointer(rebasing: s[ns..<j])) else { return nil }
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

    /// Writes the UTF-8 form of `v` (at most 4 bytes) and returns how many bytes it took.
    @inline(__always)
    static func encodeUTF8(_ v: UInt32, to p: UnsafeMutablePointer<UInt8>) -> Int {
        switch v {
        case 0..<0x80:
            p[0] = UInt8(v)
            return 1
        case 0x80..<0x800:
            p[0] = UInt8(0xC0 | (v >> 6)); p[1] = UInt8(0x80 | (v & 0x3F))
            return 2
        case 0x800..<0x10000:
            p[0] = UInt8(0xE0 | (v >> 12)); p[1] = UInt8(0x80 | ((v >> 6) & 0x3F)); p[2] = UInt8(0x80 | (v & 0x3F))
            return 3
        default:
            p[0] = UInt8(0xF0 | (v >> 18)); p[1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            p[2] = UInt8(0x80 | ((v >> 6) & 0x3F)); p[3] = UInt8(0x80 | (v & 0x3F))
            return 4
        }
    }
}
