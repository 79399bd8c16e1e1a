import Foundation

/// Maps a parsed XML tree onto `ParsedFeed`, following feedparser 6's field
/// mapping (see the corpus SCHEMA.md), because that is what publishers test
/// their feeds against.
struct FeedMapper {
    /// The zone for dates that give none, unless the feed's language tells one.
    var floatingTimeZone: TimeZone? { configuredZone.zone }
    /// Boxed: a `TimeZone`'s layout is Foundation's (resilient), so a mapper
    /// holding one inline was copied through runtime value witnesses each
    /// time a closure captured it, several times per entry.
    private let configuredZone: ZoneBox
    let repairMojibake: Bool
    /// Rendering memory shared by the feed's HTML fields.
    let scratch = HTMLSanitizer.Scratch()
    /// Memory that markup written inline (XHTML) is re-serialised in, to be rendered from.
    let markupScratch = HTMLSanitizer.Scratch()

    private typealias Kind = FeedNamespace.Kind

    private final class ZoneBox {
        let zone: TimeZone?
        init(_ zone: TimeZone?) { self.zone = zone }
    }

    init(floatingTimeZone: TimeZone?, repairMojibake: Bool) {
        configuredZone = ZoneBox(floatingTimeZone)
        self.repairMojibake = repairMojibake
    }

    /// `streamed` holds the entries an `EntryStream` mapped while the document was read; nil maps them from the tree.
    func map(_ root: XElement, streamed: consuming PendingEntries? = nil) throws(ParseError) -> ParsedFeed {
        switch root.name {
        case "rss", "rdf", "channel":
            return mapRSS(root, streamed: consume streamed)
        case "feed":
            return mapAtom(root, streamed: consume streamed)
        default:
            throw .unknownFormat(root: root.rawName)
        }
    }

    /// The entries with their dates read.
    private func finish(_ pending: consuming PendingEntries, _ tz: FloatingZone) -> [ParsedEntry] {
        var entries = pending.takeEntries()
        for i in entries.indices {
            entries[i].published = pending.rawDates.withDate(i, updated: false) { DateParser.parse(validUTF8: $0, floatingTimeZone: tz) } ?? nil
            entries[i].updated = pending.rawDates.withDate(i, updated: true) { DateParser.parse(validUTF8: $0, floatingTimeZone: tz) } ?? nil
        }
        return entries
    }

    /// Whether a lower-cased element name is one a feed's root can have
    /// (a switch, not a Set: told once per document, where hashing cost more than the four comparisons).
    static func isRootName(_ name: String) -> Bool {
        switch name {
        case "rss", "rdf", "channel", "feed": return true
        default: return false
        }
    }

    /// The feed's root element: the document root, or a feed wrapped in other markup (an XHTML page).
    static func feedRoot(_ root: XElement, depth: Int = 0) -> XElement? {
        if isRootName(root.name) { return root }
        guard depth < 8 else { return nil }
        for c in root.elements { if let r = feedRoot(c, depth: depth + 1) { return r } }
        return nil
    }

    // MARK: shared helpers

    private func zone(language: String?) -> FloatingZone {
        FloatingZone.forFeed(language: language, configured: floatingTimeZone)
    }

    private func date(_ raw: String?, _ tz: FloatingZone) -> Date? {
        guard let raw else { return nil }
        return DateParser.parse(raw, floatingTimeZone: tz)
    }

    private func url(_ raw: String?, base: String?) -> String? {
        guard let raw else { return nil }
        let t = raw.trimmingASCIIWhitespace()
        guard !t.isEmpty else { return nil }
        return URLResolver.resolve(trimmed: t, against: base)
    }

    /// `url` of a value's bytes, trimmed before a String is made of them.
    private func url(bytes raw: UnsafeBufferPointer<UInt8>, base: String?) -> String? {
        let t = UTF8Bytes.trimmingASCIIWhitespace(raw)
        // `String.trimmingASCIIWhitespace` keeps a trailing space that a prefix character (U+0600...) joins into its Character
        if t.count < raw.count, let last = t.last, last >= 0x80 { return url(UTF8Bytes.string(valid: raw), base: base) }
        guard !t.isEmpty else { return nil }
        return URLResolver.resolve(trimmed: UTF8Bytes.string(valid: t), against: base)
    }

    /// `url` of an element's text.
    private func url(text e: XElement) -> String? {
        e.withValidText { url(bytes: $0, base: e.base) }
    }

