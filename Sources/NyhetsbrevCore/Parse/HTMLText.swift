/// HTML fragment to plain text for search, comparison and text digests:
/// block-level tags become a space, inline tags vanish, script/style/template
/// content is dropped, character references are decoded, then
/// `TextCleaner.clean` applies.
enum HTMLText {
    static let blockTagNames: [StaticString] = [
        "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul",
    ]
    static let skippedTagNames: [StaticString] = ["script", "style", "template"]
    static let blockTags = Set(blockTagNames.map(\.description))
    static let skippedTags = Set(skippedTagNames.map(\.description))

    static func text(fromHTML html: String?) -> String? {
        guard let html, !html.isEmpty else { return nil }
        return HTMLSanitizer.render(html, base: nil).text
    }

    /// The text of the first `<title>` of an HTML page, for "not a feed" reports.
    static func title(ofPage html: String) -> String? {
        var html = html
        return html.withUTF8 { bytes in
            var tokenizer = HTMLTokenizer(bytes)
            var inTitle = false
            var out = ByteBuffer(capacity: 64)
            while let token = tokenizer.next() {
                switch token {
                case .start(let tag, _) where tag == HTMLTags.title: inTitle = true
                case .end(let tag) where tag == HTMLTags.title: return TextCleaner.clean(validUTF8: out.bytes)
                case .text(let raw) where inTitle: HTMLEntities.decode(bytes, raw.lowerBound, raw.upperBound, appendingTo: &out)
                default: break
                }
            }
            return inTitle ? TextCleaner.clean(validUTF8: out.bytes) : nil
        }
    }

    /// Whether plain-looking text is in fact HTML (feedparser's rule for RSS
    /// titles): an end tag or a character reference, and no tag that is not HTML.
    static func looksLikeHTML(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { looksLikeHTML(utf8: $0) }
    }

    static func looksLikeHTML(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var evidence = false
        guard let base = b.baseAddress else { return false }
        while i < b.count {
            // only `<` and `&` start anything: the bytes up to the next of them (or `>`) are passed over at once
            i = HTMLSanitizer.nextEscaped(base, i, b.count, attribute: false)
            guard i < b.count else { break }
            if b[i] == 0x3C, i + 1 < b.count {
                let isEnd = b[i + 1] == 0x2F
                var j = i + (isEnd ? 2 : 1)
                let start = j
                var ascii = true
                while j < b.count, isWord(b[j]) {
                    if b[j] >= 0x80 { ascii = false }
                    j += 1
                }
                if j > start {
                    if !isHTMLTag(b, start, j, ascii: ascii) { return false }
                    if isEnd, j < b.count, b[j] == 0x3E { evidence = true }
                }
            } else if b[i] == 0x26 {
                var j = i + 1
                if j < b.count, b[j] == 0x23 { j += 1 }
                let s = j
                while j < b.count, isWord(b[j]) { j += 1 }
                if j > s, j < b.count, b[j] == 0x3B { evidence = true }
            }
            i += 1
        }
        return evidence
    }

    /// Whether the name is an HTML tag the sanitizer knows (kept or dropped).
    /// A non-ASCII name is lower-cased as Unicode text, as feedparser does
    /// (the Kelvin sign lower-cases to "k").
    private static func isHTMLTag(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, ascii: Bool) -> Bool {
        guard ascii else {
            let name = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self).lowercased()
            return HTMLSanitizer.allowedTags.contains(name) || HTMLSanitizer.droppedWithContent.contains(name)
        }
        return !HTMLTags.flags[HTMLTags.table.lookup(b, start, end)].isDisjoint(with: [.allowed, .dropped])
    }

    @inline(__always) private static func isWord(_ c: UInt8) -> Bool {
        (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c >= 0x80
    }
}
