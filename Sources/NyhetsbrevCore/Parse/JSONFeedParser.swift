import Foundation

/// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/), mapped
/// onto the same model as RSS and Atom. Item authors fall back to the
/// feed's authors, as the specification says.
struct JSONFeedParser {
    let floatingTimeZone: TimeZone?

    func parse(_ data: Data, documentURL: URL?) throws(ParseError) -> ParsedFeed {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw .malformed("invalid JSON: \(error.localizedDescription)")
        }
        guard let top = object as? [String: Any] else { throw .unknownFormat(root: "JSON array or value") }
        guard let version = top["version"] as? String, let format = Self.format(version: version, hasItems: top["items"] is [Any]) else {
            throw .unknownFormat(root: "JSON object without a jsonfeed.org version")
        }
        var feed = ParsedFeed(format: format)
        let base = documentURL?.absoluteString
        feed.title = TextCleaner.clean(top["title"] as? String)
        feed.link = (top["home_page_url"] as? String).flatMap { URLResolver.resolve($0, against: base) }
        feed.language = (top["language"] as? String).flatMap { TextCleaner.clean($0) }
        let tz = FloatingZone.forFeed(language: feed.language, configured: floatingTimeZone)
        let feedAuthors = authors(top)
        for case let item as [String: Any] in top["items"] as? [Any] ?? [] {
            var entry = ParsedEntry()
            if let id = item["id"] as? String { entry.id = id } else if let n = item["id"] as? NSNumber { entry.id = n.stringValue }
            entry.title = TextCleaner.clean(item["title"] as? String)
            entry.link = ((item["url"] as? String) ?? (item["external_url"] as? String)).flatMap { URLResolver.resolve($0, against: base) }
            entry.published = (item["date_published"] as? String).flatMap { DateParser.parse($0, floatingTimeZone: tz) }
            entry.updated = (item["date_modified"] as? String).flatMap { DateParser.parse($0, floatingTimeZone: tz) }
            if let summary = item["summary"] as? String {
                let t = FeedText.plain(summary, repairMojibake: false)
                entry.summaryHTML = t.html
                entry.summaryText = t.text
            }
            if let html = item["content_html"] as? String {
                let t = FeedText.html(html, base: entry.link ?? base, repairMojibake: false)
                entry.contentHTML = t.html
                entry.contentText = t.text
            } else if let text = item["content_text"] as? String {
                let t = FeedText.plain(text, repairMojibake: false)
                entry.contentHTML = t.html
                entry.contentText = t.text
            }
            let own = authors(item)
            entry.authors = own.isEmpty ? feedAuthors : own
            entry.categories = (item["tags"] as? [Any] ?? []).compactMap { ($0 as? String).flatMap { TextCleaner.clean($0) } }
            for case let a as [String: Any] in item["attachments"] as? [Any] ?? [] {
                guard let u = (a["url"] as? String).flatMap({ URLResolver.resolve($0, against: base) }) else { continue }
                let size = (a["size_in_bytes"] as? NSNumber)?.intValue
                entry.enclosures.append(Enclosure(url: u, type: a["mime_type"] as? String, length: (size ?? 0) > 0 ? size : nil))
            }
            feed.entries.append(entry)
        }
        return feed
    }

    /// The version the specification names (`https://jsonfeed.org/version/1.1`),
    /// or its bare number ("1.0", "1.1") in a feed that has items, as some
    /// generators write it (gofeed reads those too); nil for any other JSON.
    static func format(version: String, hasItems: Bool) -> ParsedFeed.Format? {
        let v = version.trimmingASCIIWhitespace()
        if let range = v.range(of: "jsonfeed.org/version/") {
            return v[range.upperBound...] == "1" ? .jsonFeed10 : .jsonFeed11
        }
        guard hasItems else { return nil }
        switch v {
        case "1", "1.0": return .jsonFeed10
        case "1.1": return .jsonFeed11
        default: return nil
        }
    }

    /// `authors` (1.1) or `author` (1.0).
    private func authors(_ object: [String: Any]) -> [Author] {
        var list = (object["authors"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        if list.isEmpty, let single = object["author"] as? [String: Any] { list = [single] }
        return list.compactMap { a in
            let author = Author(name: TextCleaner.clean(a["name"] as? String), uri: a["url"] as? String)
            return author.name == nil && author.uri == nil ? nil : author
        }
    }
}
