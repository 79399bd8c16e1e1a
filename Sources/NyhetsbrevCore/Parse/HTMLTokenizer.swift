import Foundation

/// A lenient HTML tokenizer over UTF-8 bytes, modelled on Python's
/// `html.parser` (the reference the corpus contract is written against):
/// tags only start at `<` + letter, unterminated markup at the end is text,
/// `<script>`/`<style>` content is raw text. One tokenizer feeds both the
/// plain-text converter and the sanitizer, so they never disagree about
/// where a tag is.
///
/// It runs over every HTML field of every entry, so it allocates nothing
/// per token: tokens are byte ranges of the input and tag numbers from
/// `HTMLTags`, and attributes are ranges kept inline (see `Attributes`). The
/// tokenizer borrows `bytes` and must not outlive them.
struct HTMLTokenizer {
    enum Token {
        /// Raw text bytes; character references not yet decoded.
        case text(Range<Int>)
        /// A start tag; its attributes are in `attributes` until the next token.
        case start(tag: Int, selfClosing: Bool)
        case end(tag: Int)
    }

    /// One attribute of the last start tag: the name as written (any case) and
    /// the value with its character references not yet decoded (empty when absent).
    struct Attribute {
        var name: Range<Int>
        var value: Range<Int>
    }

    /// The attributes of one start tag: the first eight inline, as a tag
    /// seldom has more, the rest in an array. A tokenizer lives for one
    /// fragment, so an array of them all was allocated and grown again per
    /// fragment.
    struct Attributes {
        private static let inlineCount = 8
        private var inline = InlineArray<8, Attribute>(repeating: Attribute(name: 0..<0, value: 0..<0))
        private var more: [Attribute] = []
        private(set) var count = 0

        // read through a span: `inline[k]` copied the whole inline array first
        subscript(k: Int) -> Attribute { k < Self.inlineCount ? inline.span[k] : more[k - Self.inlineCount] }

        @inline(__always)
        mutating func append(_ attribute: Attribute) {
            if count < Self.inlineCount { inline[count] = attribute } else { more.append(attribute) }
            count += 1
        }

        mutating func removeAll() {
            if count > Self.inlineCount { more.removeAll(keepingCapacity: true) }
            count = 0
        }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// The attributes of the last start tag, collected only for tags with one of `attributesFor`.
    private(set) var attributes = Attributes()
    private let attributesFor: HTMLTags.Flags
    /// The tag tables, read once here rather than through their lazy globals per tag.
    private let tags = HTMLTags.table
    private let flagsByTag = HTMLTags.flags
    private var i = 0
    /// The tag whose raw-text content comes next, or 0.
    private var rawTextEnd = 0

    /// - Parameter attributesFor: collect attributes of tags with any of these flags (others' are skipped).
    init(_ bytes: UnsafeBufferPointer<UInt8>, attributesFor: HTMLTags.Flags = []) {
        self.bytes = bytes
        self.attributesFor = attributesFor
    }

    @inline(__always) private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// The next token, or nil at the end. Inlined into the sanitizer's
    /// loop, which calls it once per token of every fragment
    /// (`@_transparent`: the optimizer left `@inline(__always)` a call).
    @_transparent
    mutating func next() -> Token? {
        let n = bytes.count
        while i < n {
            if rawTextEnd != 0 {
                let endTag = rawTextEnd
                rawTextEnd = 0
                let start = i
                // the content runs to the matching end tag, or to the end
                var j = n
                var from = i
                while let lt = find(0x3C, from: from) {
                    if lt + 1 < n, bytes[lt + 1] == 0x2F, matchesName(endTag, at: lt + 2) { j = lt; break }
                    from = lt + 1
                }
                i = j
                if j > start { return .text(start..<j) }
                continue
            }
            let start = i
            while i < n {
                guard let base = bytes.baseAddress, let lt = memchr(base + i, 0x3C, n - i) else {
                    i = n
                    break
                }
                i = base.distance(to: lt.assumingMemoryBound(to: UInt8.self))
                if i + 1 < n {
                    let c = bytes[i + 1]
                    if Self.isLetter(c) || c == 0x2F || c == 0x21 || c == 0x3F { break }
                }
                i += 1
            }
            if i > start { return .text(start..<i) }
            // bytes[i] == '<' and a markup construct may begin here
            let c = bytes[i + 1]
            if c == 0x21 {  // <! comment or declaration
                if i + 3 < n, bytes[i + 2] == 0x2D, bytes[i + 3] == 0x2D {
                    // a comment left open runs to the end, as HTML reads it: what follows is never shown
                    i = findCommentEnd(from: i + 4).map { $0 + 3 } ?? n
                } else {
                    guard let close = find(0x3E, from: i + 2) else { return restAsText() }
                    i = close + 1
                }
                continue
            }
            if c == 0x3F {  // <? processing instruction
                guard let close = find(0x3E, from: i + 2) else { return restAsText() }
                i = close + 1
                continue
            }
            if c == 0x2F {  // </
                guard i + 2 < n else { return restAsText() }
                if !Self.isLetter(bytes[i + 2]) {
                    if bytes[i + 2] == 0x3E { i += 3; continue }
                    guard let close = find(0x3E, from: i + 2) else { return restAsText() }
                    i = close + 1
                    continue
                }
                var j = i + 2
                while j < n, !Self.isSpace(bytes[j]), bytes[j] != 0x3E, bytes[j] != 0x2F { j += 1 }
                let tag = tags.lookup(bytes, i + 2, j)
                guard let close = find(0x3E, from: j) else { return restAsText() }
                i = close + 1
                return .end(tag: tag)
            }
            return startTag()
        }
        return nil
    }

