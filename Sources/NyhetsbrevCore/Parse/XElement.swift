/// One element of a parsed XML document, as much of it as feed mapping
/// needs: namespace URI, lower-cased local name (feedparser matches names
/// case-insensitively), attributes, mixed content in order, and the
/// effective xml:base in scope. A position in an `XTree`, valid while its
/// `XDocument` lives; copying one costs nothing.
struct XElement {
    let tree: UnsafeMutablePointer<XTree>
    let index: Int

    private var node: XTree.Node { tree.pointee.nodes[index] }

    var namespace: String? {
        let ns = node.namespace
        return ns < 0 ? nil : tree.pointee.namespaces[Int(ns)].uri
    }

    /// The vocabulary of `namespace`.
    var kind: FeedNamespace.Kind {
        let ns = node.namespace
        return ns < 0 ? .core : tree.pointee.namespaces[Int(ns)].kind
    }

    /// The local name as written, for re-serialising XHTML.
    var rawName: String { tree.pointee.names[Int(node.name)].raw }

    /// The local name lower-cased, for matching.
    var name: String { tree.pointee.names[Int(node.name)].lowered }

    /// The local name as one of the names feed mapping knows.
    var local: FeedElementName { tree.pointee.names[Int(node.name)].local }

    var base: String? {
        let b = node.base
        return b < 0 ? nil : tree.pointee.bases[Int(b)]
    }

    /// An unprefixed attribute by (lower-cased) name.
    func attribute(_ name: String) -> String? {
        withAttribute(name) { $0.map(UTF8Bytes.string(valid:)) }
    }

    /// The first attribute called `name` (lower-cased) whose namespace URI passes `namespace`.
    func attribute(_ name: String, namespace: (String?) -> Bool) -> String? {
        let t = tree
        return withAttribute(name, namespaceIndex: { namespace($0 < 0 ? nil : t.pointee.namespaces[Int($0)].uri) }) {
            $0.map(UTF8Bytes.string(valid:))
        }
    }

    func hasAttribute(_ name: String) -> Bool { withAttribute(name) { $0 != nil } }

