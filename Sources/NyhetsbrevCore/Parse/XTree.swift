/// A parsed XML document as a few flat arrays instead of one object per
/// element and one String per text node: elements in document order (each
/// knowing where its subtree ends), all character data in one byte arena,
/// attribute values in another, and names and namespaces interned once per
/// document. An element's text is then one contiguous range of the arena
/// (character data is stored in document order and nothing else is), so
/// reading it never concatenates, and Strings are made only for the fields
/// that end up in the result. Freeing a mapped entry is truncating the arrays.
/// The two byte arenas are `ByteBuffer`s, not arrays: text arrives in
/// ~100 000 small pieces per corpus pass, and an array's append paid a
/// uniqueness check and a generic copy for each. Non-copyable, so the
/// arenas have one owner (the `XDocument`) and are freed once.
struct XTree: ~Copyable {
    struct Node {
        /// Index into `names`.
        var name: Int32
        /// Index into `namespaces`; -1 for none.
        var namespace: Int32
        /// Index into `bases` of the xml:base in scope; -1 for none.
        var base: Int32
        var attributeCount: Int32
        var attributeStart: Int
        /// The index after the last node of the subtree (set when the element ends).
        var end: Int
        /// The element's character data, descendants' included: `text[textStart..<textEnd]`.
        var textStart: Int
        var textEnd: Int
    }

    struct Attribute {
        /// Index into `names` (matched by its lower-cased form).
        var name: Int32
        var namespace: Int32
        /// The value: `attributeBytes[valueStart..<valueEnd]`.
        var valueStart: Int
        var valueEnd: Int
    }

    struct Name {
        /// As written, for re-serialising XHTML.
        let raw: String
        /// Lower-cased, for matching (feedparser matches names case-insensitively).
        let lowered: String
        /// `lowered` as the mapper's switch sees it.
        let local: FeedElementName

        /// The name whose UTF-8 is `bytes`: made from the bytes, since every
        /// document interns its few dozen names anew. `valid` says the bytes
        /// are known to be UTF-8 (see `textIsValidUTF8`: libxml2 read them
        /// from a document that was checked), sparing the check.
        init(bytes: UnsafeBufferPointer<UInt8>, valid: Bool = false) {
            raw = valid ? UTF8Bytes.string(valid: bytes) : String(decoding: bytes, as: UTF8.self)
            if bytes.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }) {
                var lowered = raw.lowercased()
                self.lowered = lowered
                local = lowered.withUTF8 { FeedElementName(lowered: $0) }
            } else {
                lowered = raw
                local = FeedElementName(lowered: bytes)
            }
        }
    }

    struct Namespace {
        let uri: String
        /// The vocabulary, worked out once per document and URI (or taken for the root's format: see `XMLTreeBuilder.claimRootNamespace`).
        var kind: FeedNamespace.Kind
    }

    var nodes: [Node] = []
    var text: ByteBuffer
    var attributes: [Attribute] = []
    var attributeBytes: ByteBuffer
    var names: [Name] = []
    var namespaces: [Namespace] = []
    var bases: [String] = []
    /// Whether `text` is known to be valid UTF-8: the document was, before
    /// libxml2 read it (it was checked, or transcoded by us), so the text
    /// libxml2 handed over is whole characters of it or characters it
    /// encoded itself (references), and HTML entities are encoded by us.
    var textIsValidUTF8 = false

    /// The arenas start at these sizes, so that a small document never grows them.
    init(textCapacity: Int = 0, attributeByteCapacity: Int = 0) {
        text = ByteBuffer(capacity: textCapacity)
        attributeBytes = ByteBuffer(capacity: attributeByteCapacity)
    }

    /// Drops everything inside element `index` (it must be the last subtree
    /// in the arrays, as an element that just ended is), keeping the element
    /// itself with its attributes, now empty.
    mutating func dropContent(of index: Int) {
        let node = nodes[index]
        nodes.removeLast(nodes.count - index - 1)
        text.removeLast(text.count - node.textStart)
        let keptAttributes = node.attributeStart + Int(node.attributeCount)
        attributes.removeLast(attributes.count - keptAttributes)
        let keptBytes = keptAttributes > 0 ? attributes[keptAttributes - 1].valueEnd : 0
        attributeBytes.removeLast(attributeBytes.count - keptBytes)
        nodes[index].end = index + 1
        nodes[index].textEnd = node.textStart
    }

    /// Drops element `index` itself as well, with its attributes (it must be
    /// the last subtree in the arrays), so that a streamed feed's thousands of
    /// mapped entries leave nothing behind.
    mutating func drop(_ index: Int) {
        let node = nodes[index]
        nodes.removeLast(nodes.count - index)
        text.removeLast(text.count - node.textStart)
        attributes.removeLast(attributes.count - node.attributeStart)
        let keptBytes = node.attributeStart > 0 ? attributes[node.attributeStart - 1].valueEnd : 0
        attributeBytes.removeLast(attributeBytes.count - keptBytes)
    }
}
