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

    static func sanitize(_ html: String?, base: String?) -> String? {
        guard let html, !html.isEmpty else { return nil }
        var tokenizer = HTMLTokenizer(html)
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var open: [String] = []
        var dropDepth = 0
        var dropName = ""
        while let token = tokenizer.next() {
            switch token {
            case .text(let raw):
                if dropDepth == 0 { out += escape(HTMLEntities.decode(raw), attribute: false) }
            case .start(let name, let attributes, let selfClosing):
                if dropDepth > 0 {
                    if name == dropName, !selfClosing { dropDepth += 1 }
                    continue
                }
                if droppedWithContent.contains(name) {
                    if !selfClosing && !voidTags.contains(name) { dropDepth = 1; dropName = name }
                    continue
                }
                guard allowedTags.contains(name) else { continue }
                out += "<" + name
                for (attrName, value) in attributes where allowedAttributes.contains(attrName) {
                    var v = value
                    if urlAttributes.contains(attrName) {
                        guard let safe = safeURL(value, base: base) else { continue }
                        v = safe
                    }
                    out += " " + attrName + "=\"" + escape(v, attribute: true) + "\""
                }
                if voidTags.contains(name) {
                    out += ">"
                } else if selfClosing {
                    out += "></" + name + ">"
                } else {
                    out += ">"
                    open.append(name)
                }
            case .end(let name):
                if dropDepth > 0 {
                    if name == dropName { dropDepth -= 1 }
                    continue
                }
                guard let at = open.lastIndex(of: name) else { continue }
                while open.count > at { out += "</" + open.removeLast() + ">" }
            }
        }
        while let name = open.popLast() { out += "</" + name + ">" }
        return out.isEmpty ? nil : out
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
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
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
