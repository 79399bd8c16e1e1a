import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct NormalizedFeedJSONTests {
    @Test func writesEverySchemaKeyAndEscapes() throws {
        var entry = ParsedEntry(id: "a\"b\\c\n\u{01}", title: "Ä", published: Date(timeIntervalSince1970: 1_054_633_161))
        entry.authors = [Author(name: "N")]
        entry.categories = ["x"]
        entry.enclosures = [Enclosure(url: "https://e.se/a.mp3", type: nil, length: 5)]
        let feed = ParsedFeed(format: .rss20, title: nil, entries: [entry])
        let object = try #require(try JSONSerialization.jsonObject(with: NormalizedFeedJSON.encode(feed)) as? [String: Any])
        let head = try #require(object["feed"] as? [String: Any])
        #expect(Set(head.keys) == ["title", "link", "language", "updated"])
        #expect(head["title"] is NSNull)
        let e = try #require((object["entries"] as? [[String: Any]])?.first)
        #expect(Set(e.keys) == ["id", "title", "link", "published", "updated", "summary_text", "content_text", "authors", "categories", "enclosures"])
        #expect(e["id"] as? String == "a\"b\\c\n\u{01}")
        #expect(e["title"] as? String == "Ä")
        #expect(e["published"] as? String == "2003-06-03T09:39:21Z")
        #expect((e["authors"] as? [[String: Any]])?.first?["name"] as? String == "N")
        #expect((e["enclosures"] as? [[String: Any]])?.first?["length"] as? Int == 5)
    }

    @Test func emptyFeedIsValidJSON() throws {
        let object = try JSONSerialization.jsonObject(with: NormalizedFeedJSON.encode(ParsedFeed(format: .atom10))) as? [String: Any]
        #expect((object?["entries"] as? [Any])?.isEmpty == true)
    }
}
