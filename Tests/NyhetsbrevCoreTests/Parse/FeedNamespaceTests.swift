import Testing
@testable import NyhetsbrevCore

@Suite struct FeedNamespaceTests {
    /// Every URI known exactly, one character short or long of one, and the looser rules for iTunes and Atom.
    @Test func kinds() {
        let exact: [(String, FeedNamespace.Kind)] = [
            (FeedNamespace.rss10, .core), (FeedNamespace.rss090, .core), (FeedNamespace.atom10, .atom), (FeedNamespace.atom03, .atom),
            (FeedNamespace.dc, .dc), (FeedNamespace.dc10, .dc), (FeedNamespace.dcterms, .dcterms), (FeedNamespace.content, .content),
            (FeedNamespace.itunes, .itunes), (FeedNamespace.media, .media), ("http://search.yahoo.com/mrss", .media),
            (FeedNamespace.xhtml, .xhtml), (FeedNamespace.rdf, .rdf),
        ] + FeedNamespace.userland.map { ($0, .core) }
        let known = Dictionary(exact, uniquingKeysWith: { first, _ in first })
        for (uri, kind) in exact {
            #expect(FeedNamespace.kind(uri) == kind, "\(uri)")
            for variant in [String(uri.dropLast()), uri + "x"] {
                let expected = known[variant] ?? (variant.hasPrefix(FeedNamespace.atom10) ? .atom : .other)
                #expect(FeedNamespace.kind(variant) == expected, "\(variant)")
            }
        }
        #expect(FeedNamespace.kind(nil) == .core)
        #expect(FeedNamespace.kind("") == .other)
        #expect(FeedNamespace.kind("HTTP://WWW.ITUNES.COM/DTDS/PODCAST-1.0.DTD") == .itunes)
        #expect(FeedNamespace.kind("http://www.w3.org/2005/Atom/") == .atom)
        #expect(FeedNamespace.kind("http://example.com/ns") == .other)
    }
}