    /// `url` of an unprefixed attribute's value.
    private func url(attribute name: String, of e: XElement) -> String? {
        e.withAttribute(name) { $0.flatMap { url(bytes: $0, base: e.base) } }
    }

    private func trimmedText(_ e: XElement) -> String? {
        e.withTrimmedValidText { $0.isEmpty ? nil : UTF8Bytes.string(valid: $0) }
    }

    private func cleanPlain(_ s: String?) -> String? {
        guard let s else { return nil }
        return TextCleaner.clean(repairMojibake ? Mojibake.repair(s) : s)
    }

    /// `cleanPlain` of the element's text, read from the document's bytes without making a String of it first.
    private func cleanPlain(_ e: XElement) -> String? {
        e.withValidText { cleanPlain(validUTF8: $0) }
    }

    private func cleanPlain(validUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if repairMojibake, let repaired = Mojibake.repaired(bytes) {
            return repaired.withUnsafeBufferPointer { TextCleaner.clean(validUTF8: $0) }
        }
        return TextCleaner.clean(validUTF8: bytes)
    }

    /// An element whose content is HTML: escaped HTML as text, or markup written inline.
    private func htmlContent(_ e: XElement) -> FeedText {
        guard !e.hasElements else { return innerHTML(e, base: e.base) }
        return e.withValidText { FeedText.html(validUTF8: $0, base: e.base, repairMojibake: repairMojibake, scratch: scratch) }
    }

    /// The markup inside an element, rendered from its re-serialised bytes.
    private func innerHTML(_ e: XElement, base: String?) -> FeedText {
        e.withInnerXML(scratch: markupScratch) { FeedText.html(validUTF8: $0, base: base, repairMojibake: repairMojibake, scratch: scratch) }
    }

    /// An element's text as plain text, read from the document's bytes without making a String of it first.
    private func plainContent(_ e: XElement) -> FeedText {
        e.withValidText { FeedText.plain(validUTF8: $0, repairMojibake: repairMojibake) }
    }

    /// An RSS title's text: plain text unless it looks like HTML (feedparser's rule).
    private func rssTitle(_ e: XElement) -> String? {
        guard !e.hasElements else { return innerHTML(e, base: e.base).text }
        return e.withValidText { raw in
            HTMLText.looksLikeHTML(utf8: raw)
                ? FeedText.html(validUTF8: raw, base: e.base, repairMojibake: repairMojibake, scratch: scratch).text
                : cleanPlain(validUTF8: raw)
        }
    }

    /// A link's relation, lower-cased; "alternate" when absent (Atom's default).
    private static func rel(_ e: XElement) -> String {
        let r = keyword(e, "rel") ?? ""
        return r.isEmpty ? "alternate" : r
    }

    /// An attribute's value trimmed of ASCII whitespace and lower-cased, as
    /// `rel`, `type` and `mode` are compared. Made from the bytes when they
    /// are ASCII: lower-casing then only maps A-Z, and no Character joins
    /// across the trimmed ends; anything else is trimmed and lower-cased as a String.
    private static func keyword(_ e: XElement, _ name: String) -> String? {
        e.withAttribute(name) { value in
            guard let value else { return nil }
            guard !value.contains(where: { $0 >= 0x80 }) else {
                return UTF8Bytes.string(valid: value).trimmingASCIIWhitespace().asciiLowercasedIfNeeded()
            }
            let t = UTF8Bytes.trimmingASCIIWhitespace(value)
            return String(unsafeUninitializedCapacity: t.count) { out in
                for i in t.indices { out[i] = t[i] >= 0x41 && t[i] <= 0x5A ? t[i] | 0x20 : t[i] }
                return t.count
            }
        }
    }

    /// An Atom category: `term`, else `label`, else the element's text.
    private func categoryTerm(_ e: XElement) -> String? {
        cleanPlain(e.attribute("term")) ?? cleanPlain(e.attribute("label")) ?? cleanPlain(e)
    }

    /// Whether a link's `type` attribute (its bytes; nil when absent) is one of HTML.
    private static func isHTMLType(_ type: UnsafeBufferPointer<UInt8>?) -> Bool {
        guard let type else { return true }
        if let ascii = asciiIsHTMLType(type) { return ascii }
        let t = UTF8Bytes.string(valid: type).split(separator: ";").first.map { Self.trimming($0, newlines: false).lowercased() } ?? ""
        return t.isEmpty || t == "text/html" || t == "application/xhtml+xml" || t == "html" || t == "xhtml"
    }

