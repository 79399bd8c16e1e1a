import CLibXML2
import Foundation

/// Builds an `XElement` tree with libxml2's SAX2 push parser. The default
/// SAX2 handlers keep the internal subset (so declared internal entities
/// work); element and text callbacks are ours. External entities and DTDs
/// are never loaded (no NOENT, no DTDLOAD, NONET), nesting is bounded, and
/// undeclared HTML entities (`&eacute;`, `&nbsp;`) are read as HTML would.
final class XMLTreeBuilder {
    struct Outcome {
        var root: XElement?
        var wellFormed: Bool
        var firstError: String?
        /// Set when the document is an attack rather than a broken feed (entity expansion); recovery must not be tried.
        var refused: String?
    }

    static let maxDepth = 200
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    private var stack: [XElement] = []
    private var root: XElement?
    private var pending: [UInt8] = []
    private var depthExceeded = false
    /// Names and namespace URIs by libxml2 pointer: they repeat on every
    /// element, and looking one up is cheaper than creating a String.
    private var strings: [UnsafeRawPointer: String] = [:]
    private let documentBase: String?
    private let stream: EntryStream?
    /// Text may not outgrow the document by more than this: only entity
    /// expansion can make it (one large entity referenced thousands of
    /// times is a gigabyte that libxml2's own checks let through).
    private let textBudget: Int
    private var textBytes = 0
    private var expansionExceeded = false
    /// The document's parser context; entity content is parsed in a child context.
    private var documentContext: xmlParserCtxtPtr?

    private init(documentBase: String?, stream: EntryStream?, inputSize: Int) {
        self.documentBase = documentBase
        self.stream = stream
        self.textBudget = inputSize * 4 + (1 << 20)
    }

