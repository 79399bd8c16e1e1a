import Foundation

/// One entry as the archive keeps it: what the source published, plus what
/// the archive learnt about it (which sources carried it, when it was first
/// seen, how often it was revised). There is deliberately no "last seen":
/// keeping it would rewrite the archive on every poll. The JSON keys are the archive's
/// on-disk contract (docs/archive-format.md) and the `archive export` schema.
public struct ArchivedEntry: Sendable, Hashable, Codable {
    /// Stable id: a hash of the first identity key the entry was archived under.
    public var id: String
    public var sources: [SourceID]
    /// The keys under which this entry is recognised again (see `EntryIdentity`).
    public var keys: [String]
    public var guid: String?
    public var title: String?
    public var link: String?
    public var canonicalLink: String?
    public var published: Date?
    public var updated: Date?
    /// Plain-text summary, for search and plain digests.
    public var summary: String?
    /// Sanitized HTML summary, for HTML digests.
    public var summaryHTML: String?
    public var contentHTML: String?
    public var contentText: String?
    public var authors: [Author]
    public var categories: [String]
    public var enclosures: [Enclosure]
    public var firstSeen: Date
    /// 1 when first archived; increases each time the source changes the text.
    public var revision: Int
    public var updatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, sources, keys, guid, title, link
        case canonicalLink = "canonical_link"
        case published, updated, summary
        case summaryHTML = "summary_html"
        case contentHTML = "content_html"
        case contentText = "content_text"
        case authors, categories, enclosures
        case firstSeen = "first_seen"
        case revision
        case updatedAt = "updated_at"
    }

    /// The date an entry is filed and sorted under: when it was published,
    /// else when the source said it changed, else when we first saw it.
    public var effectiveDate: Date { published ?? updated ?? firstSeen }

    public init(
        id: String, sources: [SourceID], keys: [String], parsed: ParsedEntry, canonicalLink: String?, seen: Date
    ) {
        self.id = id
        self.sources = sources
        self.keys = keys
        self.guid = parsed.id
        self.title = parsed.title
        self.link = parsed.link
        self.canonicalLink = canonicalLink
        self.published = parsed.published
        self.updated = parsed.updated
        self.summary = parsed.summaryText
        self.summaryHTML = parsed.summaryHTML
        self.contentHTML = parsed.contentHTML
        self.contentText = parsed.contentText
        self.authors = parsed.authors
        self.categories = parsed.categories
        self.enclosures = parsed.enclosures
        self.firstSeen = seen
        self.revision = 1
        self.updatedAt = nil
    }

    /// Reads both layouts: the full one of exports and older files (every
    /// key present) and the compact one of partitions, where an absent
    /// `canonical_link`, `summary_html` or `content_html` means "the same as
    /// `link`, `summary`, `content_text`" and other absent keys mean null or [].
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        sources = try c.decode([SourceID].self, forKey: .sources)
        keys = try c.decodeIfPresent([String].self, forKey: .keys) ?? []
        guid = try c.decodeIfPresent(String.self, forKey: .guid)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        link = try c.decodeIfPresent(String.self, forKey: .link)
        canonicalLink = c.contains(.canonicalLink) ? try c.decodeIfPresent(String.self, forKey: .canonicalLink) : link
        published = try c.decodeIfPresent(Date.self, forKey: .published)
        updated = try c.decodeIfPresent(Date.self, forKey: .updated)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        summaryHTML = c.contains(.summaryHTML) ? try c.decodeIfPresent(String.self, forKey: .summaryHTML) : summary
        contentText = try c.decodeIfPresent(String.self, forKey: .contentText)
        contentHTML = c.contains(.contentHTML) ? try c.decodeIfPresent(String.self, forKey: .contentHTML) : contentText
        authors = try c.decodeIfPresent([Author].self, forKey: .authors) ?? []
        categories = try c.decodeIfPresent([String].self, forKey: .categories) ?? []
        enclosures = try c.decodeIfPresent([Enclosure].self, forKey: .enclosures) ?? []
        firstSeen = try c.decode(Date.self, forKey: .firstSeen)
        revision = try c.decodeIfPresent(Int.self, forKey: .revision) ?? 1
        updatedAt = try c.decodeIfPresent(Date.self, forKey: .updatedAt)
    }

    /// Exports encode every key, nulls included, so every record reads the
    /// same and a missing field is visibly missing. Partitions (the encoder
    /// of `ArchiveCoding.storageEncoder()`) leave out empty values and copies
    /// (a link that is already canonical, HTML identical to its plain text):
    /// a third less disk for the same information.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let compact = ArchiveCoding.storageKey.map { encoder.userInfo[$0] as? Bool == true } ?? false
        func put<T: Encodable>(_ value: T?, _ key: CodingKeys) throws {
            if compact, value == nil { return }
            try c.encode(value, forKey: key)
        }
        func put<T: Encodable>(_ values: [T], _ key: CodingKeys) throws {
            if compact, values.isEmpty { return }
            try c.encode(values, forKey: key)
        }
        /// A copy is left out; a value that differs from what absence means is written, null included.
        func put(_ value: String?, _ key: CodingKeys, absentMeans original: String?) throws {
            if compact, value == original { return }
            try c.encode(value, forKey: key)
        }
        try c.encode(id, forKey: .id)
        try c.encode(sources, forKey: .sources)
        try c.encode(keys, forKey: .keys)
        try put(guid, .guid)
        try put(title, .title)
        try put(link, .link)
        try put(canonicalLink, .canonicalLink, absentMeans: link)
        try put(published, .published)
        try put(updated, .updated)
        try put(summary, .summary)
        try put(summaryHTML, .summaryHTML, absentMeans: summary)
        try put(contentHTML, .contentHTML, absentMeans: contentText)
        try put(contentText, .contentText)
        try put(authors, .authors)
        try put(categories, .categories)
        try put(enclosures, .enclosures)
        try c.encode(firstSeen, forKey: .firstSeen)
        try c.encode(revision, forKey: .revision)
        try put(updatedAt, .updatedAt)
    }
}
