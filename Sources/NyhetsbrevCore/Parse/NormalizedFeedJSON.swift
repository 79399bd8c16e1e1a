import Foundation

/// The normalised JSON of the reference corpus (shared/corpus/SCHEMA.md),
/// so this parser can be scored against feedparser and its output diffed
/// by people: every key present, missing values null, dates in UTC.
public enum NormalizedFeedJSON {
    public static func encode(_ feed: ParsedFeed) -> Data {
        func value(_ s: String?) -> Any { s.map { $0 as Any } ?? NSNull() }
        func value(_ d: Date?) -> Any { d.map { DateParser.rfc3339($0) as Any } ?? NSNull() }
        let entries: [[String: Any]] = feed.entries.map { e in
            [
                "id": value(e.id), "title": value(e.title), "link": value(e.link),
                "published": value(e.published), "updated": value(e.updated),
                "summary_text": value(e.summaryText), "content_text": value(e.contentText),
                "authors": e.authors.map { ["name": value($0.name), "email": value($0.email), "uri": value($0.uri)] },
                "categories": e.categories,
                "enclosures": e.enclosures.map { ["url": $0.url, "type": value($0.type), "length": $0.length.map { $0 as Any } ?? NSNull()] },
            ]
        }
        let object: [String: Any] = [
            "feed": ["title": value(feed.title), "link": value(feed.link), "language": value(feed.language), "updated": value(feed.updated)],
            "entries": entries,
            "_meta": ["format": feed.format.rawValue, "recovered": feed.recovered],
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}
