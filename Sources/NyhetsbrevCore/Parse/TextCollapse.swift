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
        guard let source = bytes.baseAddress else { return }
        var i = start
        while i < end {
            text.reserve((end - i) * 3 / 2 + 1)
            // room for the run unescaped and a few references; when escapes use it up, the walk stops and goes on after reserving more
            html.reserve(end - i + 32)
            let step = collapse(source, i, end, to: text.writePointer, escapingTo: html.writePointer, room: html.room, escaping: true)
            text.advance(by: step.written)
            html.advance(by: step.escaped)
            // no progress: a character cut off at the end (not in valid UTF-8), dropped as `append(to:)` drops it
            guard step.read > i else { return }
            i = step.read
        }
    }

    /// The one walk behind both `append`s. With `escaping`, every byte read
    /// is also written to `html` (`& < >` as references), and the walk stops
    /// early, before writing more than `room` bytes there.
    @inline(__always)
    private mutating func collapse(
        _ source: UnsafePointer<UInt8>, _ start: Int, _ end: Int, to out: UnsafeMutablePointer<UInt8>,
        escapingTo html: UnsafeMutablePointer<UInt8>, room: Int, escaping: Bool
    ) -> (read: Int, written: Int, escaped: Int) {
        var o = 0
        var h = 0
        defer { started = started || o > 0 }
        var i = start
        scan: while i < end {
            // one step below writes at most 8 bytes of HTML
            if escaping, h + 8 > room { break }
            let b = source[i]
            if b > 0x20, b < 0x80 {
                // a run of printable ASCII: the common case, copied without further checks
                if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                out[o] = b
                o += 1
                i += 1
                if escaping { h += HTMLSanitizer.writeEscapedText(b, to: html + h) }
                // sixteen bytes at a time while none needs a change, as the eight below
                // (reading one byte more, so the block's last space sees what follows it)
                while i &+ 17 <= end, !escaping || h &+ 16 <= room {
                    let kept = Self.verbatim16(source + i, escaping: escaping)
                    guard kept > 0 else { break }
                    UnsafeMutableRawPointer(out + o).storeBytes(of: UnsafeRawPointer(source + i).loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
                    if escaping {
                        UnsafeMutableRawPointer(html + h).storeBytes(of: UnsafeRawPointer(source + i).loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
                    }
                    o &+= kept
                    h &+= kept
                    i &+= kept
                }
                // eight bytes that need no change come out as they are; when
                // the eighth is a space or starts a character, seven are kept
                // and the next eight start with it (the store writes one byte
                // more than is kept: never more than was read)
                while i &+ 8 <= end, !escaping || h &+ 16 <= room {
                    let w = UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self)
                    let kind = Self.verbatim(w)
                    guard kind != .changed, !escaping || !HTMLSanitizer.mayNeedEscape(w, attribute: false) else { break }
                    UnsafeMutableRawPointer(out + o).storeBytes(of: w, as: UInt64.self)
                    if escaping { UnsafeMutableRawPointer(html + h).storeBytes(of: w, as: UInt64.self) }
                    let kept = kind == .all ? 8 : 7
                    o &+= kept
                    h &+= kept
                    i &+= kept
                }
                while i < end, !escaping || h + 8 <= room {
                    let c = source[i]
                    guard c > 0x20, c < 0x80 else { break }
                    out[o] = c
                    o += 1
                    i += 1
                    if escaping { h += HTMLSanitizer.writeEscapedText(c, to: html + h) }
                }
                continue
            }
            if b < 0x80 {
                i += 1
                if escaping { html[h] = b; h += 1 }
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F) {
                    pendingSpace = started || o > 0
                    continue
                }
                if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                out[o] = b
                o += 1
                continue
            }
            // U+00C0...U+02FF (Swedish å, ä, ö) is neither space, C1 control nor NFC-relevant
            if b >= 0xC3, b <= 0xCB, i + 2 <= end {
                if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                out[o] = b
                out[o + 1] = source[i + 1]
                o += 2
                if escaping {
                    html[h] = b
                    html[h + 1] = source[i + 1]
                    h += 2
                }
                i += 2
                continue
            }
            let len = UTF8Bytes.sequenceLength(lead: b)
            guard i + len <= end else { break }
            if escaping {
                for k in 0..<len { html[h + k] = source[i + k] }
                h += len
            }
            var v = UTF8Bytes.scalar(at: source + i, length: len)
            if !TextCleaner.isNFCInert(v) { mayNeedNFC = true }
            var mapped = false
            if v >= 0x80 && v <= 0x9F, TextCleaner.cp1252High[Int(v - 0x80)] != 0 { v = TextCleaner.cp1252High[Int(v - 0x80)]; mapped = true }
            if TextCleaner.isSpace(v) {
                pendingSpace = started || o > 0
                i += len
                continue
            }
            if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
            if mapped {
                // a C1 control (2 bytes) became a cp1252 character (2 or 3 bytes)
                o += HTMLEntities.encodeUTF8(v, to: out + o)
            } else {
                for k in 0..<len { out[o + k] = source[i + k] }
                o += len
            }
            i += len
        }
        return (i, o, h)
    }

    enum Verbatim {
        /// All eight bytes come out as they are.
        case all
        /// The first seven do, and the eighth is a space or starts a
        /// U+00C0...U+02FF character: what follows it decides.
        case seven
        /// Some byte needs collapsing or decoding.
        case changed
    }

    /// How eight bytes, following a printable character, come out of
    /// collapse. Unchanged are printable ASCII, single spaces and whole
    /// U+00C0...U+02FF (lead bytes C3...CB and continuation bytes), which are
    /// neither whitespace, C1 controls nor anything NFC could change; a space
    /// or a lead byte last is told apart (most words that are not all
    /// unchanged in running text), as what follows it decides. Each test
    /// works on the low seven bits of every byte, so no carry crosses a byte.
    @inline(__always)
    static func verbatim(_ w: UInt64) -> Verbatim {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let top = w & (ones &* 0x80)
        let low = ~top & (ones &* 0x80)
        let x = w & (ones &* 0x7F)
        @inline(__always) func atLeast(_ n: UInt64) -> UInt64 { (x &+ ones &* (0x80 - n)) & (ones &* 0x80) }
        // high bytes: C0...C2 and CC...FF (seven-bit 0x40...0x42, 0x4C...0x7F) need decoding
        let leadC3toCB = atLeast(0x43) & ~atLeast(0x4C)
        let badHigh = top & atLeast(0x40) & ~leadC3toCB
        // low bytes: controls and the whitespace below 0x20
        let badLow = low & ~atLeast(0x20)
        let spaces = low & ~((x ^ (ones &* 0x20)) &+ ones &* 0x7F) & (ones &* 0x80)
        guard badHigh | badLow | (spaces & (spaces << 8)) == 0 else { return .changed }
        let last: UInt64 = 0x8000_0000_0000_0000
        return (spaces | top & leadC3toCB) & last != 0 ? .seven : .all
    }

    /// How many of the sixteen bytes at `p` (following a printable
    /// character, with a seventeenth readable after them) come out of
    /// collapse as they are: 16; 15 when the last is a space or a lead byte
    /// (what follows it decides); 0 when some byte needs collapsing,
    /// decoding or (with `escaping`) escaping, or two spaces meet (the last
    /// and the byte after it included). The same rules as `verbatim`, on
    /// SIMD lanes: the usual word of running text is a few lanes of one step.
    @inline(__always)
    static func verbatim16(_ p: UnsafePointer<UInt8>, escaping: Bool) -> Int {
        let v = UnsafeRawPointer(p).loadUnaligned(as: SIMD16<UInt8>.self)
        let following = UnsafeRawPointer(p + 1).loadUnaligned(as: SIMD16<UInt8>.self)
        let space = SIMD16<UInt8>(repeating: 0x20)
        var changed = v .< space
        // high bytes other than the continuation bytes and the lead bytes C3...CB
        changed .|= (v .>= SIMD16(repeating: 0xC0)) .& ((v .< SIMD16(repeating: 0xC3)) .| (v .> SIMD16(repeating: 0xCB)))
        changed .|= (v .== space) .& (following .== space)
        if escaping {
            changed .|= (v .== SIMD16(repeating: 0x26)) .| (v .== SIMD16(repeating: 0x3C)) .| (v .== SIMD16(repeating: 0x3E))
        }
        guard !any(changed) else { return 0 }
        let last = v[15]
        return last == 0x20 || (last >= 0xC3 && last <= 0xCB) ? 15 : 16
    }

    /// The same as appending one space: it only matters if text follows.
    mutating func appendSpace() { pendingSpace = started }

    /// Appends `bytes[start..<end]` collapsed to `out`.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, to out: inout ByteBuffer) {
        out.reserve((end - start) * 3 / 2 + 1)
        out.advance(by: append(bytes, start, end, to: out.writePointer))
    }
}
