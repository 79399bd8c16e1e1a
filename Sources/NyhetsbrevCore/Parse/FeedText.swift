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
        return FeedText(html: HTMLSanitizer.sanitize(value, base: base), text: HTMLText.text(fromHTML: value))
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
        var suspicious = false
        for scalar in s.unicodeScalars {
            if scalar.value > 0xFF { return s }
            if scalar.value >= 0xC2 && scalar.value <= 0xF4 { suspicious = true }
        }
        guard suspicious else { return s }
        let bytes = s.unicodeScalars.map { UInt8($0.value) }
        guard InputDecoder.isValidUTF8(bytes) else { return s }
        return String(decoding: bytes, as: UTF8.self)
    }
}
