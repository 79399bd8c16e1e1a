import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds an `XTree` with libxml2's SAX2 push parser. The default SAX2
/// handlers keep the internal subset (so declared internal entities work);
/// element and text callbacks are ours. External entities and DTDs are
/// never loaded (no NOENT, no DTDLOAD, NONET), nesting is bounded, and
/// undeclared HTML entities (`&eacute;`, `&nbsp;`) are read as HTML would.
///
/// The callbacks run once per element and per text run of every document,
/// so they allocate nothing per element: names and namespace URIs become
/// small integer ids through libxml2's own interned pointers, text goes
/// straight into the tree's byte arena, and the builder's state lives in
/// one manually allocated value that the parser context points to.
struct XMLTreeBuilder: ~Copyable {
    struct Outcome {
        /// Owns the storage `root` points into.
        var document: XDocument
        var root: XElement?
        var wellFormed: Bool
        var firstError: String?
        /// Set when the document is an attack rather than a broken feed (entity expansion); recovery must not be tried.
        var refused: String?
    }

    static let maxDepth = 200
    /// How much of a document libxml2 is given at a time. It keeps about
    /// two pieces buffered: small pieces keep that small at no cost in speed.
    static let pieceSize = 1 << 18
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    private let tree: UnsafeMutablePointer<XTree>
    /// Node indices of the open elements.
    private var stack = OpenElements(capacity: XMLTreeBuilder.maxDepth)
    private var root: Int?
    private var depthExceeded = false
    private var nameIDs = InternTable()
    private var namespaceIDs = InternTable()
    /// Namespaces taken from a conventional prefix that was never declared, by URI.
    private var conventionalIDs: [String: Int32] = [:]
    private let emptyName: Int32
    private let documentBase: Int32
    private let stream: EntryStream?
    /// Text may not outgrow the document by more than this: only entity
    /// expansion can make it (one large entity referenced thousands of
    /// times is a gigabyte that libxml2's own checks let through).
    private let textBudget: Int
    private var textBytes = 0
    private let inputSize: Int
    private var expansionExceeded = false
    /// The document's parser context; entity content is parsed in a child context.
    private var documentContext: xmlParserCtxtPtr?

    private init(tree: UnsafeMutablePointer<XTree>, documentBase: String?, stream: EntryStream?, inputSize: Int) {
        self.tree = tree
        self.stream = stream
        self.textBudget = inputSize * 4 + (1 << 20)
        self.inputSize = inputSize
        // room for a small feed (or one entry of a large, streamed one) at once instead of growing step by step
        tree.pointee.nodes.reserveCapacity(min(256, inputSize / 32 + 8))
        tree.pointee.attributes.reserveCapacity(32)
        tree.pointee.names.reserveCapacity(48)
        tree.pointee.namespaces.reserveCapacity(8)
        tree.pointee.names.append(XTree.Name(bytes: UnsafeBufferPointer(start: nil, count: 0)))
        emptyName = 0
        if let documentBase {
            tree.pointee.bases.append(documentBase)
            self.documentBase = 0
        } else {
            self.documentBase = -1
        }
    }