    /// `stream`, when given, sees every element start and end (and may drop an ended element's children).
    static func parse(_ bytes: UnsafeRawBufferPointer, isUTF8: Bool, recover: Bool, documentBase: String?, stream: EntryStream? = nil) -> Outcome {
        _ = initialized
        let builder = XMLTreeBuilder(documentBase: documentBase, stream: stream, inputSize: bytes.count)
        var sax = xmlSAXHandler()
        xmlSAXVersion(&sax, 2)
        sax.startElementNs = { ctx, localname, prefix, uri, _, _, nbAttributes, _, attributes in
            guard let b = XMLTreeBuilder.builder(ctx) else { return }
            b.startElement(ctx, localname, prefix, uri, Int(nbAttributes), attributes)
        }
        sax.endElementNs = { ctx, _, _, _ in
            XMLTreeBuilder.builder(ctx)?.endElement()
        }
        sax.characters = { ctx, ch, len in
            guard let b = XMLTreeBuilder.builder(ctx), let ch, len > 0, !b.expansionExceeded else { return }
            b.textBytes += Int(len)
            guard b.textBytes <= b.textBudget else {
                b.expansionExceeded = true
                if let outer = b.documentContext { xmlStopParser(outer) }
                return
            }
            b.pending.append(contentsOf: UnsafeBufferPointer(start: ch, count: Int(len)))
        }
        sax.cdataBlock = sax.characters
        sax.ignorableWhitespace = sax.characters
        sax.reference = { ctx, name in
            guard let b = XMLTreeBuilder.builder(ctx), let name else { return }
            b.reference(ctx, name)
        }
        sax.startElement = nil
        sax.endElement = nil
        sax.comment = nil
        sax.processingInstruction = nil
        sax.externalSubset = nil
        sax.resolveEntity = nil
        sax.serror = { _, _ in }

        guard let ctxt = xmlCreatePushParserCtxt(&sax, nil, nil, 0, nil) else {
            return Outcome(root: nil, wellFormed: false, firstError: "libxml2 could not create a parser")
        }
        var options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        if recover { options |= Int32(XML_PARSE_RECOVER.rawValue) }
        if isUTF8 { options |= Int32(XML_PARSE_IGNORE_ENC.rawValue) }
        xmlCtxtUseOptions(ctxt, options)
        if isUTF8 { xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8) }
        let unmanaged = Unmanaged.passRetained(builder)
        ctxt.pointee._private = unmanaged.toOpaque()
        builder.documentContext = ctxt
        if let base = bytes.baseAddress {
            let p = base.assumingMemoryBound(to: CChar.self)
            var offset = 0
            let chunk = 1 << 20
            repeat {
                let n = min(chunk, bytes.count - offset)
                let last: Int32 = offset + n >= bytes.count ? 1 : 0
                if xmlParseChunk(ctxt, p + offset, Int32(n), last) != 0 && !recover { break }
                offset += n
            } while offset < bytes.count && ctxt.pointee.disableSAX == 0
        }
        if bytes.isEmpty { xmlParseChunk(ctxt, nil, 0, 1) }
        var wellFormed = ctxt.pointee.wellFormed != 0 && !builder.depthExceeded && !builder.expansionExceeded
        var message: String?
        if let err = xmlCtxtGetLastError(ctxt), err.pointee.code != 0 {
            if let m = err.pointee.message {
                message = String(cString: m).trimmingASCIIWhitespace() + " (line \(err.pointee.line))"
            }
            if err.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, err.pointee.domain != Int32(XML_FROM_NAMESPACE.rawValue) {
                wellFormed = false
            }
        }
        if builder.depthExceeded { message = "elements nested deeper than \(maxDepth) levels" }
        let refused = builder.expansionExceeded ? "entity references expand to more than \(builder.textBudget) bytes of text" : nil
        builder.documentContext = nil
        ctxt.pointee._private = nil
        unmanaged.release()
        if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
        xmlFreeParserCtxt(ctxt)
        builder.flushText()
        builder.closeOpenElements()
        return Outcome(root: builder.root, wellFormed: wellFormed, firstError: refused ?? message, refused: refused)
    }

    private static func builder(_ ctx: UnsafeMutableRawPointer?) -> XMLTreeBuilder? {
        guard let ctx else { return nil }
        let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let p = ctxt.pointee._private else { return nil }
        return Unmanaged<XMLTreeBuilder>.fromOpaque(p).takeUnretainedValue()
    }

    /// The string at `p`, from the cache when the same pointer held the same bytes before.
    private func interned(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        let key = UnsafeRawPointer(p)
        if let cached = strings[key], Self.equal(cached, p) { return cached }
        let s = String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
        strings[key] = s
        return s
    }

    private static func equal(_ s: String, _ p: UnsafePointer<xmlChar>) -> Bool {
        var s = s
        return s.withUTF8 { buf in
            for k in 0..<buf.count where p[k] != buf[k] { return false }
            return p[buf.count] == 0
        }
    }

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
    }

    private func flushText() {
        guard !pending.isEmpty else { return }
        let text = String(decoding: pending, as: UTF8.self)
        pending.removeAll(keepingCapacity: true)
        stack.last?.children.append(.text(text))
    }

    /// Ends the elements a truncated or stopped document left open, so the
    /// stream maps an unclosed last entry just as the tree holds it.
    private func closeOpenElements() {
        // a refused document is not mapped at all
        guard !expansionExceeded else { return }
        while let element = stack.popLast() { stream?.ended(element, depth: stack.count) }
    }

    private func startElement(
        _ ctx: UnsafeMutableRawPointer?, _ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
        _ uri: UnsafePointer<xmlChar>?, _ nbAttributes: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        flushText()
        if stack.count >= Self.maxDepth || depthExceeded {
            if !depthExceeded, let ctx { xmlStopParser(ctx.assumingMemoryBound(to: xmlParserCtxt.self)) }
            depthExceeded = true
            return
        }
        let prefixString = interned(prefix)
        var namespace = interned(uri)
        if namespace == nil, let prefixString { namespace = FeedNamespace.conventional[prefixString.lowercased()] }
        var attrs: [XElement.Attribute] = []
        var base = stack.last?.base ?? documentBase
        var lang = stack.last?.lang
        if let attributes, nbAttributes > 0 {
            attrs.reserveCapacity(nbAttributes)
            for k in 0..<nbAttributes {
                let a = attributes + k * 5
                guard let name = interned(a[0]), let start = a[3], let end = a[4] else { continue }
                var value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                // without entity substitution libxml2 hands back every '&' in an attribute as "&#38;"
                if UnsafeBufferPointer(start: start, count: end - start).contains(0x26),
                    value.contains("&#38;")
                { value = value.replacingOccurrences(of: "&#38;", with: "&") }
                let ns = interned(a[2])
                if ns == Self.xmlNamespace || interned(a[1]) == "xml" {
                    if name == "base" {
                        base = URLResolver.resolve(value, against: base) ?? base
                    } else if name == "lang" {
                        lang = value
                    }
                }
                attrs.append(.init(namespace: ns, name: name.asciiLowercasedIfNeeded(), value: value))
            }
        }
        let element = XElement(
            namespace: namespace, prefix: prefixString, rawName: interned(localname) ?? "", attributes: attrs,
            base: base, lang: lang)
        if let parent = stack.last { parent.children.append(.element(element)) } else if root == nil { root = element }
        stack.append(element)
        stream?.started(element, depth: stack.count - 1)
    }

    private func endElement() {
        flushText()
        if depthExceeded { return }
        if let element = stack.popLast() { stream?.ended(element, depth: stack.count) }
    }

    /// Undeclared entity references (libxml2 reports them here when the
    /// document has a DTD it did not load): HTML's named characters.
    private func reference(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>) {
        guard let nameString = Self.string(name) else { return }
        if let ctx {
            let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
            if let doc = ctxt.pointee.myDoc, xmlGetDocEntity(doc, name) != nil { return }
        }
        if let v = HTMLEntities.lookup(nameString) { HTMLEntities.appendUTF8(v, to: &pending) }
    }
}
