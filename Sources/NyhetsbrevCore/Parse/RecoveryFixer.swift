/// Prepares ill-formed XML for libxml2's recovery mode. Recovery drops
/// named entity references after the first error and cannot guess HTML
/// entities, so every named reference outside CDATA and comments becomes
/// a numeric one (`&eacute;` -> `&#233;`), and a bare `&` becomes `&amp;`.
/// Names declared in the document's own DTD are left alone.
enum RecoveryFixer {
    static func fix(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(n + n / 16)
        let declared = declaredEntities(bytes)
        var i = 0
        while i < n {
            let b = bytes[i]
            if b == 0x3C, i + 3 < n, bytes[i + 1] == 0x21 {
                let terminator: [UInt8]?
                if bytes[i + 2] == 0x5B, starts(bytes, at: i, with: Array("<![CDATA[".utf8)) {
                    terminator = Array("]]>".utf8)
                } else if bytes[i + 2] == 0x2D, bytes[i + 3] == 0x2D {
                    terminator = Array("-->".utf8)
                } else {
                    terminator = nil
                }
                if let terminator {
                    let end = ByteSearch.firstIndex(of: terminator, in: UnsafeRawBufferPointer(bytes), from: i + 4).map { $0 + terminator.count } ?? n
                    out.append(contentsOf: bytes[i..<end])
                    i = end
                    continue
                }
            }
            guard b == 0x26 else {
                // everything up to the next markup or reference is copied as it is, in one piece
                var k = i + 1
                while k < n, bytes[k] != 0x3C, bytes[k] != 0x26 { k += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<k]))
                i = k
                continue
            }
            var j = i + 1
            if j < n, bytes[j] == 0x23 {
                j += 1
                let hex = j < n && (bytes[j] | 0x20) == 0x78
                if hex { j += 1 }
                let ds = j
                while j < n, isDigit(bytes[j], hex: hex) { j += 1 }
                if j > ds, j < n, bytes[j] == 0x3B {
                    // `&#X41;` is HTML's spelling, which XML reads only with a lower-case x
                    if hex {
                        out.append(contentsOf: [0x26, 0x23, 0x78])
                        out.append(contentsOf: bytes[ds...j])
                    } else {
                        out.append(contentsOf: bytes[i...j])
                    }
                    i = j + 1
                    continue
                }
                out.append(contentsOf: Array("&amp;".utf8))
                i += 1
                continue
            }
            let ns = j
            while j < n, j - ns < 40, isNameByte(bytes[j]) { j += 1 }
            if j > ns, j < n, bytes[j] == 0x3B {
                let name = String(decoding: bytes[ns..<j], as: UTF8.self)
                if let v = xmlPredefined[name] ?? HTMLEntities.lookup(name) {
                    out.append(contentsOf: Array("&#\(v);".utf8))
                    i = j + 1
                    continue
                }
                if declared.contains(name) {
                    out.append(contentsOf: bytes[i...j])
                    i = j + 1
                    continue
                }
            }
            out.append(contentsOf: Array("&amp;".utf8))
            i += 1
        }
        return out
    }

    /// Names of general entities the document's internal subset declares.
    private static func declaredEntities(_ bytes: UnsafeBufferPointer<UInt8>) -> Set<String> {
        var names: Set<String> = []
        let marker = Array("<!ENTITY".utf8)
        var from = 0
        while let at = ByteSearch.firstIndex(of: marker, in: UnsafeRawBufferPointer(bytes), from: from) {
            var j = at + marker.count
            while j < bytes.count, bytes[j] == 0x20 || (bytes[j] >= 0x09 && bytes[j] <= 0x0D) { j += 1 }
            let start = j
            while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
            if j > start { names.insert(String(decoding: bytes[start..<j], as: UTF8.self)) }
            from = j
        }
        return names
    }

    private static let xmlPredefined: [String: UInt32] = ["amp": 38, "lt": 60, "gt": 62, "quot": 34, "apos": 39]

    @inline(__always) private static func isDigit(_ c: UInt8, hex: Bool) -> Bool {
        (c >= 0x30 && c <= 0x39) || (hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)
    }

    @inline(__always) private static func isNameByte(_ c: UInt8) -> Bool {
        ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D || c == 0x2E || c == 0x3A
    }

    private static func starts(_ b: UnsafeBufferPointer<UInt8>, at i: Int, with p: [UInt8]) -> Bool {
        guard i + p.count <= b.count else { return false }
        for k in 0..<p.count where b[i + k] != p[k] { return false }
        return true
    }
}
