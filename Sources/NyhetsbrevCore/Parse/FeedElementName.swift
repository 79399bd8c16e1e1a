/// The element names feed mapping switches on, resolved once per name and
/// document when the name is interned, so mapping an element is a switch
/// over two small enums instead of a run of String comparisons.
enum FeedElementName: UInt8 {
    case other
    case author, body, category, channel, content, creator, date, description, email, enclosure, encoded, entry, feed
    case fullitem, guid, homepage, id, issued, item, language, lastbuilddate, link, modified, name, pubdate, published
    case subject, summary, title, updated, uri, url

    /// The case for a lower-cased local name; `.other` for names mapping ignores.
    init(lowered name: String) {
        self = Self.byName[name] ?? .other
    }

    private static let byName: [String: FeedElementName] = [
        "author": .author, "body": .body, "category": .category, "channel": .channel, "content": .content,
        "creator": .creator, "date": .date, "description": .description, "email": .email, "enclosure": .enclosure,
        "encoded": .encoded, "entry": .entry, "feed": .feed, "fullitem": .fullitem, "guid": .guid,
        "homepage": .homepage, "id": .id, "issued": .issued, "item": .item, "language": .language,
        "lastbuilddate": .lastbuilddate, "link": .link, "modified": .modified, "name": .name, "pubdate": .pubdate,
        "published": .published, "subject": .subject, "summary": .summary, "title": .title, "updated": .updated,
        "uri": .uri, "url": .url,
    ]
}
