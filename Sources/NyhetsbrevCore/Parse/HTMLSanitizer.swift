import Foundation

/// Cleans untrusted feed HTML for the digest: an allow-list of tags and
/// attributes, links only to http, https and mailto (relative ones made
/// absolute against the entry's base), scripts, styles, frames, plug-ins,
/// forms and event handlers removed, and the result always balanced.
enum HTMLSanitizer {
    // The tag and attribute sets as lists of static strings, which the name
    // tables are built from (see `HTMLNameTable.init`); the Sets are made from
    // them only where a name is looked up as a String.
    static let allowedTagNames: [StaticString] = [
        "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "br", "caption",
        "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
        "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins",
        "kbd", "li", "main", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strike",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u",
        "ul", "var", "wbr",
    ]
    /// Elements removed together with everything inside them.
    static let droppedWithContentNames: [StaticString] = [
        "script", "style", "template", "iframe", "object", "embed", "applet", "frame", "frameset", "noscript",
        "noembed", "select", "textarea", "svg", "math",
    ]
    static let voidTagNames: [StaticString] = ["br", "hr", "img", "col", "wbr", "source", "input", "meta", "link", "area", "base", "param"]
    static let allowedAttributeNames: [StaticString] = [
        "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "align", "valign", "lang", "dir",
        "cite", "datetime", "start", "type", "abbr", "scope",
    ]
    static let urlAttributeNames: [StaticString] = ["href", "src", "cite"]

    static let allowedTags = Set(allowedTagNames.map(\.description))
    static let droppedWithContent = Set(droppedWithContentNames.map(\.description))
    static let voidTags = Set(voidTagNames.map(\.description))
    static let allowedAttributes = Set(allowedAttributeNames.map(\.description))
    static let urlAttributes = Set(urlAttributeNames.map(\.description))

    /// Allowed attribute numbers, and which of them are URLs (bit `number` set).
    static let attributeTable = HTMLNameTable(allowedAttributeNames)
    private static let urlAttributeBits: UInt64 = urlAttributeNames.reduce(0) { bits, name in bits | 1 << attributeTable.lookup(name) }

    static func sanitize(_ html: String?, base: String?) -> String? {
        guard let html, !html.isEmpty else { return nil }
        return render(html, base: base).html
    }

    /// The sanitized HTML and the plain text of a fragment from one
    /// tokenisation (every HTML field of every entry needs both).
    static func render(_ html: String, base: String?) -> (html: String?, text: String?) {
        guard !html.isEmpty else { return (nil, nil) }
        var html = html
        return html.withUTF8 { render(validUTF8: $0, base: base) }
    }

    /// `render` over UTF-8 bytes (e.g. straight from libxml2), so a caller
    /// holding bytes need not make a String first. Invalid sequences read as
    /// U+FFFD, as if the bytes had been made a String.
    static func render(utf8 input: UnsafeBufferPointer<UInt8>, base: String?) -> (html: String?, text: String?) {
        UTF8Bytes.withValid(input) { render(validUTF8: $0, base: base) }
    }

    /// `render` over bytes known to be valid UTF-8 (a String's, or checked
    /// once): the outputs are made from them without validating again.
    /// `scratch`, when given, holds the outputs while they are written.
    static func render(validUTF8 input: UnsafeBufferPointer<UInt8>, base: String?, scratch: Scratch? = nil) -> (html: String?, text: String?) {
        guard !input.isEmpty else { return (nil, nil) }
        // both outputs are written in temporary memory, and only the Strings made from them are allocated
        let sizes = Renderer.initialCapacities(input.count)
        func withMemory<R>(_ body: (UnsafeMutableBufferPointer<UInt8>) -> R) -> R {
            if let scratch { return scratch.withMemory(capacity: sizes.html + sizes.text, body) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: sizes.html + sizes.text, body)
        }
        return withMemory { scratch in
            var renderer = Renderer(
                input, base: base, collapsingText: true,
                html: ByteBuffer(scratch: UnsafeMutableBufferPointer(rebasing: scratch[0..<sizes.html])),
                text: ByteBuffer(scratch: UnsafeMutableBufferPointer(rebasing: scratch[sizes.html...])))
            renderer.run()
            let html = renderer.html.makeString()
            guard renderer.textNeedsNFC else { return (html, renderer.text.makeString()) }
            // NFC could change the text: collapse after normalising the whole of it, as TextCleaner does
            var raw = Renderer(
                input, base: base, collapsingText: false, html: ByteBuffer(capacity: sizes.html), text: ByteBuffer(capacity: sizes.text))
            raw.run()
            return (html, TextCleaner.clean(validUTF8: raw.text.bytes))
        }
    }

