import Foundation
import Testing
@testable import NyhetsbrevCore

/// Feeds that mix formats or misname their namespace, read by element name
/// as the reference parser reads them. Each case is checked from bytes in
/// memory and from a file (where entries are mapped as the document streams in).
@Suite struct LenientMappingTests {
    private func parsedBothWays(_ xml: String) throws -> ParsedFeed {
        let inMemory = try FeedParser().parse(Data(xml.utf8))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lenient-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let streamed = try FeedParser().parse(filePath: file.path)
        #expect(NormalizedFeedJSON.encode(streamed) == NormalizedFeedJSON.encode(inMemory))
        return inMemory
    }

    @Test func aFeedRootInAnUnknownNamespaceIsAtom() throws {
        let feed = try parsedBothWays("""
            <feed version="0.3" xmlns="http://example.com/newformat#"><title>Example Atom</title>
            <entry><title>One</title><link rel="alternate" href="https://example.se/1"/></entry></feed>
            """)
        #expect(feed.format == .atom03)
        #expect(feed.title == "Example Atom")
        #expect(feed.entries.map(\.title) == ["One"])
        #expect(feed.entries.first?.link == "https://example.se/1")
    }

    /// A default namespace no format has, declared on `rss` (gofeed's issue
    /// 346: a documentation page's address) or for the items of `rdf:RDF`
    /// (RSS 0.90 under a misremembered Netscape address), is RSS's own;
    /// extensions keep theirs.
    @Test func anRSSRootsUnknownDefaultNamespaceIsRSS() throws {
        let rss = try parsedBothWays("""
            <rss xmlns="https://cyber.harvard.edu/rss/rss.html" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"><channel>
            <title>suspilne.news</title><link>https://suspilne.media/</link><atom:link href="https://suspilne.media/rss" rel="self"/>
            <item><title>A</title><link>https://suspilne.media/a</link></item></channel></rss>
            """)
        #expect(rss.title == "suspilne.news")
        #expect(rss.link == "https://suspilne.media/")
        #expect(rss.entries.map(\.link) == ["https://suspilne.media/a"])
        let rdf = try parsedBothWays("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://channel.netscape.com/rdf/simple/0.9/">
            <channel><title>Mozilla Dot Org</title><link>http://www.mozilla.org</link></channel>
            <item><title>New Status Updates</title><link>http://www.mozilla.org/status/</link></item></rdf:RDF>
            """)
        #expect(rdf.title == "Mozilla Dot Org")
        #expect(rdf.entries.map(\.title) == ["New Status Updates"])
        // a namespace of its own on an element below the root is still not RSS's
        let other = try parsedBothWays("<rss version=\"2.0\"><channel><item><title>t</title><x:title xmlns:x=\"urn:x\">no</x:title></item></channel></rss>")
        #expect(other.entries.map(\.title) == ["t"])
    }

    @Test func itemsOfAnAtomFeedAreEntries() throws {
        let feed = try parsedBothWays("""
            <feed xmlns="http://www.w3.org/2005/Atom"><item><title>a</title></item><entry><title>b</title></entry>
            <x:item xmlns:x="urn:other"><x:title>not an entry</x:title></x:item></feed>
            """)
        #expect(feed.entries.map(\.title) == ["a", "b"])
    }

    /// Atom's element names written into RSS without Atom's namespace.
    @Test func atomStyleElementsInRSSWithoutANamespace() throws {
        let feed = try parsedBothWays("""
            <rss version="2.0"><channel><title>P</title><updated>2012-03-26T23:25:19Z</updated>
            <item><title>Fiat Lux</title><link href="http://podlove.org/podcast/1"/><id>urn:uuid:3241</id>
            <summary>First episode</summary><description>The description</description>
            <link rel="enclosure" type="audio/mpeg" length="12345" href="http://podlove.org/files/fiatlux.mp3"/></item>
            <item><link>https://example.se/plain</link><guid isPermaLink="false">g-1</guid><id>not-the-guid</id></item>
            <item><link rel="alternate">https://example.se/text</link></item></channel></rss>
            """)
        #expect(feed.updated == Date(timeIntervalSince1970: 1_332_804_319))
        let first = try #require(feed.entries.first)
        #expect(first.id == "urn:uuid:3241")
        #expect(first.link == "http://podlove.org/podcast/1")
        // the first summary-like element is the summary
        #expect(first.summaryText == "First episode")
        #expect(first.enclosures == [Enclosure(url: "http://podlove.org/files/fiatlux.mp3", type: "audio/mpeg", length: 12345)])
        #expect(feed.entries[1].link == "https://example.se/plain")
        #expect(feed.entries[1].id == "g-1")
        // a link with a relation but no href is still read by its text
        #expect(feed.entries.last?.link == "https://example.se/text")
    }

    /// The first title with text is the title: a later `title` or `dc:title`
    /// (RSS 1.0 feeds give both) does not replace it, nor does an empty one.
    @Test func theFirstTitleWithTextIsTheTitle() throws {
        let rdf = try parsedBothWays("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title/><dc:title>Channel</dc:title><title>Later</title></channel>
            <item><title>Item Title</title><dc:title/></item><item><title>A</title><dc:title>B</dc:title></item><item><title></title></item></rdf:RDF>
            """)
        #expect(rdf.title == "Channel")
        #expect(rdf.entries.map(\.title) == ["Item Title", "A", nil])
        let atom = try parsedBothWays("""
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"><title>Feed</title><dc:title>Other</dc:title>
            <entry><title>Entry</title><dc:title>Other</dc:title></entry></feed>
            """)
        #expect(atom.title == "Feed")
        #expect(atom.entries.map(\.title) == ["Entry"])
    }

    /// An RSS author written as markup around a name is that name; one with parts is read as Atom's.
    @Test func anAuthorInMarkupIsItsText() throws {
        let feed = try parsedBothWays("""
            <rss version="2.0"><channel><item><author>by <a href="/author/foobar">Foo Bar</a></author></item>
            <item><author><name>Ann</name><email>ann@example.se</email></author></item></channel></rss>
            """)
        #expect(feed.entries.map(\.authors) == [[Author(name: "by Foo Bar")], [Author(name: "Ann", email: "ann@example.se")]])
    }

    @Test func anRSSBodyIsContent() throws {
        let feed = try parsedBothWays("""
            <rss version="2.0"><channel><item><body>safe<applet code="x.class"></applet> <a href="/relative/uri">description</a></body></item></channel></rss>
            """)
        #expect(feed.entries.first?.contentText == "safe description")
        #expect(feed.entries.first?.contentHTML?.contains("applet") == false)
    }

    /// Media RSS's default scheme describes the media (as iTunes categories
    /// do); only categories in a scheme of their own are the entry's subject.
    @Test func mediaCategoriesNeedASchemeOfTheirOwn() throws {
        let feed = try parsedBothWays("""
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><item><category>plain</category>
            <media:category>music</media:category>
            <media:category scheme="http://search.yahoo.com/mrss/category_schema">film</media:category>
            <media:group><media:category scheme="http://dmoz.org" label="x">arts/music</media:category></media:group>
            </item></channel></rss>
            """)
        #expect(feed.entries.first?.categories == ["plain", "arts/music"])
    }
}