    /// `isHTMLType` read from the bytes for the usual ASCII value; nil for
    /// anything else, whose trimming and lower-casing follow Unicode's rules.
    private static func asciiIsHTMLType(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
        // the first part between semicolons that is not empty, as `split` gives it
        var start = 0
        while start < b.count, b[start] == 0x3B { start += 1 }
        var end = b[start...].firstIndex(of: 0x3B) ?? b.count
        // ASCII in what `trimming(newlines: false)` removes: space and tab
        while start < end, b[start] == 0x20 || b[start] == 0x09 { start += 1 }
        while end > start, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
        let t = UnsafeBufferPointer(rebasing: b[start..<end])
        func equals(_ name: StaticString) -> Bool {
            t.count == name.utf8CodeUnitCount
                && t.indices.allSatisfy { i in
                    let c = t[i]
                    return (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) == name.utf8Start[i]
                }
        }
        return t.isEmpty || equals("text/html") || equals("application/xhtml+xml") || equals("html") || equals("xhtml")
    }

    /// Whether a guid starts with `http://` or `https://`, any case (as
    /// `lowercased().hasPrefix` tells), read from the bytes when what follows
    /// the prefix is ASCII and so cannot join it into one Character.
    private static func hasHTTPPrefix(_ guid: String) -> Bool {
        var g = guid
        let fast: Bool? = g.withUTF8 { b in
            func lower(_ i: Int) -> UInt8 { b[i] >= 0x41 && b[i] <= 0x5A ? b[i] | 0x20 : b[i] }
            guard b.count >= 4, lower(0) == 0x68, lower(1) == 0x74, lower(2) == 0x74, lower(3) == 0x70 else {
                // no ASCII "http" to start with: only a non-ASCII scalar lower-casing to ASCII could still match
                return b.prefix(8).contains { $0 >= 0x80 } ? nil : false
            }
            var i = 4
            if i < b.count, lower(i) == 0x73 { i += 1 }
            guard i + 3 <= b.count, b[i] == 0x3A, b[i + 1] == 0x2F, b[i + 2] == 0x2F else {
                return b.prefix(9).contains { $0 >= 0x80 } ? nil : false
            }
            return i + 3 < b.count && b[i + 3] >= 0x80 ? nil : true
        }
        if let fast { return fast }
        return guid.lowercased().hasPrefix("http://") || guid.lowercased().hasPrefix("https://")
    }

    private func enclosure(url raw: String?, type: String?, length: String?, base: String?) -> Enclosure? {
        guard let u = url(raw, base: base) else { return nil }
        let len = length.flatMap { Int($0.trimmingASCIIWhitespace()) }.flatMap { $0 > 0 ? $0 : nil }
        let t = type?.trimmingASCIIWhitespace()
        return Enclosure(url: u, type: (t?.isEmpty ?? true) ? nil : t, length: len)
    }

    /// "email (Name)", "Name <email>", "Name" or "email" as an author.
    func person(_ raw: String) -> Author? {
        // most bylines are a bare name: no address to take apart
        guard raw.utf8.contains(0x40) else {
            var s = raw
            Self.remove("mailto:", from: &s)
            return cleanPlain(s).map { Author(name: $0) }
        }
        // the standard library's trimming (Foundation's bridge through NSString cost half of a small feed's parse)
        var s = raw
        Self.remove("mailto:", from: &s)
        var email: String?
        if let address = Self.firstEmail(in: s) {
            email = address
            Self.remove(address, from: &s)
            Self.remove("()", from: &s)
            Self.remove("<>", from: &s)
            s = String(Self.trimming(Substring(s), newlines: true))
            if s.hasPrefix("(") { s.removeFirst() }
            if s.hasSuffix(")") { s.removeLast() }
        }
        let name = cleanPlain(s)
        guard name != nil || email != nil else { return nil }
        return Author(name: name, email: email)
    }

    /// `person` of the element's text; a bare name is cleaned from the document's bytes without making a String first.
    private func person(_ e: XElement) -> Author? {
        e.withValidText { b in
            guard !b.contains(0x40), !Self.containsMailto(b) else { return person(UTF8Bytes.string(valid: b)) }
            return cleanPlain(validUTF8: b).map { Author(name: $0) }
        }
    }

