import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct JSONFeedTests {
    func fixture(_ name: String) throws -> ParsedFeed {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/Parse"))
        return try FeedParser().parse(try Data(contentsOf: url))
    }

    @Test func version11() throws {
        let feed = try fixture("jsonfeed-1.1")
        #expect(feed.format == .jsonFeed11)
        #expect(feed.title == "SKR nyheter")
        #expect(feed.link == "https://skr.se/")
        #expect(feed.language == "sv-SE")
        #expect(feed.entries.count == 2)
        let first = feed.entries[0]
        #expect(first.id == "2")
        #expect(first.link == "https://skr.se/nyheter/2")
        #expect(first.title == "Ny överenskommelse")
        #expect(first.contentText == "Regeringen och SKR har kommit överens.")
        #expect(first.contentHTML == "<p>Regeringen och <b>SKR</b> har kommit överens.</p>")
        #expect(first.summaryText == "Överenskommelse om vården")
        #expect(first.published.map(DateParser.rfc3339) == "2026-03-12T08:00:00Z")
        #expect(first.updated.map(DateParser.rfc3339) == "2026-03-13T10:00:00Z")
        #expect(first.categories == ["vård", "avtal"])
        #expect(first.enclosures == [Enclosure(url: "https://skr.se/a.pdf", type: "application/pdf", length: 2048)])
        // item authors fall back to the feed's (spec: "the top-level authors ... are the authors of the item")
        #expect(first.authors == [Author(name: "SKR Press", uri: "https://skr.se/press")])
        let second = feed.entries[1]
        #expect(second.id == "1")
        #expect(second.contentText == "Bara text.")
        #expect(second.authors == [Author(name: "Eva Ek")])
    }

    @Test func version10SingleAuthor() throws {
        let feed = try fixture("jsonfeed-1.0")
        #expect(feed.format == .jsonFeed10)
        #expect(feed.entries.first?.authors == [Author(name: "Brent")])
        #expect(feed.entries.first?.published.map(DateParser.rfc3339) == "2017-05-17T15:02:12Z")
    }

    @Test func jsonThatIsNotAFeed() {
        #expect(throws: ParseError.self) { try FeedParser().parse(Data(#"{"hello": 1}"#.utf8)) }
        #expect(throws: ParseError.self) { try FeedParser().parse(Data("{broken".utf8)) }
        // a bare version number makes a feed only beside items
        #expect(throws: ParseError.self) { try FeedParser().parse(Data(#"{"version": "1.0", "name": "a package"}"#.utf8)) }
        #expect(throws: ParseError.self) { try FeedParser().parse(Data(#"{"version": "2.3", "items": []}"#.utf8)) }
    }

    /// The version as a bare number, as some generators write it.
    @Test func aBareVersionNumberBesideItems() throws {
        let v10 = try FeedParser().parse(Data(#"{"version": "1.0", "title": "t", "items": [{"id": "1", "url": "https://e.se/1", "content_text": "x"}]}"#.utf8))
        #expect(v10.format == .jsonFeed10)
        #expect(v10.entries.map(\.link) == ["https://e.se/1"])
        let v11 = try FeedParser().parse(Data(#"{"version": " 1.1", "items": []}"#.utf8))
        #expect(v11.format == .jsonFeed11)
        #expect(try FeedParser().parse(Data(#"{"version": "http://jsonfeed.org/version/1", "items": []}"#.utf8)).format == .jsonFeed10)
    }
}