    /// The value of an unprefixed attribute by (lower-cased) name, read by
    /// `body` as valid UTF-8 (see `withValidText`) without making a String;
    /// nil when there is none.
    func withAttribute<R>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        withAttribute(name, namespaceIndex: { $0 < 0 }, body)
    }

    /// `withAttribute` of the first attribute called `name` whose index into the tree's namespaces (-1: none) passes `namespaceIndex`.
    private func withAttribute<R>(_ name: String, namespaceIndex: (Int32) -> Bool, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        let n = node
        let t = tree
        for k in n.attributeStart..<(n.attributeStart + Int(n.attributeCount)) {
            let a = t.pointee.attributes[k]
            guard t.pointee.names[Int(a.name)].lowered == name, namespaceIndex(a.namespace) else { continue }
            return withChecked(UnsafeBufferPointer(rebasing: t.pointee.attributeBytes.bytes[a.valueStart..<a.valueEnd]), "an attribute") { body($0) }
        }
        return body(nil)
    }

    /// Frees everything inside this element once it has been mapped (it must
    /// have just ended: its subtree is the last one in the tree).
    func dropContent() { tree.pointee.dropContent(of: index) }

    /// Frees this element with everything inside it (see `dropContent`); its parent no longer lists it.
    func drop() { tree.pointee.drop(index) }

    /// The child elements, in order.
    var elements: Children { Children(tree: tree, start: index + 1, end: node.end) }

    var hasElements: Bool { node.end > index + 1 }

    /// No child elements and no text.
    var isEmpty: Bool {
        let n = node
        return n.end == index + 1 && n.textEnd == n.textStart
    }

    /// All text inside, markup removed.
    var text: String { withValidText { UTF8Bytes.string(valid: $0) } }

    /// The bytes of `text` as valid UTF-8: as they are when the document's
    /// text is known to be valid (see `XTree.textIsValidUTF8`), saving a
    /// second check of every byte; else with invalid sequences read as U+FFFD.
    func withValidText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withText { withChecked($0, "the text", body) }
    }

    /// `bytes` of this document for `body` as valid UTF-8: as they are when
    /// its text is known to be valid (see `XTree.textIsValidUTF8`), else with
    /// invalid sequences read as U+FFFD. `what` names them in the debug
    /// check of that claim.
    private func withChecked<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ what: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard tree.pointee.textIsValidUTF8 else { return UTF8Bytes.withValid(bytes, body) }
        #if DEBUG || FUZZING
        precondition(UTF8Bytes.isValid(bytes), "invalid UTF-8 in \(what) of a document checked before parsing")
        #endif
        return body(bytes)
    }

    /// `withValidText` with ASCII whitespace trimmed from both ends.
    func withTrimmedValidText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withValidText { body(UTF8Bytes.trimmingASCIIWhitespace($0)) }
    }

    /// Whether the text holds anything but ASCII whitespace.
    var hasNonBlankText: Bool { withText { $0.contains { !UTF8Bytes.isASCIIWhitespace($0) } } }

    /// The bytes of `text`, without making a String.
    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let n = node
        return body(UnsafeBufferPointer(rebasing: tree.pointee.text.bytes[n.textStart..<n.textEnd]))
    }

    /// Whether the text directly inside (not inside child elements) is only whitespace.
    var ownTextIsWhitespace: Bool {
        var position = node.textStart
        var blank = true
        func check(_ upTo: Int) {
            guard blank, upTo > position else { return }
            let buf = tree.pointee.text.bytes
            for i in position..<upTo where !(buf[i] == 0x20 || (buf[i] >= 0x09 && buf[i] <= 0x0D)) {
                blank = false
                return
            }
        }
        for c in elements {
            let cn = c.node
            check(cn.textStart)
            position = cn.textEnd
        }
        check(node.textEnd)
        return blank
    }

    /// The content re-serialised as markup (for XHTML and for HTML written
    /// unescaped inside RSS elements), read by `body` as valid UTF-8 where it
    /// was written, without making a String of it: in `scratch`'s memory
    /// (the mapper keeps one, so a field costs no allocation).
    func withInnerXML<R>(scratch: HTMLSanitizer.Scratch, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let n = node
        // the text escaped, with room for the tags around it: seldom outgrown
        return scratch.withMemory(capacity: 2 * (n.textEnd - n.textStart) + 64) { memory in
            var out = ByteBuffer(scratch: memory)
            appendInner(to: &out)
            // names are Strings; text and attribute values are the document's, valid when it was checked
            return withChecked(out.bytes, "the markup", body)
        }
    }

    /// Text between child elements comes from the gaps between their text ranges.
    private func appendInner(to out: inout ByteBuffer) {
        var position = node.textStart
        for c in elements {
            let cn = c.node
            appendEscapedText(position, cn.textStart, to: &out)
            position = cn.textEnd
            c.appendElement(to: &out)
        }
        appendEscapedText(position, node.textEnd, to: &out)
    }

    private func appendEscapedText(_ from: Int, _ to: Int, to out: inout ByteBuffer) {
        guard to > from else { return }
        HTMLSanitizer.appendEscaped(tree.pointee.text.bytes, from, to, attribute: false, to: &out)
    }

    private func appendElement(to out: inout ByteBuffer) {
        let n = node
        let raw = rawName
        out.append(0x3C)
        Self.append(raw, to: &out)
        for k in n.attributeStart..<(n.attributeStart + Int(n.attributeCount)) {
            let a = tree.pointee.attributes[k]
            guard a.namespace < 0 else { continue }
            out.append(0x20)
            Self.append(tree.pointee.names[Int(a.name)].lowered, to: &out)
            out.append("=\"" as StaticString)
            HTMLSanitizer.appendEscaped(tree.pointee.attributeBytes.bytes, a.valueStart, a.valueEnd, attribute: true, to: &out)
            out.append(0x22)
        }
        if isEmpty {
            out.append(" />" as StaticString)
        } else {
            out.append(0x3E)
            appendInner(to: &out)
            out.append("</" as StaticString)
            Self.append(raw, to: &out)
            out.append(0x3E)
        }
    }

    /// A name's UTF-8, read in place (names are mostly small Strings, held inline).
    private static func append(_ name: String, to out: inout ByteBuffer) {
        var name = name
        name.withUTF8 { out.append($0) }
    }

    /// The child elements of one element, found by skipping each child's subtree.
    struct Children: Sequence, IteratorProtocol {
        let tree: UnsafeMutablePointer<XTree>
        var start: Int
        let end: Int

        mutating func next() -> XElement? {
            guard start < end else { return nil }
            let e = XElement(tree: tree, index: start)
            start = tree.pointee.nodes[start].end
            return e
        }

        var isEmpty: Bool { start >= end }
    }
}

extension String {
    /// `lowercased()`, without its cost for the usual already lower-case ASCII values.
    func asciiLowercasedIfNeeded() -> String {
        for b in utf8 where (b >= 0x41 && b <= 0x5A) || b >= 0x80 { return lowercased() }
        return self
    }
}
