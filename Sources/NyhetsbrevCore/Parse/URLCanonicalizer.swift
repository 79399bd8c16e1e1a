/// The form of a URL used to recognise the same article behind different
/// links: newsletters and social shares add tracking parameters and
/// fragments, and hosts differ only in case. Query order is kept because
/// some servers give it meaning.
public enum URLCanonicalizer {
    static let trackingParameters: Set<String> = ["fbclid", "gclid", "mc_cid", "mc_eid"]

    public static func canonical(_ url: String) -> String {
        var s = Substring(url.trimmingASCIIWhitespace())
        if let hash = s.firstIndex(of: "#") { s = s[..<hash] }
        guard let schemeEnd = s.range(of: "://") else { return String(s) }
        let scheme = s[..<schemeEnd.lowerBound].lowercased()
        var rest = s[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        rest = rest[authorityEnd...]
        var userInfo = ""
        if let at = authority.lastIndex(of: "@") {
            userInfo = String(authority[...at])
            authority = String(authority[authority.index(after: at)...])
        }
        authority = authority.lowercased()
        if (scheme == "http" && authority.hasSuffix(":80")) || (scheme == "https" && authority.hasSuffix(":443")) {
            authority.removeLast(scheme == "http" ? 3 : 4)
        }
        var path = rest
        var query: Substring?
        if let q = rest.firstIndex(of: "?") {
            path = rest[..<q]
            query = rest[rest.index(after: q)...]
        }
        var out = scheme + "://" + userInfo + authority + (path.isEmpty ? "/" : String(path))
        if let query {
            let kept = query.split(separator: "&", omittingEmptySubsequences: true).filter { pair in
                let name = (pair.split(separator: "=", maxSplits: 1).first ?? "").lowercased()
                return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
            }
            if !kept.isEmpty { out += "?" + kept.joined(separator: "&") }
        }
        return out
    }
}
