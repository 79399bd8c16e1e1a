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
        guard let uri else { return .core }
        switch uri {
        case rss10, rss090: return .core
        case atom10, atom03: return .atom
        case dc, dc10: return .dc
        case dcterms: return .dcterms
        case content: return .content
        case itunes: return .itunes
        case media, "http://search.yahoo.com/mrss": return .media
        case xhtml: return .xhtml
        case rdf: return .rdf
        default:
            if userland.contains(uri) { return .core }
            if uri.lowercased() == itunes { return .itunes }
            if uri.hasPrefix("http://www.w3.org/2005/Atom") { return .atom }
            return .other
        }
    }
}
