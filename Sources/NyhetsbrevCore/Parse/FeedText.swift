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

    /// The repair is decided on the decoded text (character references
    /// included), so text that mixes real and double-encoded characters is
    /// left as published rather than half repaired.
    static func html(_ raw: String, base: String?, repairMojibake: Bool) -> FeedText {
        var value = raw
        var text = HTMLText.text(fromHTML: raw)
        if repairMojibake, let t = text {
            let fixed = Mojibake.repair(t)
            if fixed != t {
                text = fixed
                value = Mojibake.repair(raw)
            }
        }
        return FeedText(html: HTMLSanitizer.sanitize(value, base: base), text: text)
    }

    /// Several values (e.g. two `content:encoded`) joined as one.
    static func joined(_ parts: [FeedText]) -> FeedText {
        let html = parts.compactMap(\.html)
        let text = parts.compactMap(\.text)
        return FeedText(html: html.isEmpty ? nil : html.joined(separator: "\n"), text: text.isEmpty ? nil : text.joined(separator: " "))
    }
}

/// Repairs UTF-8 that was decoded as Latin-1/Windows-1252 once ("CafÃ©"),
/// but only when the repair is unambiguous: the whole text reads back as
/// Latin-1 or as Windows-1252 bytes, and those bytes are valid UTF-8 with
/// at least one multi-byte sequence.
enum Mojibake {
    static let cp1252Reverse: [UInt32: UInt8] = {
        var m: [UInt32: UInt8] = [:]
        for (k, v) in TextCleaner.cp1252High.enumerated() where v != 0 { m[v] = UInt8(0x80 + k) }
        return m
    }()

    static func repair(_ s: String) -> String {
        var suspicious = false
        for scalar in s.unicodeScalars where scalar.value >= 0xC2 && scalar.value <= 0xF4 { suspicious = true; break }
        guard suspicious else { return s }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        // one consistent reading: all of it as Latin-1, or all of it as Windows-1252
        // (which cannot hold the five C1 bytes cp1252 leaves undefined)
        var usedCP1252 = false
        var usedUndefinedC1 = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v <= 0xFF {
                if v >= 0x80 && v <= 0x9F && TextCleaner.cp1252High[Int(v - 0x80)] == 0 { usedUndefinedC1 = true }
                bytes.append(UInt8(v))
            } else if let b = cp1252Reverse[v] {
                usedCP1252 = true
                bytes.append(b)
            } else {
                return s
            }
        }
        if usedCP1252 && usedUndefinedC1 { return s }
        guard InputDecoder.isValidUTF8(bytes) else { return s }
        return String(decoding: bytes, as: UTF8.self)
    }
}
