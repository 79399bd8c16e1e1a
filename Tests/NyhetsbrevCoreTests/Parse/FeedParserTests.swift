import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct FeedParserTests {
    func parse(_ xml: String, documentURL: URL? = nil) throws -> ParsedFeed {
        try FeedParser().parse(Data(xml.utf8), documentURL: documentURL)
    }

    @Test func strayAmpersandIsRecovered() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><title>A & B</title><item><title>Fish & chips</title></item></channel></rss>")
        #expect(feed.recovered)
        #expect(feed.title == "A & B")
        #expect(feed.entries.first?.title == "Fish & chips")
    }

    @Test func htmlEntitiesAreRecovered() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><title>Caf&eacute;&nbsp;x &amp; y</title><item><title>R&auml;k</title></item></channel></rss>")
        #expect(feed.recovered)
        #expect(feed.title == "Café x & y")
        #expect(feed.entries.first?.title == "Räk")
    }

    @Test func htmlEntitiesWithUnloadedDTDNeedNoRecovery() throws {
        let xml = "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel><title>Caf&eacute;</title></channel></rss>"
        let feed = try parse(xml)
        #expect(feed.title == "Café")
        #expect(feed.format == .rss091)
    }

    @Test func wellFormedIsNotRecovered() throws {
        #expect(try !parse("<rss version=\"2.0\"><channel><title>x</title></channel></rss>").recovered)
    }

    @Test func xmlBaseResolvesNestedThenDocumentURL() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/a/">
              <link href="index.html"/>
              <entry xml:base="b/"><link href="c.html?x=1&amp;y=2"/><title>t</title></entry>
              <entry><link href="/root.html"/></entry>
            </feed>
            """
        let feed = try parse(xml)
        #expect(feed.link == "http://example.org/a/index.html")
        #expect(feed.entries[0].link == "http://example.org/a/b/c.html?x=1&y=2")
        #expect(feed.entries[1].link == "http://example.org/root.html")
        let rss = try parse("<rss version=\"2.0\"><channel><item><link>news/1?id=2</link></item></channel></rss>", documentURL: URL(string: "https://www.skr.se/feeds/rss.xml"))
        #expect(rss.entries[0].link == "https://www.skr.se/feeds/news/1?id=2")
    }

    @Test func notAFeedReportsTheTitle() {
        let page = "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><p>Checking your browser</p></body></html>"
        #expect(throws: ParseError.notAFeed(htmlTitle: "Just a moment...")) { try parse(page) }
        #expect(ParseError.notAFeed(htmlTitle: "Just a moment...").description == "not a feed: HTML page titled \"Just a moment...\"")
        #expect(throws: ParseError.notAFeed(htmlTitle: "Logga in")) { try parse("<html><head><title>Logga in</title><body>") }
    }

    /// A document that starts like an HTML page but carries a feed's root element (in any case,
    /// after any other tag) is left to the XML parse, which finds the feed.
    @Test func anHTMLLookingDocumentWithAFeedInsideIsParsed() throws {
        for root in ["rss", "RSS", "Rss"] {
            let xml = "<!DOCTYPE html>\n<!-- a --><\(root) version=\"2.0\"><channel><title>T</title></channel></\(root)>"
            #expect(throws: Never.self, "\(root)") { try parse(xml) }
        }
        let page = "<!DOCTYPE html><html><body><p>Feed: <a href=\"/rss\">rss</a> &lt;rss&gt;</p></body></html>"
        #expect(throws: ParseError.notAFeed(htmlTitle: nil)) { try parse(page) }
    }

    @Test func emptyAndTooLarge() {
        #expect(throws: ParseError.empty) { try parse("  \n") }
        var options = FeedParser.Options()
        options.maxBytes = 10
        #expect(throws: ParseError.tooLarge(limit: 10)) { try FeedParser(options: options).parse(Data(repeating: 0x20, count: 11)) }
    }

    @Test func externalEntityIsNeverExpanded() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("xxe-\(UUID().uuidString).txt")
        try Data("TOP-SECRET-CONTENT".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "\(secret.absoluteString)">]>
            <rss version="2.0"><channel><title>a &xxe; b</title><item><description>&xxe;</description></item></channel></rss>
            """
        let feed = try parse(xml)
        let all = String(decoding: NormalizedFeedJSON.encode(feed), as: UTF8.self)
        #expect(!all.contains("TOP-SECRET"))
        #expect(feed.title?.contains("a") == true)
    }

    @Test func billionLaughsIsBounded() throws {
        var dtd = "<!ENTITY lol \"lol\">"
        for k in 1...9 {
            let prev = k == 1 ? "lol" : "lol\(k - 1)"
            dtd += "<!ENTITY lol\(k) \"" + String(repeating: "&\(prev);", count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [\(dtd)]><rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>"
        let start = Date()
        let feed = try? parse(xml)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect((feed?.title?.utf8.count ?? 0) < 100_000)
    }

    @Test func deepNestingIsBounded() {
        let xml = "<rss version=\"2.0\"><channel>" + String(repeating: "<x>", count: 5000) + String(repeating: "</x>", count: 5000) + "</channel></rss>"
        let start = Date()
        _ = try? parse(xml)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func rssFieldMapping() throws {
        let xml = """
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>Nyheter</title><link>https://www.socialstyrelsen.se/</link><language>sv-SE</language>
            <lastBuildDate>Mon, 16 Nov 2020 10:00:00 +0100</lastBuildDate>
            <item><title>Ny rapport</title><guid isPermaLink="true">https://example.se/r/1</guid>
              <pubDate>Mon, 16 Nov 2020 09:00:00 +0100</pubDate><description>&lt;p&gt;Kort &lt;b&gt;text&lt;/b&gt;&lt;/p&gt;</description>
              <content:encoded><![CDATA[<p>Lång</p><p>text</p>]]></content:encoded>
              <author>press@example.se (Presstjänst)</author><dc:creator>Anna Berg</dc:creator>
              <category>Rapport</category><enclosure url="https://example.se/r.pdf" type="application/pdf" length="1234"/>
            </item></channel></rss>
            """
        let feed = try parse(xml)
        #expect(feed.format == .rss20)
        #expect(feed.language == "sv-SE")
        #expect(feed.updated.map(DateParser.rfc3339) == "2020-11-16T09:00:00Z")
        let e = try #require(feed.entries.first)
        #expect(e.id == "https://example.se/r/1")
        #expect(e.link == "https://example.se/r/1")
        #expect(e.summaryText == "Kort text")
        #expect(e.summaryHTML == "<p>Kort <b>text</b></p>")
        #expect(e.contentText == "Lång text")
        #expect(e.authors == [Author(name: "Presstjänst", email: "press@example.se"), Author(name: "Anna Berg")])
        #expect(e.categories == ["Rapport"])
        #expect(e.enclosures == [Enclosure(url: "https://example.se/r.pdf", type: "application/pdf", length: 1234)])
    }

    /// RSS bylines as written in the wild; the values are what the Foundation-based version read
    /// (the standard-library version must agree with it).
    @Test func rssBylinesSplitIntoNameAndAddress() throws {
        let cases: [(String, String?, String?)] = [
            ("press@example.se (Presstjänst)", "Presstjänst", "press@example.se"),
            ("Anna Berg &lt;anna@example.se&gt;", "Anna Berg", "anna@example.se"),
            ("mailto:kontakt@rcc.se", nil, "kontakt@rcc.se"),
            ("&lt;a@b.se&gt;", nil, "a@b.se"),
            ("info@vardguiden (Vårdguiden)", "info@vardguiden (Vårdguiden)", nil),
            ("\u{2028} x@y.se (Namn)\u{85}", "Namn", "x@y.se"),
            ("(Namn) x@y.se", "Namn", "x@y.se"),
            ("Namn (x@y.se)", "Namn", "x@y.se"),
            ("x@y.se ()", nil, "x@y.se"),
            ("Förnamn Efternamn mailto:f.e@region.se", "Förnamn Efternamn", "f.e@region.se"),
            ("é@x.se (Accent)", "é@x.se (Accent)", nil),
            ("a.b+c@sub.dom.se [Team]", "[Team]", "a.b+c@sub.dom.se"),
            ("@x.se (Ingen)", "@x.se (Ingen)", nil),
            ("x@.se (Punkt)", "x@.se (Punkt)", nil),
        ]
        let items = cases.map { "<item><author>\($0.0)</author></item>" }.joined()
        let feed = try parse("<rss version=\"2.0\"><channel><title>B</title>\(items)</channel></rss>")
        #expect(!feed.recovered)
        #expect(feed.entries.count == cases.count)
        for (entry, (byline, name, email)) in zip(feed.entries, cases) {
            #expect(entry.authors == [Author(name: name, email: email)], "\(byline)")
        }
    }

    @Test func atomTextConstructs() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv"><title type="html">A &amp;lt; B</title>
            <updated>2020-01-01T00:00:00Z</updated>
            <entry><id>urn:x</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">X <b>Y</b></div></title>
            <summary type="text">1 &lt; 2</summary><content type="html">&lt;p&gt;Hej&lt;/p&gt;</content>
            <author><name>Eva</name><email>eva@example.se</email></author><category term="hälsa"/></entry></feed>
            """
        let feed = try parse(xml)
        #expect(feed.title == "A < B")
        #expect(feed.language == "sv")
        let e = try #require(feed.entries.first)
        #expect(e.title == "X Y")
        #expect(e.summaryText == "1 < 2")
        #expect(e.summaryHTML == "1 &lt; 2")
        #expect(e.contentText == "Hej")
        #expect(e.authors == [Author(name: "Eva", email: "eva@example.se")])
        #expect(e.categories == ["hälsa"])
    }

    @Test func parsesConcurrently() async throws {
        let xml = Data("<rss version=\"2.0\"><channel><title>T &eacute;</title>\(String(repeating: "<item><title>x &amp; y</title></item>", count: 200))</channel></rss>".utf8)
        let expected = try FeedParser().parse(xml)
        let results = try await withThrowingTaskGroup(of: ParsedFeed.self) { group in
            for _ in 0..<16 { group.addTask { try FeedParser().parse(xml) } }
            return try await group.reduce(into: [ParsedFeed]()) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == expected })
        #expect(expected.entries.count == 200)
    }
}
