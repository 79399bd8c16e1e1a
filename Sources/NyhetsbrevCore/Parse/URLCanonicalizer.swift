/// The form of a URL used to recognise the same article behind different
/// links: newsletters and social shares add tracking parameters and
/// fragments, and hosts differ only in case. Query order is kept because
/// some servers give it meaning. Every archived entry's link goes through
/// it, so it works on UTF-8 bytes.
public enum URLCanonicalizer {
    static let trackingParameters: Set<[UInt8]> = Set(["fbclid", "gclid", "mc_cid", "mc_eid"].map { Array($0.utf8) })

    public static func canonical(_ url: String) -> String {
        var trimmed = url.trimmingASCIIWhitespace()
        return trimmed.withUTF8 { String(decoding: canonical(utf8: $0), as: UTF8.self) }
    }

    private static func canonical(utf8 input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let s = input[..<(input.firstIndex(of: UInt8(ascii: "#")) ?? input.endIndex)]
        guard let found = ByteSearch.firstIndex(of: Array("://".utf8), in: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: s))) else {
            return Array(s)
        }
        let schemeEnd = s.startIndex + found
        let scheme = lowercased(s[..<schemeEnd])
        let rest = s[(schemeEnd + 3)...]
        let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        var userInfo: Slice<UnsafeBufferPointer<UInt8>> = authority[authority.startIndex..<authority.startIndex]
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) {
            userInfo = authority[...at]
            authority = authority[(at + 1)...]
        }
        var host = lowercased(authority)
        if scheme.elementsEqual("http".utf8), host.count >= 3, host.suffix(3).elementsEqual(":80".utf8) {
            host.removeLast(3)
        } else if scheme.elementsEqual("https".utf8), host.count >= 4, host.suffix(4).elementsEqual(":443".utf8) {
            host.removeLast(4)
        }
        let pathAndQuery = rest[authorityEnd...]
        let questionMark = pathAndQuery.firstIndex(of: UInt8(ascii: "?"))
        let path = pathAndQuery[..<(questionMark ?? pathAndQuery.endIndex)]

        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        out.append(contentsOf: scheme)
        out.append(contentsOf: "://".utf8)
        out.append(contentsOf: userInfo)
        out.append(contentsOf: host)
        if path.isEmpty { out.append(UInt8(ascii: "/")) } else { out.append(contentsOf: path) }
        guard let questionMark else { return out }
        var separator = UInt8(ascii: "?")
        for pair in pathAndQuery[(questionMark + 1)...].split(separator: UInt8(ascii: "&")) {
            let name = lowercased(pair[..<(pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex)])
            if name.starts(with: "utm_".utf8) || trackingParameters.contains(name) { continue }
            out.append(separator)
            out.append(contentsOf: pair)
            separator = UInt8(ascii: "&")
        }
        return out
    }

    /// Lower case: ASCII by byte, anything else by Unicode's rules (an IDN host).
    private static func lowercased(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
        }
        return bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }
}
