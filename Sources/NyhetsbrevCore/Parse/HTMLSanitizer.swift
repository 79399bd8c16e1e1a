/// Cleans untrusted feed HTML for the digest: an allow-list of tags and
/// attributes, links only to http, https and mailto (relative ones made
/// absolute against the entry's base), scripts, styles, frames, plug-ins,
/// forms and event handlers removed, and the result always balanced.
enum HTMLSanitizer {
    static let allowedTags: Set<String> = [
        "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "br", "caption",
        "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
        "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins",
        "kbd", "li", "main", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strike",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u",
        "ul", "var", "wbr",
    ]
    /// Elements removed together with everything inside them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "template", "iframe", "object", "embed", "applet", "frame", "frameset", "noscript",
        "noembed", "select", "textarea", "svg", "math",
    ]
    static let voidTags: Set<String> = ["br", "hr", "img", "col", "wbr", "source", "input", "meta", "link", "area", "base", "param"]
    static let allowedAttributes: Set<String> = [
        "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "align", "valign", "lang", "dir",
        "cite", "datetime", "start", "type", "abbr", "scope",
    ]
    static let urlAttributes: Set<String> = ["href", "src", "cite"]

    /// What the tag sets say about one tag, so rendering looks a tag up once.
    struct TagFlags: OptionSet {
        let rawValue: UInt8
        static let allowed = TagFlags(rawValue: 1)
        static let dropped = TagFlags(rawValue: 2)
        static let void = TagFlags(rawValue: 4)
        static let textBlock = TagFlags(rawValue: 8)
        static let textSkipped = TagFlags(rawValue: 16)
    }

    static let tagFlags: [String: TagFlags] = {
        var flags: [String: TagFlags] = [:]
        for t in allowedTags { flags[t, default: []].insert(.allowed) }
        for t in droppedWithContent { flags[t, default: []].insert(.dropped) }
        for t in voidTags { flags[t, default: []].insert(.void) }
        for t in HTMLText.blockTags { flags[t, default: []].insert(.textBlock) }
        for t in HTMLText.skippedTags { flags[t, default: []].insert(.textSkipped) }
        return flags
    }()

    static func sanitize(_ html: String?, base: String?) -> String? {
        guard let html, !html.isEmpty else { return nil }
        return render(html, base: base).html
    }

    /// The sanitized HTML and the plain text of a fragment from one
    /// tokenisation (every HTML field of every entry needs both).
    static func render(_ html: String, base: String?) -> (html: String?, text: String?) {
        guard !html.isEmpty else { return (nil, nil) }
        var tokenizer = HTMLTokenizer(html)
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count + 64)
        var text: [UInt8] = []
        text.reserveCapacity(html.utf8.count)
        var decoded: [UInt8] = []
        var open: [String] = []
        var dropDepth = 0
        var dropName = ""
        var textSkip = 0
        while let token = tokenizer.next() {
            switch token {
            case .text(let raw):
                guard dropDepth == 0 || textSkip == 0 else { continue }
                decoded.removeAll(keepingCapacity: true)
                HTMLEntities.decode(raw, appendingTo: &decoded)
                if textSkip == 0 { text.append(contentsOf: decoded) }
                if dropDepth == 0 { appendEscaped(decoded[...], attribute: false, to: &out) }
            case .start(let name, let attributes, let selfClosing):
                let flags = tagFlags[name] ?? []
                if flags.contains(.textSkipped) {
                    if !selfClosing { textSkip += 1 }
                } else if flags.contains(.textBlock) {
                    text.append(0x20)
                }
                if dropDepth > 0 {
                    if name == dropName, !selfClosing { dropDepth += 1 }
                    continue
                }
                if flags.contains(.dropped) {
                    if !selfClosing && !flags.contains(.void) { dropDepth = 1; dropName = name }
                    continue
                }
                guard flags.contains(.allowed) else { continue }
                out.append(0x3C)
                out.append(contentsOf: name.utf8)
                for (attrName, value) in attributes where allowedAttributes.contains(attrName) {
                    var v = value
                    if urlAttributes.contains(attrName) {
                        guard let safe = safeURL(value, base: base) else { continue }
                        v = safe
                    }
                    out.append(0x20)
                    out.append(contentsOf: attrName.utf8)
                    out.append(contentsOf: "=\"".utf8)
                    appendEscaped(v, attribute: true, to: &out)
                    out.append(0x22)
                }
                if flags.contains(.void) {
                    out.append(0x3E)
                } else if selfClosing {
                    out.append(contentsOf: "></".utf8)
                    out.append(contentsOf: name.utf8)
                    out.append(0x3E)
                } else {
                    out.append(0x3E)
                    open.append(name)
                }
            case .end(let name):
                let flags = tagFlags[name] ?? []
                if flags.contains(.textSkipped) {
                    textSkip = max(0, textSkip - 1)
                } else if flags.contains(.textBlock) {
                    text.append(0x20)
                }
                if dropDepth > 0 {
                    if name == dropName { dropDepth -= 1 }
                    continue
                }
                guard let at = open.lastIndex(of: name) else { continue }
                while open.count > at { appendEndTag(open.removeLast(), to: &out) }
            }
        }
        while let name = open.popLast() { appendEndTag(name, to: &out) }
        return (out.isEmpty ? nil : String(decoding: out, as: UTF8.self), TextCleaner.clean(utf8: text))
    }

    private static func appendEndTag(_ name: String, to out: inout [UInt8]) {
        out.append(contentsOf: "</".utf8)
        out.append(contentsOf: name.utf8)
        out.append(0x3E)
    }

    /// The URL made absolute, or nil when its scheme is not one a reader may follow.
    static func safeURL(_ raw: String, base: String?) -> String? {
        let trimmed = raw.trimmingASCIIWhitespace()
        let resolved = URLResolver.resolve(trimmed, against: base) ?? trimmed
        // the scheme as a browser reads it: control characters and spaces inside are ignored
        var scheme: [UInt8] = []
        for b in resolved.utf8 where b > 0x20 {
            if b == 0x3A {
                let name = String(decoding: scheme, as: UTF8.self)
                return name == "http" || name == "https" || name == "mailto" ? resolved : nil
            }
            if b == 0x2F || b == 0x3F || b == 0x23 { return resolved }
            scheme.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return resolved
    }

    static func escape(_ s: String, attribute: Bool) -> String {
        var needs = false
        for b in s.utf8 where b == 0x26 || b == 0x3C || b == 0x3E || (attribute && b == 0x22) { needs = true; break }
        guard needs else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        appendEscaped(s, attribute: attribute, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendEscaped(_ s: String, attribute: Bool, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendEscaped($0, attribute: attribute, to: &out) }
    }

    static func appendEscaped<C: Collection<UInt8>>(_ bytes: C, attribute: Bool, to out: inout [UInt8]) {
        if bytes.withContiguousStorageIfAvailable({ appendEscaped($0, attribute: attribute, to: &out) }) != nil { return }
        Array(bytes).withUnsafeBufferPointer { appendEscaped($0, attribute: attribute, to: &out) }
    }

    /// Copies runs without markup characters in one go; only `& < > "` are rewritten.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool, to out: inout [UInt8]) {
        var run = 0
        for i in 0..<bytes.count {
            let entity: StaticString
            switch bytes[i] {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22 where attribute: entity = "&quot;"
            default: continue
            }
            if i > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
            out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            run = i + 1
        }
        if bytes.count > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count])) }
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let u = utf8
        guard let first = u.firstIndex(where: { !($0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D)) }),
            let last = u.lastIndex(where: { !($0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D)) })
        else { return "" }
        if first == u.startIndex && last == u.index(before: u.endIndex) { return self }
        return String(self[first...last])
    }
}