    private mutating func restAsText() -> Token {
        let s = i
        i = bytes.count
        return .text(s..<bytes.count)
    }

    /// The position of the next `byte` at or after `from`.
    @inline(__always)
    private func find(_ byte: UInt8, from: Int) -> Int? {
        guard from < bytes.count, let base = bytes.baseAddress, let found = memchr(base + from, Int32(byte), bytes.count - from) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The position of the next `-->`.
    private func findCommentEnd(from: Int) -> Int? {
        var j = from
        while j + 3 <= bytes.count {
            if bytes[j] == 0x2D, bytes[j + 1] == 0x2D, bytes[j + 2] == 0x3E { return j }
            j += 1
        }
        return nil
    }

    /// Whether the tag's name starts at `pos` in any case and no letter follows it.
    private func matchesName(_ tag: Int, at pos: Int) -> Bool {
        let key = tags.name(tag)
        var j = pos
        for k in 0..<key.length {
            guard j < bytes.count, bytes[j] | 0x20 == key.byte(k) else { return false }
            j += 1
        }
        return j >= bytes.count || !Self.isLetter(bytes[j])
    }

    private mutating func startTag() -> Token {
        let n = bytes.count
        var j = i + 1
        while j < n, !Self.isSpace(bytes[j]), bytes[j] != 0x3E, bytes[j] != 0x2F { j += 1 }
        let tag = tags.lookup(bytes, i + 1, j)
        let flags = flagsByTag[tag]
        let collect = !flags.isDisjoint(with: attributesFor)
        attributes.removeAll()
        var selfClosing = false
        while true {
            while j < n, Self.isSpace(bytes[j]) || bytes[j] == 0x2F {
                if bytes[j] == 0x2F, j + 1 < n, bytes[j + 1] == 0x3E { selfClosing = true }
                j += 1
            }
            guard j < n else { return restAsText() }
            if bytes[j] == 0x3E { j += 1; break }
            let ns = j
            while j < n, !Self.isSpace(bytes[j]), bytes[j] != 0x3E, bytes[j] != 0x3D, !(bytes[j] == 0x2F && j + 1 < n && bytes[j + 1] == 0x3E) { j += 1 }
            if j == ns { j += 1; continue }
            let name = ns..<j
            while j < n, Self.isSpace(bytes[j]) { j += 1 }
            var value = j..<j
            if j < n, bytes[j] == 0x3D {
                j += 1
                while j < n, Self.isSpace(bytes[j]) { j += 1 }
                guard j < n else { return restAsText() }
                if bytes[j] == 0x22 || bytes[j] == 0x27 {
                    if let k = find(bytes[j], from: j + 1) {
                        value = (j + 1)..<k
                        j = k + 1
                    } else {
                        // an unterminated quote runs to the next '>', as browsers and html.parser read it
                        guard let close = find(0x3E, from: j + 1) else { return restAsText() }
                        value = (j + 1)..<close
                        j = close
                    }
                } else {
                    let vs = j
                    while j < n, !Self.isSpace(bytes[j]), bytes[j] != 0x3E { j += 1 }
                    value = vs..<j
                }
            }
            if collect { attributes.append(Attribute(name: name, value: value)) }
        }
        i = j
        if flags.contains(.rawText) { rawTextEnd = tag }
        return .start(tag: tag, selfClosing: selfClosing)
    }
}
