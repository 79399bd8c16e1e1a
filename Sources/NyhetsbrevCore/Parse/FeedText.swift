import Foundation

/// A text field in both forms the product needs: sanitized HTML for the
/// digest and plain text for search and comparison.
struct FeedText {
    var html: String?
    var text: String?

    static func plain(_ raw: String, repairMojibake: Bool) -> FeedText {
        let value = repairMojibake ? Mojibake.repair(raw) : raw
        guard let text = TextCleaner.clean(value) else { return FeedText() }
        return FeedText(html: HTMLSanitizer.escape(value.trimmingASCIIWhitespace(), attribute: false), text: text)
    }

    static func html(_ raw: String, base: String?, repairMojibake: Bool) -> FeedText {
        let value = repairMojibake ? Mojibake.repair(raw) : raw
        let rendered = HTMLSanitizer.render(value, base: base)
        return FeedText(html: rendered.html, text: rendered.text)
    }

    /// Several values (e.g. two `content:encoded`) joined as one.
    static func joined(_ parts: [FeedText]) -> FeedText {
        let html = parts.compactMap(\.html)
        let text = parts.compactMap(\.text)
        return FeedText(html: html.isEmpty ? nil : html.joined(separator: "\n"), text: text.isEmpty ? nil : text.joined(separator: " "))
    }
}

/// Repairs UTF-8 that was decoded as Latin-1 once ("CafÃ©"), as
/// feedparser does for UTF-8 feeds, and only when the repair is
/// unambiguous: the element's whole text reads back as Latin-1 bytes and
/// those bytes are valid UTF-8 with at least one multi-byte sequence. Text
/// that mixes real and double-encoded characters is left as published.
enum Mojibake {
    static func repair(_ s: String) -> String {
        // Read the text as Latin-1 bytes and check they form UTF-8 with a
        // multi-byte sequence, giving up at the first byte that cannot
        // (Swedish "vår" fails at once: 0xE5 is not followed by a continuation byte).
        var expected = 0
        var multiByte = false
        var lead: UInt8 = 0
        for b in s.utf8 {
            // a lead byte above 0xC3 is a scalar above U+00FF: not text read as Latin-1
            if b >= 0xC4 { return s }
            if b >= 0xC0 { lead = b; continue }
            let x = lead != 0 ? (lead & 0x03) << 6 | (b & 0x3F) : b
            lead = 0
            if expected > 0 {
                guard x & 0xC0 == 0x80 else { return s }
                expected -= 1
            } else if x >= 0x80 {
                switch x {
                case 0xC2...0xDF: expected = 1
                case 0xE0...0xEF: expected = 2
                case 0xF0...0xF4: expected = 3
                default: return s
                }
                multiByte = true
            }
        }
        guard multiByte, expected == 0 else { return s }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            if b >= 0xC0 { lead = b; continue }
            if lead != 0 { bytes.append((lead & 0x03) << 6 | (b & 0x3F)); lead = 0 } else { bytes.append(b) }
        }
        guard InputDecoder.isValidUTF8(bytes) else { return s }
        return String(decoding: bytes, as: UTF8.self)
    }
}
