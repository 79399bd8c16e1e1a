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

    @Test func aLargeFeedIsWrittenInBoundedPieces() throws {
        let entries = (0..<3000).map { i in
            ParsedEntry(id: "id-\(i)", title: "Nyhet \(i) om vården", summaryText: String(repeating: "text ", count: 40))
        }
        let feed = ParsedFeed(format: .rss20, title: "RCC", entries: entries)
        var pieces: [Int] = []
        var joined = Data()
        NormalizedFeedJSON.write(feed) { piece in
            pieces.append(piece.count)
            joined.append(piece)
        }
        #expect(joined == NormalizedFeedJSON.encode(feed))
        #expect(pieces.count > 5)
        // a piece is at most 64 KB and the entry that passed it
        #expect(pieces.allSatisfy { $0 < (1 << 16) + 1024 })
        let object = try #require(try JSONSerialization.jsonObject(with: joined) as? [String: Any])
        #expect((object["entries"] as? [Any])?.count == 3000)
    }
}
