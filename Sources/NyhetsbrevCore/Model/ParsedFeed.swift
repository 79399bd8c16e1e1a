import Foundation

/// What the parser makes of one document: the feed's own metadata and its
/// entries in document order. Plain values, so every later stage can be
/// tested without libxml2.
public struct ParsedFeed: Sendable, Hashable, Codable {
    /// The syntax the document was recognised as.
    public enum Format: String, Sendable, Hashable, Codable {
        case rss090, rss091, rss092, rss093, rss094, rss20, rss10, atom03, atom10, jsonFeed10, jsonFeed11, html
    }

    public var format: Format
    public var title: String?
    public var link: String?
    public var language: String?
    public var updated: Date?
    public var entries: [ParsedEntry]
    /// True when the document was not well-formed and libxml2's recovery mode
    /// was needed to read it (feedparser calls this "bozo").
    public var recovered: Bool

    public init(
        format: Format, title: String? = nil, link: String? = nil, language: String? = nil,
        updated: Date? = nil, entries: [ParsedEntry] = [], recovered: Bool = false
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.language = language
        self.updated = updated
        self.entries = entries
        self.recovered = recovered
    }
}
