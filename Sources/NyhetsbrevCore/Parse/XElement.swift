/// One element of a parsed XML document, as much of it as feed mapping
/// needs: namespace URI, lower-cased local name (feedparser matches names
/// case-insensitively), attributes, mixed content in order, and the
/// effective xml:base and xml:lang in scope.
final class XElement {
    enum Child {
        case element(XElement)
        case text(String)
    }

    struct Attribute {
        var namespace: String?
        var name: String
        var value: String
    }

    let namespace: String?
    /// The vocabulary of `namespace`, worked out once per element.
    let kind: FeedNamespace.Kind
    let prefix: String?
    /// The local name as written, for re-serialising XHTML.
    let rawName: String
    /// The local name lower-cased, for matching.
    let name: String
    let attributes: [Attribute]
    let base: String?
    let lang: String?
    var children: [Child] = []

    init(namespace: String?, prefix: String?, rawName: String, attributes: [Attribute], base: String?, lang: String?) {
        self.namespace = namespace
        self.kind = FeedNamespace.kind(namespace)
        self.prefix = prefix
        self.rawName = rawName
        self.name = rawName.asciiLowercasedIfNeeded()
        self.attributes = attributes
        self.base = base
        self.lang = lang
    }

    /// An unprefixed attribute by (lower-cased) name.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.namespace == nil && $0.name == name }?.value
    }

    var elements: [XElement] {
        children.compactMap { if case .element(let e) = $0 { return e } else { return nil } }
    }

    /// All text inside, markup removed.
    var text: String {
        var out = ""
        appendText(to: &out)
        return out
    }

    private func appendText(to out: inout String) {
        for child in children {
            switch child {
            case .text(let t): out += t
            case .element(let e): e.appendText(to: &out)
            }
        }
    }

    /// The content re-serialised as markup (for XHTML and for HTML written
    /// unescaped inside RSS elements).
    var innerXML: String {
        var out: [UInt8] = []
        for child in children { Self.serialize(child, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    private static func serialize(_ child: Child, to out: inout [UInt8]) {
        switch child {
        case .text(let t):
            HTMLSanitizer.appendEscaped(t, attribute: false, to: &out)
        case .element(let e):
            out.append(0x3C)
            out.append(contentsOf: e.rawName.utf8)
            for a in e.attributes where a.namespace == nil {
                out.append(0x20)
                out.append(contentsOf: a.name.utf8)
                out.append(contentsOf: "=\"".utf8)
                HTMLSanitizer.appendEscaped(a.value, attribute: true, to: &out)
                out.append(0x22)
            }
            if e.children.isEmpty {
                out.append(contentsOf: " />".utf8)
            } else {
                out.append(0x3E)
                for c in e.children { serialize(c, to: &out) }
                out.append(contentsOf: "</".utf8)
                out.append(contentsOf: e.rawName.utf8)
                out.append(0x3E)
            }
        }
    }
}

extension String {
    /// `lowercased()`, without its cost for the usual already lower-case ASCII names.
    func asciiLowercasedIfNeeded() -> String {
        for b in utf8 where (b >= 0x41 && b <= 0x5A) || b >= 0x80 { return lowercased() }
        return self
    }
}
