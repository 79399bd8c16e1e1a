/// Whitespace collapse and C1 mapping (see `TextCleaner`) as a streaming
/// state machine, so that text can be collapsed while it is produced, in
/// pieces, with the same result as collapsing the whole text at once: runs
/// of whitespace become one space, none at either end.
struct TextCollapse {
    /// Whitespace was seen after some output and no output has followed it yet.
    private var pendingSpace = false
    /// Something has been written.
    private var started = false
    /// A scalar went through that is not NFC-inert (see `TextCleaner.isNFCInert`):
    /// the result is then only right after normalising the input first.
    private(set) var mayNeedNFC = false

    /// Writes `bytes[start..<end]` (valid UTF-8) collapsed to `out` and
    /// returns how many bytes it wrote: at most `(end - start) * 3 / 2 + 1`.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let source = bytes.baseAddress else { return 0 }
        return collapse(source, start, end, to: out, escapingTo: out, room: 0, escaping: false).written
    }

    /// Appends `bytes[start..<end]` (valid UTF-8) collapsed to `text` and,
    /// in the same pass, as published but escaped as HTML text to `html`:
    /// each HTML text run needs both, and one walk over its bytes costs
    /// less than escaping and collapsing them one after the other.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, to text: inout ByteBuffer, escapingTo html: inout ByteBuffer) {
        appendWalking(bytes, start, end, to: &text, escapingTo: &html, decoding: false)
    }

    /// `append(_:_:_:to:escapingTo:)` over raw HTML text: its character
    /// references are decoded in the same walk, each read as the UTF-8 of
    /// its character would be, and a `&` that starts none is a plain `&`.
    /// Every text run of a fragment goes through here, so a run with no
    /// reference costs one walk and no search for `&` beforehand.
    mutating func append(decoding bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, to text: inout ByteBuffer, escapingTo html: inout ByteBuffer) {
        appendWalking(bytes, start, end, to: &text, escapingTo: &html, decoding: true)
    }

    /// The two `append`s to both outputs: the walk, resumed after reserving
    /// more room whenever it stops (and, `decoding`, after each reference).
    @inline(__always)
    private mutating func appendWalking(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, to text: inout ByteBuffer, escapingTo html: inout ByteBuffer, decoding: Bool
    ) {
        guard let source = bytes.baseAddress else { return }
        var i = start
        while i < end {
            text.reserve((end &- i) &* 3 / 2 &+ 1)
            // room for the run unescaped and a few references; when escapes use it up, the walk stops and goes on after reserving more
            html.reserve(end &- i &+ 32)
            let step = collapse(source, i, end, to: text.writePointer, escapingTo: html.writePointer, room: html.room, escaping: true, decoding: decoding)
            text.advance(by: step.written)
            html.advance(by: step.escaped)
            if decoding, step.read < end, source[step.read] == 0x26 {
                // the walk stops at each `&`
                if step.read &+ 1 < end, let (scalar, next) = HTMLEntities.reference(in: bytes, at: step.read, end: end) {
                    appendCharacter(scalar, to: &text, escapingTo: &html)
                    i = next
                } else {
                    appendCharacter(0x26, to: &text, escapingTo: &html)
                    i = step.read &+ 1
                }
                continue
            }
            // no progress: a character cut off at the end (not in valid UTF-8), dropped as `append(to:)` drops it
            guard step.read > i else { return }
            i = step.read
        }
    }

    /// Appends one character as `append(_:_:_:to:escapingTo:)` appends its UTF-8.
    private mutating func appendCharacter(_ v: UInt32, to text: inout ByteBuffer, escapingTo html: inout ByteBuffer) {
        if v < 0x80, Self.isASCIISpace(UInt8(v)) {
            html.append(UInt8(v))
            pendingSpace = started
            return
        }
        guard v < 0x80 || Self.isPlain(v) else {
            // whitespace, a C1 control or a scalar NFC could change: the walk's own handling
            var utf8: UInt32 = 0
            let count = withUnsafeMutableBytes(of: &utf8) { HTMLEntities.encodeUTF8(v, to: $0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
            withUnsafeBytes(of: utf8) { append($0.bindMemory(to: UInt8.self), 0, count, to: &text, escapingTo: &html) }
            return
        }
        text.reserve(5)
        html.reserve(5)
        if pendingSpace { text.append(0x20) }
        text.advance(by: HTMLEntities.encodeUTF8(v, to: text.writePointer))
        html.advance(by: v < 0x80 ? HTMLSanitizer.writeEscapedText(UInt8(v), to: html.writePointer) : HTMLEntities.encodeUTF8(v, to: html.writePointer))
        pendingSpace = false
        started = true
    }

    /// The one walk behind the `append`s. With `escaping`, every byte read
    /// is also written to `html` (`& < >` as references), and the walk stops
    /// early, before writing more than `room` bytes there; with `decoding`,
    /// it stops at each `&`, without reading it.
    @inline(__always)
    private mutating func collapse(
        _ source: UnsafePointer<UInt8>, _ start: Int, _ end: Int, to out: UnsafeMutablePointer<UInt8>,
        escapingTo html: UnsafeMutablePointer<UInt8>, room: Int, escaping: Bool, decoding: Bool = false
    ) -> (read: Int, written: Int, escaped: Int) {
        var o = 0
        var h = 0
        var i = start
        // the state in locals while walking, stored once at the end
        var pending = pendingSpace
        let startedBefore = started
        defer {
            started = startedBefore || o > 0
            pendingSpace = pending
        }
        while i < end {
            // one step below writes at most 16 bytes of HTML
            if escaping, h &+ 16 > room { break }
            let b = source[i]
            if b < 0x80 {
                if Self.isASCIISpace(b) {
                    i += 1
                    if escaping { html[h] = b; h += 1 }
                    // the rest of the run, sixteen bytes at a time, then byte by byte
                    while i &+ 16 <= end, !escaping || h &+ 16 <= room {
                        let kept = Self.spaceRun(source + i)
                        if escaping { Self.copy16(source + i, to: html + h) }
                        i &+= kept
                        h &+= kept
                        guard kept == 16 else { break }
                    }
                    while i < end, !escaping || h < room, Self.isASCIISpace(source[i]) {
                        if escaping { html[h] = source[i]; h += 1 }
                        i += 1
                    }
                    pending = startedBefore || o > 0
                    continue
                }
                if decoding, b == 0x26 { break }
                // printable ASCII, or a control character (kept as it is)
                if pending { out[o] = 0x20; o += 1; pending = false }
                out[o] = b
                o += 1
                i += 1
                if escaping { h += HTMLSanitizer.writeEscapedText(b, to: html + h) }
            } else {
                let length = UTF8Bytes.sequenceLength(lead: b)
                guard i + length <= end else { break }
                var v = UTF8Bytes.scalar(at: source + i, length: length)
                if escaping {
                    Self.copyCharacter(source + i, length, to: html + h)
                    h += length
                }
                if Self.isPlain(v) {
                    if pending { out[o] = 0x20; o += 1; pending = false }
                    Self.copyCharacter(source + i, length, to: out + o)
                    o += length
                    i += length
                } else {
                    if !TextCleaner.isNFCInert(v) { mayNeedNFC = true }
                    var mapped = false
                    if v >= 0x80 && v <= 0x9F, TextCleaner.cp1252High[Int(v - 0x80)] != 0 { v = TextCleaner.cp1252High[Int(v - 0x80)]; mapped = true }
                    if TextCleaner.isSpace(v) {
                        pending = startedBefore || o > 0
                        i += length
                        continue
                    }
                    if pending { out[o] = 0x20; o += 1; pending = false }
                    if mapped {
                        // a C1 control (2 bytes) became a cp1252 character (2 or 3 bytes)
                        o += HTMLEntities.encodeUTF8(v, to: out + o)
                    } else {
                        Self.copyCharacter(source + i, length, to: out + o)
                        o += length
                    }
                    i += length
                }
            }
            // after a character that is not a space: what follows as it is, sixteen bytes at a time
            while i &+ 16 <= end, !escaping || h &+ 16 <= room {
                let kept = Self.plainRun(source + i, escaping: escaping)
                Self.copy16(source + i, to: out + o)
                if escaping { Self.copy16(source + i, to: html + h) }
                o &+= kept
                h &+= kept
                i &+= kept
                guard kept >= 15 else { break }
            }
            // the last few bytes of printable ASCII one at a time
            while i < end, !escaping || h < room {
                let c = source[i]
                guard c > 0x20, c < 0x80, !escaping || !HTMLSanitizer.isMarkup(c) else { break }
                out[o] = c
                o += 1
                if escaping { html[h] = c; h += 1 }
                i += 1
            }
        }
        return (i, o, h)
    }

    /// Whether an ASCII byte is whitespace to collapse (Python's `isspace` below 0x80).
    @inline(__always)
    static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (b &- 0x09) < 5 || (b &- 0x1C) < 4 }

    // The helpers the walk calls per character or per sixteen bytes are
    // `@_transparent`: the optimizer takes `@inline(__always)` as a hint
    // and, weighing their SIMD code before it is simplified, left them as calls.

    /// Whether a scalar of two bytes or more comes out of collapse as it
    /// is: neither a C1 control (read as Windows-1252), whitespace, nor one
    /// NFC could change.
    @_transparent
    static func isPlain(_ v: UInt32) -> Bool {
        switch v {
        // the usual ones answered first: Latin, Cyrillic and Arabic letters, general
        // punctuation (dashes, quotes, ellipsis) but for its spaces, currency signs,
        // letterlike symbols up to U+2125, the replacement character
        case 0xA1...0x2FF, 0x400...0x482, 0x621...0x64A, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20CF, 0x2100...0x2125, 0xFFFD:
            return true
        default:
            return v > 0xA0 && (v < 0x1680 || !TextCleaner.isSpace(v)) && TextCleaner.isNFCInert(v)
        }
    }

    /// Copies the `length`-byte (2...4) character at `p` to `q`.
    @inline(__always)
    private static func copyCharacter(_ p: UnsafePointer<UInt8>, _ length: Int, to q: UnsafeMutablePointer<UInt8>) {
        q[0] = p[0]
        q[1] = p[1]
        if length > 2 { q[2] = p[2] }
        if length > 3 { q[3] = p[3] }
    }

    @inline(__always)
    private static func copy16(_ p: UnsafePointer<UInt8>, to q: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(q).storeBytes(of: ByteLanes.load(p), as: SIMD16<UInt8>.self)
    }

    /// How many of the sixteen bytes at `p` are ASCII whitespace before the first that is not.
    @_transparent
    static func spaceRun(_ p: UnsafePointer<UInt8>) -> Int {
        let v = ByteLanes.load(p)
        let space = ByteLanes.flags(v .== SIMD16(repeating: 0x20)) | ByteLanes.flags((v &- SIMD16(repeating: 0x09)) .< SIMD16(repeating: 5))
            | ByteLanes.flags((v &- SIMD16(repeating: 0x1C)) .< SIMD16(repeating: 4))
        return ByteLanes.firstSet(~space)
    }

    /// How many of the sixteen bytes at `p` come out of collapse (and, with
    /// `escaping`, of escaping) as they are, given that the byte before `p`
    /// was kept or ended a character. Kept are printable ASCII, single
    /// spaces, and characters whose lead byte is C3...CB (U+00C0...U+02FF:
    /// Latin letters such as å, ä, ö) or D0, D1 (U+0400...U+047F: Cyrillic
    /// letters), which are neither whitespace, C1 controls nor anything NFC
    /// could change; the count stops before the first other byte, and never
    /// ends on a space or a lead byte, as what follows those decides. The
    /// usual word of running text is a few lanes of one step.
    @_transparent
    static func plainRun(_ p: UnsafePointer<UInt8>, escaping: Bool) -> Int {
        let v = ByteLanes.load(p)
        let before = ByteLanes.load(p - 1)
        let space = SIMD16<UInt8>(repeating: 0x20)
        // controls and whitespace below 0x20; lead bytes other than C3...CB, D0 and D1 (continuation bytes belong to those)
        var changed = ByteLanes.flags(v .< space)
        changed |= ByteLanes.flags(v .>= SIMD16(repeating: 0xC0)) & ByteLanes.flags((v &- SIMD16(repeating: 0xC3)) .> SIMD16(repeating: 0xCB - 0xC3))
            & ByteLanes.flags((v & SIMD16(repeating: 0xFE)) .!= SIMD16(repeating: 0xD0))
        changed |= ByteLanes.flags(v .== space) & ByteLanes.flags(before .== space)
        if escaping {
            changed |= ByteLanes.flags(v .== SIMD16(repeating: 0x26)) | ByteLanes.flags(v .== SIMD16(repeating: 0x3C)) | ByteLanes.flags(v .== SIMD16(repeating: 0x3E))
        }
        let kept = ByteLanes.firstSet(changed)
        guard kept > 0 else { return 0 }
        let last = p[kept - 1]
        return last == 0x20 || last >= 0xC0 ? kept - 1 : kept
    }

    /// The same as appending one space: it only matters if text follows.
    mutating func appendSpace() { pendingSpace = started }

    /// Appends `bytes[start..<end]` collapsed to `out`.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, to out: inout ByteBuffer) {
        out.reserve((end - start) * 3 / 2 + 1)
        out.advance(by: append(bytes, start, end, to: out.writePointer))
    }
}
