import Foundation
import Testing
@testable import NyhetsbrevCore

/// Entries are mapped while the document is read (EntryStream) and text is
/// cleaned on bytes; these pin the behaviour that must not change with it.
@Suite struct StreamingMapperTests {
    func parse(_ xml: String) throws -> ParsedFeed { try FeedParser().parse(Data(xml.utf8)) }

    @Test func datesUseALanguageDeclaredAfterTheItems() throws {
        let feed = try parse("""
            <rss version="2.0"><channel><item><title>a</title><pubDate>2020-11-16 10:00</pubDate></item>
            <language>sv</language></channel></rss>
            """)
        let published = try #require(feed.entries.first?.published)
        // 10:00 in Stockholm (CET, UTC+1) is 09:00 UTC
        #expect(published == Date(timeIntervalSince1970: 1_605_517_200))
    }

    /// RSS 0.90 is told by its elements' namespace, items included: mapped
    /// items must stay in the tree for that (only their content is dropped).
    @Test func anRSS090FeedOfItemsAloneKeepsItsFormat() throws {
        let feed = try parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
            <item><title>a</title><link>https://example.se/a</link></item><item><title>b</title></item></rdf:RDF>
            """)
        #expect(feed.format == .rss090)
        #expect(feed.entries.map(\.title) == ["a", "b"])
    }

    @Test func anItemInsideAnItemBelongsToTheOuterOne() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><item><title>A</title><item><title>B</title></item></item><item><title>C</title></item></channel></rss>")
        #expect(feed.entries.map(\.title) == ["A", "C"])
    }

    @Test func aFeedInsideXHTMLIsMappedFromTheTree() throws {
        let feed = try parse("""
            <html xmlns="http://www.w3.org/1999/xhtml"><body><rss xmlns="" version="2.0"><channel><title>T</title>
            <item><title>x</title><pubDate>Mon, 16 Nov 2020 10:00:00 +0000</pubDate></item></channel></rss></body></html>
            """)
        #expect(feed.title == "T")
        #expect(feed.entries.map(\.title) == ["x"])
        #expect(feed.entries.first?.published == Date(timeIntervalSince1970: 1_605_520_800))
    }

    @Test func atomEntriesStreamAndKeepOrder() throws {
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
            <entry><id>1</id><title>one</title></entry><entry><id>2</id><title>two</title></entry>
            <author><name>not an entry</name></author><entry><id>3</id><title>three</title></entry></feed>
            """)
        #expect(feed.entries.map(\.id) == ["1", "2", "3"])
    }

    @Test func textIsNFCWhetherOrNotItNeedsIt() {
        #expect(TextCleaner.clean("Cafe\u{301}  och  A\u{30A}re") == "Café och Åre")
        #expect(TextCleaner.clean("“Vård” – 5 € … ") == "“Vård” – 5 € …")
        #expect(TextCleaner.clean("a\u{2000}b\u{0085}c") == "a b…c")
        #expect(TextCleaner.clean(" \u{A0}\t ") == nil)
    }

    /// The NFC shortcut's claim: every scalar it lets through is unchanged by NFC on its own and after a letter.
    @Test func scalarsTheShortcutSkipsAreNFCInert() {
        let inert = Array(0x20...0x2FF) + Array(0x2002...0x20CF)
        for v in inert {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let s = "a" + String(Character(scalar)) + "a"
            var copy = s
            let flagged = copy.withUTF8 { TextCleaner.needsNFC($0) }
            #expect(!flagged, "U+\(String(v, radix: 16)) sent to NFC")
            #expect(s.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(s.unicodeScalars), "U+\(String(v, radix: 16)) changes under NFC")
        }
    }
}