    private static func containsMailto(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let needle: StaticString = "mailto:"
        let n = needle.utf8CodeUnitCount
        guard b.count >= n else { return false }
        for i in 0...(b.count - n) where b[i] == 0x6D {
            if (0..<n).allSatisfy({ b[i + $0] == needle.utf8Start[$0] }) { return true }
        }
        return false
    }

    /// Trimmed of what `CharacterSet.whitespaces` holds (space separators and tab) or, with
    /// `newlines`, of `.whitespacesAndNewlines` (also line and paragraph separators, U+000A...U+000D, U+0085), without Foundation.
    private static func trimming(_ s: Substring, newlines: Bool) -> Substring {
        let scalars = s.unicodeScalars
        func isSpace(_ u: Unicode.Scalar) -> Bool {
            switch u.properties.generalCategory {
            case .spaceSeparator: return true
            case .lineSeparator, .paragraphSeparator: return newlines
            default: return u == "\t" || (newlines && ((0x0A...0x0D).contains(u.value) || u.value == 0x85))
            }
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return Substring(scalars[first...last])
    }

    /// An address: ASCII letters, digits and `._-+@[]` only, with a local part and a dotted domain.
    private static func isEmail(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let at = b.firstIndex(of: 0x40), at != 0 else { return false }
        let domain = b[(at + 1)...]
        guard domain.contains(0x2E), domain.last != 0x2E, domain.first != 0x2E else { return false }
        return b.allSatisfy { c in
            switch c {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x5F, 0x2D, 0x2B, 0x40, 0x5B, 0x5D: return true
            default: return false
            }
        }
    }

    // MARK: bylines by bytes
    //
    // The standard library's `split` and `replacing` match Characters, and
    // `replacing` (generic, from _StringProcessing) cost some 30 000
    // instructions a call. The bytes tell the same wherever the ASCII being
    // looked for has ASCII (or nothing) beside it: no combining mark or
    // prefix can then join it to a neighbouring Character. Elsewhere the
    // Characters are matched as before.

    /// The first token between the separators a byline is split at (space,
    /// parentheses, angle brackets, comma, line feed, tab) that `isEmail`.
    static func firstEmail(in s: String) -> String? {
        var s = s
        let found: String?? = s.withUTF8 { b in
            var start = 0
            for i in 0...b.count {
                guard i == b.count || isBylineSeparator(b, i) else { continue }
                // a line feed or tab is a Character of its own whatever surrounds it (grapheme rules GB4, GB5), and "\r\n" is one Character
                if i < b.count, b[i] != 0x0A, b[i] != 0x09, (i > 0 && b[i - 1] >= 0x80) || (i + 1 < b.count && b[i + 1] >= 0x80) { return nil }
                let token = UnsafeBufferPointer(rebasing: b[start..<i])
                if !token.isEmpty, isEmail(token) { return .some(UTF8Bytes.string(valid: token)) }
                start = i + 1
            }
            return .some(nil)
        }
        if let found { return found }
        let tokens = s.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "<" || $0 == ">" || $0 == "\n" || $0 == "\t" || $0 == "," })
        return tokens.first { token in
            var t = token
            return t.withUTF8(isEmail)
        }.map(String.init)
    }

    private static func isBylineSeparator(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        switch b[i] {
        case 0x20, 0x28, 0x29, 0x3C, 0x3E, 0x09, 0x2C: true
        case 0x0A: i == 0 || b[i - 1] != 0x0D
        default: false
        }
    }

    /// `s.replacing(needle, with: "")`.
    static func remove(_ needle: String, from s: inout String) {
        var needle = needle
        let removed: String?? = s.withUTF8 { b in needle.withUTF8 { n in removingBytes(n, from: b) } }
        guard let removed else {
            s = s.replacing(needle, with: "")
            return
        }
        if let removed { s = removed }
    }

    /// `s` without `n` (nil inside when `n` is not there), or nil when the
    /// bytes cannot tell: `n` holds a line break (part of "\r\n") or a
    /// character a non-ASCII Character can equal (U+212A is "K", U+037E
    /// ";", U+1FEF "`"), or a match has a non-ASCII neighbour.
    private static func removingBytes(_ n: UnsafeBufferPointer<UInt8>, from b: UnsafeBufferPointer<UInt8>) -> String?? {
        guard let first = n.first, n.allSatisfy({ $0 < 0x80 && $0 != 0x0A && $0 != 0x0D && $0 != 0x4B && $0 != 0x3B && $0 != 0x60 }) else { return nil }
        var out: ByteBuffer?
        var run = 0
        var i = 0
        while i + n.count <= b.count {
            guard b[i] == first, memcmp(b.baseAddress! + i, n.baseAddress!, n.count) == 0 else {
                i += 1
                continue
            }
            if (i > 0 && b[i - 1] >= 0x80) || (i + n.count < b.count && b[i + n.count] >= 0x80) { return nil }
            if out == nil { out = ByteBuffer(capacity: b.count) }
            out!.append(UnsafeBufferPointer(rebasing: b[run..<i]))
            i += n.count
            run = i
        }
        guard var out else { return .some(nil) }
        out.append(UnsafeBufferPointer(rebasing: b[run...]))
        return .some(UTF8Bytes.string(valid: out.bytes))
    }

    private func atomPerson(_ e: XElement) -> Author? {
        var a = Author()
        for c in e.elements {
            switch c.local {
            case .name: a.name = cleanPlain(c)
            case .email: a.email = trimmedText(c)
            case .uri, .url, .homepage: a.uri = url(text: c)
            default: break
            }
        }
        if !e.hasElements { return person(e) }
        return a.name == nil && a.email == nil && a.uri == nil ? nil : a
    }


    private func language(of root: XElement, explicit: String?) -> String? {
        if let explicit = explicit?.trimmingASCIIWhitespace(), !explicit.isEmpty { return explicit }
        let lang = root.attribute("lang") { $0 == XMLTreeBuilder.xmlNamespace || $0 == nil }
        guard let l = lang?.trimmingASCIIWhitespace(), !l.isEmpty else { return nil }
        return l.utf8.contains(0x5F) ? String(l.map { $0 == "_" ? "-" : $0 }) : l
    }

    // MARK: RSS 0.9x, 1.0, 2.0

    private func rssFormat(_ root: XElement) -> ParsedFeed.Format {
        if root.name == "rdf" {
            return root.elements.contains { $0.namespace == FeedNamespace.rss090 } ? .rss090 : .rss10
        }
        switch root.attribute("version")?.trimmingASCIIWhitespace() {
        case "0.90": return .rss090
        case "0.91": return .rss091
        case "0.92": return .rss092
        case "0.93": return .rss093
        case "0.94": return .rss094
        default: return .rss20
        }
    }

    private func mapRSS(_ root: XElement, streamed: consuming PendingEntries?) -> ParsedFeed {
        let channel = root.local == .channel ? root : root.elements.first { $0.local == .channel && $0.kind == .core }
        var feed = ParsedFeed(format: rssFormat(root))
        var explicitLanguage: String?
        var updatedRaw: String?
        var coreLink: String?
        var atomLink: String?
        for c in (channel ?? root).elements {
            switch (c.kind, c.local) {
            case (.core, .title), (.dc, .title): if feed.title == nil { feed.title = rssTitle(c) }
            case (.core, .link): coreLink = url(text: c) ?? url(attribute: "href", of: c) ?? coreLink
            case (.atom, .link):
                if Self.rel(c) == "alternate", c.withAttribute("type", Self.isHTMLType) {
                    atomLink = url(attribute: "href", of: c) ?? atomLink
                }
            case (.core, .language), (.dc, .language): explicitLanguage = trimmedText(c) ?? explicitLanguage
            case (.core, .lastbuilddate), (.core, .updated), (.dc, .date), (.dcterms, .modified), (.atom, .updated): updatedRaw = trimmedText(c) ?? updatedRaw
            default: break
            }
        }
        feed.link = coreLink ?? atomLink
        feed.language = language(of: root, explicit: explicitLanguage)
        let tz = zone(language: feed.language)
        feed.updated = date(updatedRaw, tz)
        let isStreamed = streamed != nil
        var pending = (consume streamed) ?? PendingEntries()
        if !isStreamed {
            var items: [XElement] = []
            collectItems(in: root, into: &items)
            for item in items { rssEntry(item, rdf: root.name == "rdf", into: &pending) }
        }
        feed.entries = finish(consume pending, tz)
        return feed
    }

    /// Inlined: the stream asks this at the start and end of every element of a document.
    @inline(__always)
    static func isRSSItem(_ e: XElement) -> Bool { e.local == .item && e.kind == .core }

    /// Items anywhere below the root (ill-formed feeds leave them inside an unclosed element), never inside another item.
    private func collectItems(in e: XElement, into items: inout [XElement]) {
        for c in e.elements {
            if Self.isRSSItem(c) { items.append(c) } else { collectItems(in: c, into: &items) }
        }
    }

    /// The last element of `name` in the Media RSS tree of an item (media:group, media:content nest).
    private func lastMedia(_ name: String, in e: XElement) -> XElement? {
        var found: XElement?
        for c in e.elements where c.kind == .media {
            if c.name == name { found = c } else if let inner = lastMedia(name, in: c) { found = inner }
        }
        return found
    }

    /// Media RSS categories that name a scheme of their own: one without a
    /// scheme is in Media RSS's default scheme, which describes the media
    /// (as iTunes categories do), not the entry's subject.
    private func mediaCategories(in e: XElement, into out: inout [String]) {
        for c in e.elements where c.kind == .media {
            if c.name == "category" {
                guard let scheme = Self.keyword(c, "scheme"), !scheme.isEmpty, scheme != Self.mediaDefaultScheme else { continue }
                if let t = cleanPlain(c) { out.append(t) }
            } else {
                mediaCategories(in: c, into: &out)
            }
        }
    }

    private static let mediaDefaultScheme = "http://search.yahoo.com/mrss/category_schema"

    /// Maps an RSS item and appends it to `pending`. The fields are kept in
    /// locals and the entry made at the end, moved into `pending`: an entry
    /// built in a `var` was copied once made and again when handed over (each
    /// of its dozen fields retained, then released with the `var`), and
    /// `consume` of such a `var` is refused by this compiler.
    func rssEntry(_ item: XElement, rdf: Bool, into pending: inout PendingEntries) {
        var id = rdf ? item.attribute("about") { $0 == FeedNamespace.rdf } : nil
        var authors: [Author] = []
        var categories: [String] = []
        var enclosures: [Enclosure] = []
        // a title element decides the title even when it is empty
        var title: String??
        var mediaTitle: FeedText?
        var link: String?
        var atomLink: String?
        var guid: String?
        var guidIsPermaLink = true
        // the last element giving each date that is not blank, read when the entry is added
        var published: XElement?
        var updated: XElement?
        var summary: FeedText?
        var itunesSummary: FeedText?
        var hasMedia = false
        var contents = FeedText.Parts()
        for c in item.elements {
            switch (c.kind, c.local) {
            case (.core, .title), (.dc, .title):
                // the first title with text is the title: a later title or dc:title does not replace it
                if title.flatMap({ $0 }) == nil {
                    let t = rssTitle(c)
                    if t != nil || title == nil { title = .some(t) }
                }
            case (.core, .link) where !c.hasAttribute("rel") || !c.hasAttribute("href"): link = url(text: c) ?? url(attribute: "href", of: c) ?? link
            case (.core, .link), (.atom, .link):
                // an Atom-style link written without Atom's namespace (feedparser reads those by name)
                let rel = Self.rel(c)
                if rel == "alternate", c.withAttribute("type", Self.isHTMLType) {
                    atomLink = url(attribute: "href", of: c) ?? atomLink
                } else if rel == "enclosure", let e = enclosure(url: c.attribute("href"), type: c.attribute("type"), length: c.attribute("length"), base: c.base) {
                    enclosures.append(e)
                }
            case (.core, .guid):
                guid = trimmedText(c)
                id = guid
                guidIsPermaLink = Self.keyword(c, "ispermalink") != "false"
            case (.atom, .id): id = trimmedText(c) ?? id
            // an unprefixed id (Atom's name written into RSS) stands in for a missing guid, never for one: the archive knows entries by it
            case (.core, .id): if guid == nil { id = trimmedText(c) ?? id }
            case (.core, .pubdate), (.core, .issued), (.core, .published), (.dcterms, .issued), (.atom, .published): if c.hasNonBlankText { published = c }
            case (.dc, .date), (.dcterms, .modified), (.atom, .updated), (.core, .modified), (.core, .updated): if c.hasNonBlankText { updated = c }
            case (.core, .description), (.core, .summary), (.dc, .description): if summary == nil { summary = htmlContent(c) }
            case (.atom, .summary): if summary == nil { summary = atomText(c) }
            case (.itunes, .summary): if itunesSummary == nil { itunesSummary = plainContent(c) }
            case (.content, .encoded), (.xhtml, .body), (.core, .body), (.core, .fullitem): contents.append(htmlContent(c))
            case (.atom, .content): if !c.hasAttribute("src") || !c.isEmpty { contents.append(atomText(c)) }
            case (.core, .author), (.dc, .creator), (.dc, .author), (.itunes, .author):
                // an author with parts (name, email) is read as Atom's; one that is markup around a name, as its text
                if let a = c.hasElements ? atomPerson(c) ?? person(c) : person(c) { pending.add(a, to: &authors) }
            case (.atom, .author): if let a = atomPerson(c) { pending.add(a, to: &authors) }
            case (.core, .category), (.dc, .subject): if let t = cleanPlain(c) { pending.add(t, to: &categories) }
            case (.atom, .category): if let t = categoryTerm(c) { pending.add(t, to: &categories) }
            case (.core, .enclosure):
                if let e = enclosure(url: c.attribute("url"), type: c.attribute("type"), length: c.attribute("length"), base: c.base) { enclosures.append(e) }
            case (.media, _): hasMedia = true
            default: break
            }
        }
        // the Media RSS tree is walked only in an item that has one (most have none)
        if summary == nil || (summary?.text == nil && summary?.html == nil) {
            summary = itunesSummary ?? (hasMedia ? lastMedia("description", in: item) : nil).map(plainContent) ?? summary
        }
        if hasMedia {
            mediaTitle = lastMedia("title", in: item).map(plainContent)
            mediaCategories(in: item, into: &categories)
        }
        if link == nil { link = atomLink }
        if link == nil, guidIsPermaLink, let guid, Self.hasHTTPPrefix(guid) {
            link = url(guid, base: item.base)
        }
        let content = contents.joined()
        pending.append(
            ParsedEntry(
                id: id, title: title ?? mediaTitle?.text, link: link, summaryHTML: summary?.html, summaryText: summary?.text,
                contentHTML: content.html, contentText: content.text, authors: authors, categories: categories, enclosures: enclosures),
            published: published, updated: updated)
    }

    // MARK: Atom 0.3 and 1.0

    /// An Atom text construct (`type` text/html/xhtml; Atom 0.3 `mode` escaped/xml/base64).
    private func atomText(_ e: XElement) -> FeedText {
        let type = Self.keyword(e, "type")
        let mode = Self.keyword(e, "mode")
        if mode == "xml" || type == "xhtml" || type == "application/xhtml+xml" {
            var children = e.elements
            if let div = children.next(), children.next() == nil, div.name == "div", e.ownTextIsWhitespace {
                return innerHTML(div, base: e.base)
            }
            return innerHTML(e, base: e.base)
        }
        var isBase64 = mode == "base64"
        if let type, type != "text", type != "html", type != "text/html", type != "text/plain",
            !type.hasPrefix("text/"), !type.hasSuffix("xml"), e.namespace == FeedNamespace.atom10 || e.namespace == nil
        {
            isBase64 = true
        }
        let isHTML = type == "html" || type == "text/html" || (type?.hasSuffix("xml") ?? false) || e.hasElements
            || (mode == "escaped" && type != "text/plain" && type != "text")
        if !isBase64, !e.hasElements {
            return isHTML ? htmlContent(e) : plainContent(e)
        }
        guard isBase64 else { return innerHTML(e, base: e.base) }
        var raw = e.hasElements ? e.withInnerXML(scratch: markupScratch) { UTF8Bytes.string(valid: $0) } : e.text
        if let data = Data(base64Encoded: raw.filter { !$0.isWhitespace }), let decoded = String(data: data, encoding: .utf8) {
            raw = decoded
        }
        return isHTML ? FeedText.html(raw, base: e.base, repairMojibake: repairMojibake, scratch: scratch) : FeedText.plain(raw, repairMojibake: repairMojibake)
    }

    private static func atomKind(_ e: XElement) -> Kind {
        let k = e.kind
        return k == .core ? .atom : k
    }

    /// An Atom entry: an `entry` (or `item`, as feedparser also reads it) child of the feed element in the Atom (or no) namespace.
    static func isAtomEntry(_ e: XElement) -> Bool { (e.local == .entry || e.local == .item) && atomKind(e) == .atom }

    private func mapAtom(_ root: XElement, streamed: consuming PendingEntries?) -> ParsedFeed {
        let is03 = root.namespace == FeedNamespace.atom03 || root.attribute("version") == "0.3"
        var feed = ParsedFeed(format: is03 ? .atom03 : .atom10)
        var explicitLanguage: String?
        var updatedRaw: String?
        var entries: [XElement] = []
        for c in root.elements {
            switch (Self.atomKind(c), c.local) {
            case (.atom, .entry), (.atom, .item): entries.append(c)
            case (.atom, .title), (.dc, .title): if feed.title == nil { feed.title = atomText(c).text }
            case (.atom, .link):
                if Self.rel(c) == "alternate", c.withAttribute("type", Self.isHTMLType) {
                    feed.link = url(attribute: "href", of: c) ?? feed.link
                }
            case (.dc, .language): explicitLanguage = trimmedText(c) ?? explicitLanguage
            case (.atom, .updated), (.atom, .modified), (.dc, .date): updatedRaw = trimmedText(c) ?? updatedRaw
            default: break
            }
        }
        feed.language = language(of: root, explicit: explicitLanguage)
        let tz = zone(language: feed.language)
        feed.updated = date(updatedRaw, tz)
        let isStreamed = streamed != nil
        var pending = (consume streamed) ?? PendingEntries()
        if !isStreamed { for e in entries { atomEntry(e, into: &pending) } }
        feed.entries = finish(consume pending, tz)
        return feed
    }

    /// Maps an Atom entry and appends it to `pending` (made at the end, as in `rssEntry`).
    func atomEntry(_ e: XElement, into pending: inout PendingEntries) {
        var id: String?
        var title: String?
        var link: String?
        var authors: [Author] = []
        var categories: [String] = []
        var enclosures: [Enclosure] = []
        // the last element giving each date that is not blank, read when the entry is added
        var published: XElement?
        var updated: XElement?
        var summary: FeedText?
        var mediaSummary: FeedText?
        var hasMedia = false
        var contents = FeedText.Parts()
        for c in e.elements {
            switch (Self.atomKind(c), c.local) {
            case (.atom, .id): id = trimmedText(c) ?? id
            case (.atom, .title), (.dc, .title): if title == nil { title = atomText(c).text }
            case (.atom, .link):
                let rel = Self.rel(c)
                if rel == "alternate", c.withAttribute("type", Self.isHTMLType) {
                    link = url(attribute: "href", of: c) ?? link
                } else if rel == "enclosure", let en = enclosure(url: c.attribute("href"), type: c.attribute("type"), length: c.attribute("length"), base: c.base) {
                    enclosures.append(en)
                }
            case (.atom, .published), (.atom, .issued), (.dcterms, .issued): if c.hasNonBlankText { published = c }
            case (.atom, .updated), (.atom, .modified), (.dc, .date), (.dcterms, .modified): if c.hasNonBlankText { updated = c }
            case (.atom, .summary), (.dc, .description): if summary == nil { summary = atomText(c) }
            case (.atom, .content): if !c.hasAttribute("src") || !c.isEmpty { contents.append(atomText(c)) }
            case (.content, .encoded): contents.append(htmlContent(c))
            case (.atom, .author): if let a = atomPerson(c) { pending.add(a, to: &authors) }
            case (.dc, .creator): if let a = person(c) { pending.add(a, to: &authors) }
            case (.atom, .category): if let t = categoryTerm(c) { pending.add(t, to: &categories) }
            case (.dc, .subject): if let t = cleanPlain(c) { pending.add(t, to: &categories) }
            case (.media, _): hasMedia = true
            default: break
            }
        }
        // the Media RSS tree is walked only in an entry that has one (as in `rssEntry`)
        if hasMedia {
            mediaSummary = lastMedia("description", in: e).map(plainContent)
            if title == nil { title = lastMedia("title", in: e).map(plainContent)?.text }
            mediaCategories(in: e, into: &categories)
        }
        let s = summary ?? mediaSummary
        let content = contents.joined()
        pending.append(
            ParsedEntry(
                id: id, title: title, link: link, summaryHTML: s?.html, summaryText: s?.text, contentHTML: content.html,
                contentText: content.text, authors: authors, categories: categories, enclosures: enclosures),
            published: published, updated: updated)
    }
}
