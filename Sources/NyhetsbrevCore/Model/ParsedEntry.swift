import Foundation

/// One item of a feed as published, after normalisation: text fields exist
/// both as sanitized HTML (for the digest) and as plain text (for search and
/// comparison); links are absolute when the document said where it came from.
public struct ParsedEntry: Sendable, Hashable, Codable {
    public var id: String?
    public var title: String?
    public var link: String?
    public var published: Date?
    public var updated: Date?
    public var summaryHTML: String?
    public var summaryText: String?
    public var contentHTML: String?
    public var contentText: String?
    public var authors: [Author]
    public var categories: [String]
    public var enclosures: [Enclosure]

    public init(
        id: String? = nil, title: String? = nil, link: String? = nil, published: Date? = nil,
        updated: Date? = nil, summaryHTML: String? = nil, summaryText: String? = nil,
        contentHTML: String? = nil, contentText: String? = nil, authors: [Author] = [],
        categories: [String] = [], enclosures: [Enclosure] = []
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.summaryHTML = summaryHTML
        self.summaryText = summaryText
        self.contentHTML = contentHTML
        self.contentText = contentText
        self.authors = authors
        self.categories = categories
        self.enclosures = enclosures
    }
}