    /// Memory for `render`'s outputs, kept from one call to the next: most
    /// HTML fields are too large for stack memory (1 KiB), and a heap block
    /// allocated and freed per field cost more than rendering a short one.
    /// One per parse, confined to its thread; a field needing more than
    /// `largest` gets memory of its own, so a huge one is not kept.
    final class Scratch {
        private var memory = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
        private var inUse = false
        static let largest = 1 << 20

        init() {}

        deinit { memory.deallocate() }

        func withMemory<R>(capacity: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> R) -> R {
            guard !inUse, capacity <= Self.largest else { return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity, body) }
            if memory.count < capacity {
                memory.deallocate()
                memory = .allocate(capacity: min(Self.largest, max(capacity, 2 * memory.count, 4096)))
            }
            inUse = true
            defer { inUse = false }
            return body(memory)
        }
    }

    /// One walk over the tokens writing both outputs. Text is collapsed as it
    /// is written (or kept raw when `collapsingText` is false, for the NFC case).
    private struct Renderer: ~Copyable {
        let input: UnsafeBufferPointer<UInt8>
        let base: String?
        let collapsingText: Bool
        var html: ByteBuffer
        var text: ByteBuffer
        var collapse = TextCollapse()
        var textNeedsNFC: Bool { collapse.mayNeedNFC }
        /// The name tables, read once here rather than through their lazy globals per tag and attribute.
        private let tags = HTMLTags.table
        private let attributeNames = HTMLSanitizer.attributeTable
        private let urlAttributeBits = HTMLSanitizer.urlAttributeBits

        init(_ input: UnsafeBufferPointer<UInt8>, base: String?, collapsingText: Bool, html: consuming ByteBuffer, text: consuming ByteBuffer) {
            self.input = input
            self.base = base
            self.collapsingText = collapsingText
            self.html = html
            self.text = text
        }

        /// Room for the outputs of an input of `count` bytes that they seldom outgrow.
        static func initialCapacities(_ count: Int) -> (html: Int, text: Int) {
            // collapsing reserves room for a run to grow by half (C1 controls): enough for that up front, not a regrowth per field
            (count + 64, count * 3 / 2 + 16)
        }

        mutating func run() {
            var tokenizer = HTMLTokenizer(input, attributesFor: .allowed)
            let flagsByTag = HTMLTags.flags
            var open = OpenElements()
            var dropDepth = 0
            var dropTag = 0
            var textSkip = 0
            while let token = tokenizer.next() {
                switch token {
                case .text(let raw):
                    guard dropDepth == 0 || textSkip == 0 else { continue }
                    if dropDepth == 0, textSkip == 0, collapsingText {
                        // the usual run, to both outputs: one walk decodes, collapses and escapes it
                        collapse.append(decoding: input, raw.lowerBound, raw.upperBound, to: &text, escapingTo: &html)
                    } else {
                        appendDecoded(raw, attribute: false, toHTML: dropDepth == 0, toText: textSkip == 0)
                    }
                case .start(let tag, let selfClosing):
                    let flags = flagsByTag[tag]
                    if flags.contains(.textSkipped) {
                        if !selfClosing { textSkip += 1 }
                    } else if flags.contains(.textBlock) {
                        appendTextSpace()
                    }
                    if dropDepth > 0 {
                        if tag == dropTag, !selfClosing { dropDepth += 1 }
                        continue
                    }
                    if flags.contains(.dropped) {
                        if !selfClosing && !flags.contains(.void) { dropDepth = 1; dropTag = tag }
                        continue
                    }
                    guard flags.contains(.allowed) else { continue }
                    html.append(0x3C)
                    tags.append(tag, to: &html)
                    for k in 0..<tokenizer.attributes.count { appendAttribute(tokenizer.attributes[k]) }
                    if flags.contains(.void) {
                        html.append(0x3E)
                    } else if selfClosing {
                        html.append("></" as StaticString)
                        tags.append(tag, to: &html)
                        html.append(0x3E)
                    } else {
                        html.append(0x3E)
                        open.push(tag)
                    }
                case .end(let tag):
                    let flags = flagsByTag[tag]
                    if flags.contains(.textSkipped) {
                        textSkip = max(0, textSkip - 1)
                    } else if flags.contains(.textBlock) {
                        appendTextSpace()
                    }
                    if dropDepth > 0 {
                        if tag == dropTag { dropDepth -= 1 }
                        continue
                    }
                    guard open.contains(tag) else { continue }
                    while let closed = open.pop() {
                        appendEndTag(closed)
                        if closed == tag { break }
                    }
                }
            }
            while let tag = open.pop() { appendEndTag(tag) }
        }

        /// The elements written open so far, innermost last. A fragment
        /// nests a few levels: those are kept inline, with no allocation per
        /// fragment, and an end tag looks through them. Deeper, the rest go to
        /// an array and a count per tag is kept, so that an end tag with
        /// nothing to close costs nothing: a stray end tag must not scan a
        /// deep stack (100 000 `<b>` then as many `</i>` would otherwise take
        /// quadratic time).
        private struct OpenElements {
            private typealias Inline = InlineArray<16, UInt8>
            private static let inlineDepth = Inline.count
            private var inline = Inline(repeating: 0)
            private var depth = 0
            private var deeper: [UInt8] = []
            /// Open elements per tag; empty until the stack first grows past the inline part.
            private var counts: [UInt32] = []

            @inline(__always)
            mutating func push(_ tag: Int) {
                guard depth >= Self.inlineDepth || !counts.isEmpty else {
                    inline[depth] = UInt8(tag)
                    depth += 1
                    return
                }
                pushCounted(tag)
            }

            /// `push` once the stack has been deeper than the inline part.
            private mutating func pushCounted(_ tag: Int) {
                if depth < Self.inlineDepth {
                    inline[depth] = UInt8(tag)
                } else {
                    if counts.isEmpty {
                        counts = Array(repeating: 0, count: HTMLTags.flags.count)
                        for k in 0..<Self.inlineDepth { counts[Int(inline[k])] += 1 }
                    }
                    deeper.append(UInt8(tag))
                }
                if !counts.isEmpty { counts[tag] += 1 }
                depth += 1
            }

            @inline(__always)
            func contains(_ tag: Int) -> Bool {
                if !counts.isEmpty { return tag < counts.count && counts[tag] > 0 }
                for k in 0..<depth where Int(inline[k]) == tag { return true }
                return false
            }

            mutating func pop() -> Int? {
                guard depth > 0 else { return nil }
                depth -= 1
                let tag = depth < Self.inlineDepth ? Int(inline[depth]) : Int(deeper.removeLast())
                if !counts.isEmpty { counts[tag] -= 1 }
                return tag
            }
        }

        private mutating func appendEndTag(_ tag: Int) {
            html.append("</" as StaticString)
            tags.append(tag, to: &html)
            html.append(0x3E)
        }

        @inline(__always)
        private mutating func appendTextSpace() {
            if collapsingText { collapse.appendSpace() } else { text.append(0x20) }
        }

        private mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
            if collapsingText {
                collapse.append(bytes, start, end, to: &text)
            } else {
                text.append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            }
        }

        /// An allowed attribute with its value decoded and escaped (URLs made
        /// absolute, or the attribute dropped when its URL is not safe); others are left out.
        private mutating func appendAttribute(_ attribute: HTMLTokenizer.Attribute) {
            let number = attributeNames.lookup(input, attribute.name.lowerBound, attribute.name.upperBound)
            guard number != 0 else { return }
            if urlAttributeBits & 1 << number != 0 {
                let value = UnsafeBufferPointer(rebasing: input[attribute.value])
                let written: Bool
                if let start = value.baseAddress, memchr(start, 0x26, value.count) != nil {
                    // decoded in stack memory (a longer URL grows onto the heap), and checked as bytes
                    written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: min(value.count + 16, 512)) { scratch in
                        var decoded = ByteBuffer(scratch: scratch)
                        HTMLEntities.decode(value, 0, value.count, appendingTo: &decoded)
                        return appendSafeURL(decoded.bytes, attribute: number)
                    }
                } else {
                    // no `&`, so no reference (the usual URL): checked and written from the input, not from a copy
                    written = appendSafeURL(value, attribute: number)
                }
                guard written else { return }
            } else {
                appendAttributeName(number)
                appendDecoded(attribute.value, attribute: true, toHTML: true, toText: false)
            }
            html.append(0x22)
        }

        /// The URL attribute `number` with the value `safeURL` makes of `raw`,
        /// or nothing when that is nil. A String is made only to resolve a
        /// relative reference against the base; an absolute URL, or any with
        /// no base, is checked and escaped from its bytes.
        private mutating func appendSafeURL(_ raw: UnsafeBufferPointer<UInt8>, attribute number: Int) -> Bool {
            let trimmed = UTF8Bytes.trimmingASCIIWhitespace(raw)
            if let base, !base.isEmpty, !URLResolver.hasScheme(utf8: trimmed) {
                guard let safe = safeURL(UTF8Bytes.string(valid: trimmed), base: base) else { return false }
                appendAttributeName(number)
                appendEscaped(safe, attribute: true, to: &html)
                return true
            }
            guard isFollowable(trimmed) else { return false }
            appendAttributeName(number)
            appendEscaped(trimmed, 0, trimmed.count, attribute: true, to: &html)
            return true
        }

        private mutating func appendAttributeName(_ number: Int) {
            html.append(0x20)
            attributeNames.append(number, to: &html)
            html.append("=\"" as StaticString)
        }

        /// Raw bytes with their character references decoded, escaped into
        /// the HTML and/or added to the text, without an intermediate copy
        /// (text to both outputs, when collapsed, goes to `TextCollapse.append(decoding:)`).
        private mutating func appendDecoded(_ range: Range<Int>, attribute: Bool, toHTML: Bool, toText: Bool) {
            guard let start = input.baseAddress else { return }
            let end = range.upperBound
            var run = range.lowerBound
            var i = run
            while i < end {
                guard let amp = memchr(start + i, 0x26, end - i) else { break }
                i = start.distance(to: amp.assumingMemoryBound(to: UInt8.self))
                guard i + 1 < end, let (scalar, next) = HTMLEntities.reference(in: input, at: i, end: end) else {
                    i += 1
                    continue
                }
                appendRun(input, run, i, attribute: attribute, toHTML: toHTML, toText: toText)
                var encoded: UInt32 = 0
                withUnsafeMutableBytes(of: &encoded) { raw in
                    let p = raw.bindMemory(to: UInt8.self)
                    guard let q = p.baseAddress else { return }
                    let count = HTMLEntities.encodeUTF8(scalar, to: q)
                    appendRun(UnsafeBufferPointer(start: q, count: count), 0, count, attribute: attribute, toHTML: toHTML, toText: toText)
                }
                i = next
                run = next
            }
            appendRun(input, run, end, attribute: attribute, toHTML: toHTML, toText: toText)
        }

        /// Decoded bytes escaped into the HTML and/or added to the text.
        @inline(__always)
        private mutating func appendRun(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, attribute: Bool, toHTML: Bool, toText: Bool) {
            if toHTML { appendEscaped(bytes, start, end, attribute: attribute, to: &html) }
            if toText { appendText(bytes, start, end) }
        }
    }

    /// The URL made absolute, or nil when its scheme is not one a reader may follow.
    static func safeURL(_ raw: String, base: String?) -> String? {
        let trimmed = raw.trimmingASCIIWhitespace()
        let resolved = URLResolver.resolve(trimmed, against: base) ?? trimmed
        return isFollowable(walking: resolved.utf8) ? resolved : nil
    }

    /// `isFollowable` for a URL's bytes: the usual link, which starts
    /// `http://` or `https://` as written, is answered from its first eight
    /// bytes (every attribute URL is checked, and the byte walk and scheme
    /// list cost about 150 instructions).
    static func isFollowable(_ url: UnsafeBufferPointer<UInt8>) -> Bool {
        if url.count >= 8, let p = url.baseAddress {
            let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
            if word & 0x00FF_FFFF_FFFF_FFFF == httpPrefix || word == httpsPrefix { return true }
        }
        return isFollowable(walking: url)
    }

    /// "http://" and "https://" as little-endian words.
    private static let httpPrefix: UInt64 = 0x2F_2F3A_7074_7468
    private static let httpsPrefix: UInt64 = 0x2F2F_3A73_7074_7468

    /// Whether a (resolved) URL has no scheme or one a reader may follow.
    static func isFollowable(walking url: some Sequence<UInt8>) -> Bool {
        // the scheme as a browser reads it: control characters and spaces
        // inside are ignored; up to eight bytes of it packed into an integer, without an allocation per link
        var length = 0
        var packed: UInt64 = 0
        for b in url where b > 0x20 {
            if b == 0x3A { return length <= 8 && followableSchemes.contains(packed) }
            if b == 0x2F || b == 0x3F || b == 0x23 { return true }
            length += 1
            packed = packed << 8 | UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return true
    }

    /// http, https and mailto, each packed as `safeURL` packs a scheme.
    private static let followableSchemes: [UInt64] = ["http", "https", "mailto"].map { $0.utf8.reduce(0) { $0 << 8 | UInt64($1) } }

    static func escape(_ s: String, attribute: Bool) -> String {
        var copy = s
        return copy.withUTF8 { escape($0, 0, $0.count, attribute: attribute) } ?? s
    }

    /// `bytes[start..<end]` (valid UTF-8) escaped, or nil when nothing needs escaping (the caller has the text already).
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, attribute: Bool) -> String? {
        guard let first = (start..<end).first(where: { needsEscape(bytes[$0], attribute: attribute) }) else { return nil }
        var out = ByteBuffer(capacity: end - start + 16)
        out.append(UnsafeBufferPointer(rebasing: bytes[start..<first]))
        appendEscaped(bytes, first, end, attribute: attribute, to: &out)
        return out.makeString()
    }

    @inline(__always)
    private static func needsEscape(_ b: UInt8, attribute: Bool) -> Bool {
        b == 0x26 || b == 0x3C || b == 0x3E || (attribute && b == 0x22)
    }

    static func appendEscaped<Sink: ByteSink & ~Copyable>(_ s: String, attribute: Bool, to out: inout Sink) {
        var s = s
        s.withUTF8 { appendEscaped($0, 0, $0.count, attribute: attribute, to: &out) }
    }

    static func appendEscaped<C: Collection<UInt8>>(_ bytes: C, attribute: Bool, to out: inout [UInt8]) {
        if bytes.withContiguousStorageIfAvailable({ appendEscaped($0, 0, $0.count, attribute: attribute, to: &out) }) != nil { return }
        Array(bytes).withUnsafeBufferPointer { appendEscaped($0, 0, $0.count, attribute: attribute, to: &out) }
    }

    /// Copies runs without markup characters in one go; only `& < > "` are rewritten.
    static func appendEscaped<Sink: ByteSink & ~Copyable>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, attribute: Bool, to out: inout Sink
    ) {
        guard let source = bytes.baseAddress else { return }
        var run = start
        var i = nextEscaped(source, start, end, attribute: attribute)
        while i < end {
            let entity = entity(for: source[i], attribute: attribute) ?? ""
            if i > run { out.append(bytesAt: source + run, count: i - run) }
            out.append(bytesAt: entity.utf8Start, count: entity.utf8CodeUnitCount)
            i += 1
            run = i
            i = nextEscaped(source, i, end, attribute: attribute)
        }
        if end > run { out.append(bytesAt: source + run, count: end - run) }
    }

    /// The position of the first byte in `source[i..<end]` that is `& < >`
    /// (or `"` in an attribute), or `end`: sixteen bytes at a time, and the
    /// last few as the sixteen that end at `end` (inside the buffer that
    /// `source` starts, when it has that many), ignoring those before `i`.
    @_transparent
    static func nextEscaped(_ source: UnsafePointer<UInt8>, _ i: Int, _ end: Int, attribute: Bool) -> Int {
        var i = i
        while i &+ 16 <= end {
            let found = ByteLanes.firstSet(markup(source + i, attribute: attribute))
            if found < 16 { return i &+ found }
            i &+= 16
        }
        guard i < end else { return end }
        guard end >= 16 else {
            while i < end, entity(for: source[i], attribute: attribute) == nil { i += 1 }
            return i
        }
        let found = ByteLanes.firstSet(markup(source + end - 16, attribute: attribute), from: i - (end - 16))
        return end - 16 + found
    }

    /// The bytes among the sixteen at `p` that are `& < >` (or `"` in an attribute), as `ByteLanes.flags`.
    @_transparent
    private static func markup(_ p: UnsafePointer<UInt8>, attribute: Bool) -> SIMD16<UInt8> {
        let v = ByteLanes.load(p)
        // `<` and `>` differ only in bit 1
        let angle = ByteLanes.flags((v & SIMD16(repeating: 0xFD)) .== SIMD16(repeating: 0x3C))
        let markup = angle | ByteLanes.flags(v .== SIMD16(repeating: 0x26))
        return attribute ? markup | ByteLanes.flags(v .== SIMD16(repeating: 0x22)) : markup
    }

    /// The reference a byte is written as, or nil when it is written as it is.
    @inline(__always)
    private static func entity(for b: UInt8, attribute: Bool) -> StaticString? {
        switch b {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22 where attribute: "&quot;"
        default: nil
        }
    }

    /// Whether a byte of text is written as a reference (`& < >`).
    @inline(__always)
    static func isMarkup(_ b: UInt8) -> Bool { b == 0x26 || b == 0x3C || b == 0x3E }

    /// Writes an ASCII byte of text (not of an attribute) escaped to `p`,
    /// which has room for five bytes, and returns how many it wrote.
    @inline(__always)
    static func writeEscapedText(_ b: UInt8, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard let entity = entity(for: b, attribute: false) else {
            p[0] = b
            return 1
        }
        p.update(from: entity.utf8Start, count: entity.utf8CodeUnitCount)
        return entity.utf8CodeUnitCount
    }
}

extension String {
    /// The string without ASCII whitespace at either end, trimmed on its
    /// UTF-8 bytes (`utf8.first`/`last` and index arithmetic read them one at
    /// a time through the string's indices); the usual value (a link, a
    /// date) has nothing to trim and is returned as it is.
    func trimmingASCIIWhitespace() -> String {
        if let trimmed = utf8.withContiguousStorageIfAvailable(Self.trimmedASCIIWhitespace) { return trimmed ?? self }
        var s = self
        return s.withUTF8(Self.trimmedASCIIWhitespace) ?? self
    }

    /// `bytes` without ASCII whitespace at either end, or nil when there is none to trim.
    private static func trimmedASCIIWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let trimmed = UTF8Bytes.trimmingASCIIWhitespace(bytes)
        if trimmed.count == bytes.count { return nil }
        return trimmed.isEmpty ? "" : UTF8Bytes.string(valid: trimmed)
    }
}
