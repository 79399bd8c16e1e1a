import Foundation

/// A text field in both forms the product needs: sanitized HTML for the
/// digest and plain text for search and comparison.
struct FeedText {
    var html: String?
    var text: String?

    static func plain(_ raw: String, repairMojibake: Bool) -> FeedText {
        var raw = raw
        return raw.withUTF8 { plain(validUTF8: $0, repairMojibake: repairMojibake) }
    }

    /// Plain text from UTF-8 bytes (e.g. straight from libxml2; invalid
    /// sequences read as U+FFFD): the cleaned text, and for the digest the
    /// text escaped as HTML.
    static func plain(utf8 raw: UnsafeBufferPointer<UInt8>, repairMojibake: Bool) -> FeedText {
        UTF8Bytes.withValid(raw) { plain(validUTF8: $0, repairMojibake: repairMojibake) }
    }

    static func plain(validUTF8 raw: UnsafeBufferPointer<UInt8>, repairMojibake: Bool) -> FeedText {
        if repairMojibake, let repaired = Mojibake.repaired(raw) {
            return repaired.withUnsafeBufferPointer { plain(validUTF8: $0, repairMojibake: false) }
        }
        guard let text = TextCleaner.clean(validUTF8: raw) else { return FeedText() }
        let trimmed = UTF8Bytes.trimmingASCIIWhitespace(raw)
        let html = HTMLSanitizer.escape(trimmed, 0, trimmed.count, attribute: false) ?? UTF8Bytes.string(valid: trimmed)
        return FeedText(html: html, text: text)
    }

    static func html(_ raw: String, base: String?, repairMojibake: Bool, scratch: HTMLSanitizer.Scratch? = nil) -> FeedText {
        var raw = raw
        return raw.withUTF8 { html(validUTF8: $0, base: base, repairMojibake: repairMojibake, scratch: scratch) }
    }

    /// Sanitized HTML and its text from UTF-8 bytes (e.g. straight from
    /// libxml2; invalid sequences read as U+FFFD).
    static func html(utf8 raw: UnsafeBufferPointer<UInt8>, base: String?, repairMojibake: Bool) -> FeedText {
        UTF8Bytes.withValid(raw) { html(validUTF8: $0, base: base, repairMojibake: repairMojibake) }
    }

    /// `scratch` (see `HTMLSanitizer.Scratch`) saves allocating memory to render in.
    static func html(validUTF8 raw: UnsafeBufferPointer<UInt8>, base: String?, repairMojibake: Bool, scratch: HTMLSanitizer.Scratch? = nil) -> FeedText {
        if repairMojibake, let repaired = Mojibake.repaired(raw) {
            return repaired.withUnsafeBufferPointer { html(validUTF8: $0, base: base, repairMojibake: false, scratch: scratch) }
        }
        let rendered = HTMLSanitizer.render(validUTF8: raw, base: base, scratch: scratch)
        return FeedText(html: rendered.html, text: rendered.text)
    }

    /// Several values (e.g. two `content:encoded`) joined as one.
    static func joined(_ parts: [FeedText]) -> FeedText {
        // the usual case, without building arrays to join
        if parts.count <= 1 { return parts.first ?? FeedText() }
        let html = parts.compactMap(\.html)
        let text = parts.compactMap(\.text)
        return FeedText(html: html.isEmpty ? nil : html.joined(separator: "\n"), text: text.isEmpty ? nil : text.joined(separator: " "))
    }

    /// The values of one field of an entry, collected to be `joined`; the
    /// usual single value is kept as it is, without an array per entry.
    struct Parts {
        private var first: FeedText?
        private var rest: [FeedText] = []

        mutating func append(_ part: FeedText) {
            if first == nil { first = part } else { rest.append(part) }
        }

        consuming func joined() -> FeedText {
            guard let first else { return FeedText() }
            return rest.isEmpty ? first : FeedText.joined([first] + rest)
        }
    }
}

/// Repairs UTF-8 that was decoded as Latin-1 once ("CafÃ©"), as
/// feedparser does for UTF-8 feeds, and only when the repair is
/// unambiguous: the element's whole text reads back as Latin-1 bytes and
/// those bytes are valid UTF-8 with at least one multi-byte sequence. Text
/// that mixes real and double-encoded characters is left as published.
enum Mojibake {
    static func repair(_ s: String) -> String {
        var s = s
        return s.withUTF8 { bytes in repaired(bytes).map { String(decoding: $0, as: UTF8.self) } } ?? s
    }

    /// The repaired bytes, or nil when the text is to be left as published.
    static func repaired(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        // Read the text as Latin-1 bytes and check they form UTF-8 with a
        // multi-byte sequence, giving up at the first byte that cannot
        // (Swedish "vår" fails at once: 0xE5 is not followed by a continuation byte).
        guard let source = bytes.baseAddress else { return nil }
        let n = bytes.count
        // the continuation bytes of a double-encoded character read back from
        // U+0080...U+00BF, whose lead byte is C2: text without one (most
        // Swedish text: å, ä, ö lead with C3) has nothing to repair
        guard memchr(source, 0xC2, n) != nil else { return nil }
        var expected = 0
        var multiByte = false
        var lead: UInt8 = 0
        var i = 0
        while i < n {
            // ASCII between characters is read the same either way: skip it eight bytes at a time
            if lead == 0, expected == 0, i + 8 <= n, UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = source[i]
            i += 1
            // a lead byte above 0xC3 is a scalar above U+00FF: not text read as Latin-1
            if b >= 0xC4 { return nil }
            if b >= 0xC0 { lead = b; continue }
            let x = lead != 0 ? (lead & 0x03) << 6 | (b & 0x3F) : b
            lead = 0
            if expected > 0 {
                guard x & 0xC0 == 0x80 else { return nil }
                expected -= 1
            } else if x >= 0x80 {
                switch x {
                case 0xC2...0xDF: expected = 1
                case 0xE0...0xEF: expected = 2
                case 0xF0...0xF4: expected = 3
                default: return nil
                }
                multiByte = true
            }
        }
        guard multiByte, expected == 0 else { return nil }
        // written through a pointer (the repair never lengthens the text), ASCII eight bytes at a time
        let out = [UInt8](unsafeUninitializedCapacity: n) { buffer, count in
            guard let target = buffer.baseAddress else { return }
            var lead: UInt8 = 0
            var i = 0
            var o = 0
            while i < n {
                if lead == 0, i + 8 <= n {
                    let w = UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self)
                    if w & 0x8080_8080_8080_8080 == 0 {
                        UnsafeMutableRawPointer(target + o).storeBytes(of: w, as: UInt64.self)
                        i += 8
                        o += 8
                        continue
                    }
                }
                let b = source[i]
                i += 1
                if b >= 0xC0 { lead = b; continue }
                target[o] = lead != 0 ? (lead & 0x03) << 6 | (b & 0x3F) : b
                lead = 0
                o += 1
            }
            count = o
        }
        guard InputDecoder.isValidUTF8(out) else { return nil }
        return out
    }
}
