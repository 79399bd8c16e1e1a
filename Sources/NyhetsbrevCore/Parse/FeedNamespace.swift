/// The namespaces feed mapping recognises, and the prefixes feeds use
/// without declaring them (feedparser accepts `dc:creator` even when `dc`
/// was never bound, so a feed reader has to as well).
enum FeedNamespace {
    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let dc10 = "http://purl.org/dc/elements/1.0/"
    static let dcterms = "http://purl.org/dc/terms/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    static let media = "http://search.yahoo.com/mrss/"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let userland = ["http://backend.userland.com/rss2", "http://backend.userland.com/rss", "http://blogs.law.harvard.edu/tech/rss"]

    static let conventional: [String: String] = [
        "dc": dc, "dcterms": dcterms, "content": content, "atom": atom10, "itunes": itunes, "media": media,
        "rdf": rdf, "xhtml": xhtml,
    ]

    enum Kind { case core, atom, dc, dcterms, content, itunes, media, xhtml, rdf, other }

    /// What vocabulary an element belongs to. `core` is RSS's own elements
    /// (no namespace, RSS 1.0/0.90 or the old Userland namespaces).
    static func kind(_ uri: String?) -> Kind {
        guard var uri else { return .core }
        if let known = uri.withUTF8(exactKind) { return known }
        if uri.lowercased() == itunes { return .itunes }
        if uri.hasPrefix("http://www.w3.org/2005/Atom") { return .atom }
        return .other
    }

    /// The vocabulary a feed root (its lower-cased local name) gives a
    /// namespace no format has: Atom's for `feed`, RSS's own for `rss` and
    /// `rdf`; nil for any other root.
    static func kindClaimed(byRoot name: String) -> Kind? {
        switch name {
        case "feed": .atom
        case "rss", "rdf": .core
        default: nil
        }
    }

    /// The URIs `kind` knows exactly, as bytes: a document's few namespace
    /// URIs are compared with these by length and bytes, where a switch
    /// over Strings cost ~1 300 instructions a URI.
    private static let exact: [(uri: [UInt8], kind: Kind)] = {
        let named: [(String, Kind)] = [
            (rss10, .core), (rss090, .core), (atom10, .atom), (atom03, .atom), (dc, .dc), (dc10, .dc), (dcterms, .dcterms),
            (content, .content), (itunes, .itunes), (media, .media), ("http://search.yahoo.com/mrss", .media), (xhtml, .xhtml),
            (rdf, .rdf),
        ]
        let old: [(String, Kind)] = userland.map { ($0, .core) }
        return (named + old).map { (uri: Array($0.0.utf8), kind: $0.1) }
    }()

    private static func exactKind(_ bytes: UnsafeBufferPointer<UInt8>) -> Kind? {
        for known in exact where known.uri.count == bytes.count {
            if known.uri.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return known.kind }
        }
        return nil
    }
}