    /// `stream`, when given, sees every element start and end (and may drop an ended element's content).
    static func parse(_ bytes: UnsafeRawBufferPointer, isUTF8: Bool, recover: Bool, documentBase: String?, stream: EntryStream? = nil) -> Outcome {
        parse(inputSize: bytes.count, isUTF8: isUTF8, recover: recover, documentBase: documentBase, stream: stream) { push in
            var offset = 0
            repeat {
                let n = min(pieceSize, bytes.count - offset)
                let last = offset + n >= bytes.count
                guard push(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), last) else { return }
                offset += n
            } while offset < bytes.count
        }
    }

    /// The parse of a document that `input` hands over in pieces, so that
    /// a file need not be in memory at once. `input` calls `push` with each
    /// piece (whole UTF-8 characters when `isUTF8`) and whether it is the
    /// last, and stops when `push` returns false: parsing has ended early.
    /// `inputSize` is the document's length, which bounds entity expansion.
    static func parse(
        inputSize: Int, isUTF8: Bool, recover: Bool, documentBase: String?, stream: EntryStream? = nil,
        input: (_ push: (UnsafeRawBufferPointer, _ last: Bool) -> Bool) -> Void
    ) -> Outcome {
        _ = initialized
        // per thread, and the thread may be new to libxml2
        nyh_xml_silence_generic_errors()
        // room for a small feed's text (or one entry of a large, streamed one) at once instead of growing step by step
        let document = XDocument(textCapacity: min(16384, inputSize), attributeByteCapacity: 1024)
        // libxml2 hands over whole characters of UTF-8 input, and characters it encodes itself
        document.tree.pointee.textIsValidUTF8 = isUTF8
        let builder = UnsafeMutablePointer<XMLTreeBuilder>.allocate(capacity: 1)
        builder.initialize(to: XMLTreeBuilder(tree: document.tree, documentBase: documentBase, stream: stream, inputSize: inputSize))
        defer {
            builder.deinitialize(count: 1)
            builder.deallocate()
        }
        var sax = xmlSAXHandler()
        xmlSAXVersion(&sax, 2)
        sax.startElementNs = { ctx, localname, prefix, uri, nbNamespaces, namespaces, nbAttributes, _, attributes in
            XMLTreeBuilder.builder(ctx)?.pointee.startElement(ctx, localname, prefix, uri, Int(nbNamespaces), namespaces, Int(nbAttributes), attributes)
        }
        sax.endElementNs = { ctx, _, _, _ in
            XMLTreeBuilder.builder(ctx)?.pointee.endElement()
        }
        sax.characters = { ctx, ch, len in
            guard let ch, len > 0 else { return }
            XMLTreeBuilder.builder(ctx)?.pointee.characters(ch, Int(len))
        }
        sax.cdataBlock = sax.characters
        sax.ignorableWhitespace = sax.characters
        sax.reference = { ctx, name in
            guard let name else { return }
            XMLTreeBuilder.builder(ctx)?.pointee.reference(ctx, name)
        }
        sax.startElement = nil
        sax.endElement = nil
        sax.comment = nil
        sax.processingInstruction = nil
        sax.externalSubset = nil
        sax.resolveEntity = nil
        sax.serror = { _, _ in }

        guard let ctxt = xmlCreatePushParserCtxt(&sax, nil, nil, 0, nil) else {
            return Outcome(document: document, root: nil, wellFormed: false, firstError: "libxml2 could not create a parser")
        }
        var options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        if recover { options |= Int32(XML_PARSE_RECOVER.rawValue) }
        if isUTF8 { options |= Int32(XML_PARSE_IGNORE_ENC.rawValue) }
        xmlCtxtUseOptions(ctxt, options)
        if isUTF8 { xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8) }
        ctxt.pointee._private = UnsafeMutableRawPointer(builder)
        builder.pointee.documentContext = ctxt
        // the parse is over after the last piece, or after an error (outside recovery) or a stop
        var ended = false
        input { piece, last in
            let p = piece.baseAddress?.assumingMemoryBound(to: CChar.self)
            let failed = xmlParseChunk(ctxt, p, Int32(piece.count), last ? 1 : 0) != 0
            ended = last || (failed && !recover) || ctxt.pointee.disableSAX != 0
            return !ended
        }
        // input that stopped short of its last piece (a read error, invalid UTF-8) still ends the parse
        if !ended { xmlParseChunk(ctxt, nil, 0, 1) }
        let depthExceeded = builder.pointee.depthExceeded
        let expansionExceeded = builder.pointee.expansionExceeded
        var wellFormed = ctxt.pointee.wellFormed != 0 && !depthExceeded && !expansionExceeded
        var message: String?
        if let err = xmlCtxtGetLastError(ctxt), err.pointee.code != 0 {
            if let m = err.pointee.message {
                message = String(cString: m).trimmingASCIIWhitespace() + " (line \(err.pointee.line))"
            }
            if err.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, err.pointee.domain != Int32(XML_FROM_NAMESPACE.rawValue) {
                wellFormed = false
            }
        }
        if depthExceeded { message = "elements nested deeper than \(maxDepth) levels" }
        let refused = expansionExceeded ? "entity references expand to more than \(builder.pointee.textBudget) bytes of text" : nil
        builder.pointee.documentContext = nil
        ctxt.pointee._private = nil
        if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
        xmlFreeParserCtxt(ctxt)
        builder.pointee.closeOpenElements()
        let root = builder.pointee.root.map { XElement(tree: document.tree, index: $0) }
        return Outcome(document: document, root: root, wellFormed: wellFormed, firstError: refused ?? message, refused: refused)
    }

    private static func builder(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<XMLTreeBuilder>? {
        guard let ctx else { return nil }
        let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let p = ctxt.pointee._private else { return nil }
        return p.assumingMemoryBound(to: XMLTreeBuilder.self)
    }

    @inline(__always)
    private mutating func nameID(_ p: UnsafePointer<xmlChar>) -> Int32 {
        let tree = self.tree
        return nameIDs.id(for: p) { bytes in
            tree.pointee.names.append(XTree.Name(bytes: bytes, valid: tree.pointee.textIsValidUTF8))
            return Int32(tree.pointee.names.count - 1)
        }
    }

    private mutating func namespaceID(_ p: UnsafePointer<xmlChar>) -> Int32 {
        let tree = self.tree
        return namespaceIDs.id(for: p) { bytes in
            let uri = String(decoding: bytes, as: UTF8.self)
            tree.pointee.namespaces.append(XTree.Namespace(uri: uri, kind: FeedNamespace.kind(uri)))
            return Int32(tree.pointee.namespaces.count - 1)
        }
    }

    /// The namespace feeds mean by an undeclared prefix such as `dc:` (-1 when the prefix is not a known one).
    private mutating func conventionalNamespace(_ prefix: UnsafePointer<xmlChar>) -> Int32 {
        let name = String(cString: UnsafeRawPointer(prefix).assumingMemoryBound(to: CChar.self))
        guard let uri = FeedNamespace.conventional[name.lowercased()] else { return -1 }
        if let id = conventionalIDs[uri] { return id }
        tree.pointee.namespaces.append(XTree.Namespace(uri: uri, kind: FeedNamespace.kind(uri)))
        let id = Int32(tree.pointee.namespaces.count - 1)
        conventionalIDs[uri] = id
        return id
    }

    @inline(__always)
    private mutating func characters(_ ch: UnsafePointer<xmlChar>, _ len: Int) {
        guard !expansionExceeded else { return }
        textBytes += len
        guard textBytes <= textBudget else {
            expansionExceeded = true
            if let outer = documentContext { xmlStopParser(outer) }
            return
        }
        // text outside the root element belongs to nothing
        guard !stack.isEmpty else { return }
        tree.pointee.text.append(UnsafeBufferPointer(start: ch, count: len))
    }

    /// Ends element `index`: its subtree and text stop where the arrays are now.
    private func close(_ index: Int) {
        tree.pointee.nodes[index].end = tree.pointee.nodes.count
        tree.pointee.nodes[index].textEnd = tree.pointee.text.count
    }

    /// Ends the elements a truncated or stopped document left open, so the
    /// stream maps an unclosed last entry just as the tree holds it.
    private mutating func closeOpenElements() {
        while let index = stack.pop() {
            close(index)
            // a refused document is not mapped at all
            if !expansionExceeded { stream?.ended(XElement(tree: tree, index: index), depth: stack.count) { (0, 0) } }
        }
    }

    private mutating func startElement(
        _ ctx: UnsafeMutableRawPointer?, _ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
        _ uri: UnsafePointer<xmlChar>?, _ nbNamespaces: Int, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        _ nbAttributes: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        if stack.count >= Self.maxDepth || depthExceeded {
            if !depthExceeded, let ctx { xmlStopParser(ctx.assumingMemoryBound(to: xmlParserCtxt.self)) }
            depthExceeded = true
            return
        }
        let tree = self.tree
        var namespace: Int32 = -1
        if let uri { namespace = namespaceID(uri) } else if let prefix { namespace = conventionalNamespace(prefix) }
        var base = stack.last.map { tree.pointee.nodes[$0].base } ?? documentBase
        let attributeStart = tree.pointee.attributes.count
        if let attributes, nbAttributes > 0 {
            for k in 0..<nbAttributes {
                let a = attributes + k * 5
                guard let localname = a[0], let start = a[3], let end = a[4] else { continue }
                let name = nameID(localname)
                let valueStart = tree.pointee.attributeBytes.count
                Self.appendAttributeValue(UnsafeBufferPointer(start: start, count: end - start), to: &tree.pointee.attributeBytes)
                let valueEnd = tree.pointee.attributeBytes.count
                let attributeNamespace = a[2].map { namespaceID($0) } ?? -1
                if (attributeNamespace >= 0 && tree.pointee.namespaces[Int(attributeNamespace)].uri == Self.xmlNamespace) || Self.isXMLPrefix(a[1]),
                    tree.pointee.names[Int(name)].raw == "base"
                {
                    let value = String(decoding: UnsafeBufferPointer(rebasing: tree.pointee.attributeBytes.bytes[valueStart..<valueEnd]), as: UTF8.self)
                    if let resolved = URLResolver.resolve(value, against: base < 0 ? nil : tree.pointee.bases[Int(base)]) {
                        tree.pointee.bases.append(resolved)
                        base = Int32(tree.pointee.bases.count - 1)
                    }
                }
                tree.pointee.attributes.append(XTree.Attribute(name: name, namespace: attributeNamespace, valueStart: valueStart, valueEnd: valueEnd))
            }
        }
        let index = tree.pointee.nodes.count
        let textStart = tree.pointee.text.count
        tree.pointee.nodes.append(
            XTree.Node(
                name: localname.map { nameID($0) } ?? emptyName, namespace: namespace, base: base,
                attributeCount: Int32(tree.pointee.attributes.count - attributeStart), attributeStart: attributeStart,
                end: index + 1, textStart: textStart, textEnd: textStart))
        if stack.isEmpty, root == nil {
            root = index
            claimRootNamespace(of: index, namespace, declared: UnsafeBufferPointer(start: namespaces, count: 2 * nbNamespaces))
        }
        stack.push(index)
        stream?.started(XElement(tree: tree, index: index), depth: stack.count - 1)
    }

    /// A feed root's default namespace that no format has (a draft's, a
    /// misremembered one, a page's address) is taken for the root's own
    /// format, as feedparser reads such feeds: Atom's for `feed`, RSS's for
    /// `rss` and for the default namespace `rdf:RDF` declares for its items.
    private mutating func claimRootNamespace(of index: Int, _ namespace: Int32, declared: UnsafeBufferPointer<UnsafePointer<xmlChar>?>) {
        let name = tree.pointee.names[Int(tree.pointee.nodes[index].name)].lowered
        guard let kind = FeedNamespace.kindClaimed(byRoot: name) else { return }
        var claimed = namespace
        if name == "rdf" {
            // the root is RDF's own element: the items' namespace is the default one it declares
            // (declarations come as prefix, URI pairs; the default one has no prefix)
            claimed = -1
            var k = 0
            while k + 1 < declared.count {
                if declared[k] == nil, let uri = declared[k + 1] { claimed = namespaceID(uri) }
                k += 2
            }
        }
        guard claimed >= 0, tree.pointee.namespaces[Int(claimed)].kind == .other else { return }
        tree.pointee.namespaces[Int(claimed)].kind = kind
    }

    private mutating func endElement() {
        if depthExceeded { return }
        if let index = stack.pop() {
            close(index)
            let ctxt = documentContext
            let total = inputSize
            stream?.ended(XElement(tree: tree, index: index), depth: stack.count) { (ctxt.map(Self.bytesConsumed) ?? 0, total) }
        }
    }

    /// Bytes of the document libxml2 has read; 0 (unknown) when it decodes
    /// the input itself, where counting would mean converting the rest again.
    private static func bytesConsumed(_ ctxt: xmlParserCtxtPtr) -> Int {
        guard let input = ctxt.pointee.input, input.pointee.buf?.pointee.encoder == nil else { return 0 }
        return max(0, xmlByteConsumed(ctxt))
    }

    /// Without entity substitution libxml2 hands back every '&' in an attribute as "&#38;".
    private static func appendAttributeValue(_ value: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        guard let base = value.baseAddress else { return }
        let n = value.count
        var run = 0
        // memchr to each '&': attribute values are mostly long URLs without one
        while run < n, let found = memchr(base + run, 0x26, n - run) {
            let i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if i + 4 < n, value[i + 1] == 0x23, value[i + 2] == 0x33, value[i + 3] == 0x38, value[i + 4] == 0x3B {
                out.append(UnsafeBufferPointer(rebasing: value[run..<i]))
                out.append(0x26)
                run = i + 5
            } else {
                out.append(UnsafeBufferPointer(rebasing: value[run...i]))
                run = i + 1
            }
        }
        out.append(UnsafeBufferPointer(rebasing: value[run..<n]))
    }

    private static func isXMLPrefix(_ p: UnsafePointer<xmlChar>?) -> Bool {
        guard let p else { return false }
        return p[0] == 0x78 && p[1] == 0x6D && p[2] == 0x6C && p[3] == 0
    }

    /// Undeclared entity references (libxml2 reports them here when the
    /// document has a DTD it did not load): HTML's named characters.
    private mutating func reference(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>) {
        if let ctx {
            let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
            if let doc = ctxt.pointee.myDoc, xmlGetDocEntity(doc, name) != nil { return }
        }
        guard !stack.isEmpty else { return }
        let nameString = String(cString: UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
        if let v = HTMLEntities.lookup(nameString) { tree.pointee.text.append(scalar: v) }
    }
}
