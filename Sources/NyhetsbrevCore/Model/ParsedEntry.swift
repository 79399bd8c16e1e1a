import Foundation

/// One item of a feed as published, after normalisation: text fields exist
/// both as sanitized HTML (for the digest) and as plain text (for search and
/// comparison); links are absolute when the document said where it came from.
///
/// The optional fields are spelled `Optional<…>`, not `T?`: a `T?` stored
/// property is first set to nil and then assigned by the initialiser, and with
/// a dozen fields the optimiser then no longer sees the initialised value as
/// moved out, so every entry made was copied once and the original destroyed
/// (a retain and a release of each field). The type is the same.
public struct ParsedEntry: Sendable, Hashable, Codable {
    public var id: Optional<String>
    public var title: Optional<String>
    public var link: Optional<String>
    public var published: Optional<Date>
    public var updated: Optional<Date>
    public var summaryHTML: Optional<String>
    public var summaryText: Optional<String>
    public var contentHTML: Optional<String>
    public var contentText: Optional<String>
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
