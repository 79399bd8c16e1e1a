import Foundation

/// Writes an entry's partition line: exactly the bytes
/// `ArchiveCoding.storageEncoder()` produces (sorted keys, compact, copies
/// and empty values left out, ISO 8601 dates, unescaped slashes), without
/// Foundation's JSONEncoder, which was the largest single cost of archiving
/// a cycle. A test holds the two byte for byte.
struct StorageJSONWriter {
    private var bytes: [UInt8] = []
    private var needsComma = false

    static func line(for entry: ArchivedEntry) -> Data {
        var writer = StorageJSONWriter()
        writer.bytes.reserveCapacity(512)
        writer.object {
            // Keys in sorted order, as JSONEncoder's .sortedKeys writes them.
            $0.array("authors", entry.authors, omitEmpty: true) { w, author in
                w.object {
                    $0.optional("email", author.email)
                    $0.optional("name", author.name)
                    $0.optional("uri", author.uri)
                }
            }
            $0.copy("canonical_link", entry.canonicalLink, absentMeans: entry.link)
            $0.array("categories", entry.categories, omitEmpty: true) { w, category in w.string(category) }
            $0.copy("content_html", entry.contentHTML, absentMeans: entry.contentText)
            $0.optional("content_text", entry.contentText)
            $0.array("enclosures", entry.enclosures, omitEmpty: true) { w, enclosure in
                w.object {
                    if let length = enclosure.length { $0.key("length"); $0.raw(String(length)) }
                    $0.optional("type", enclosure.type)
                    $0.key("url"); $0.string(enclosure.url)
                }
            }
            $0.key("first_seen"); $0.date(entry.firstSeen)
            $0.optional("guid", entry.guid)
            $0.key("id"); $0.string(entry.id)
            $0.array("keys", entry.keys, omitEmpty: false) { w, key in w.string(key) }
            $0.optional("link", entry.link)
            if let published = entry.published { $0.key("published"); $0.date(published) }
            $0.key("revision"); $0.raw(String(entry.revision))
            $0.array("sources", entry.sources, omitEmpty: false) { w, source in w.string(source.rawValue) }
            $0.optional("summary", entry.summary)
            $0.copy("summary_html", entry.summaryHTML, absentMeans: entry.summary)
            $0.optional("title", entry.title)
            if let updated = entry.updated { $0.key("updated"); $0.date(updated) }
            if let updatedAt = entry.updatedAt { $0.key("updated_at"); $0.date(updatedAt) }
        }
        return Data(writer.bytes)
    }

    // MARK: - Building blocks

    private mutating func object(_ body: (inout StorageJSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        let outer = needsComma
        needsComma = false
        body(&self)
        needsComma = outer
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func key(_ name: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func optional(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// A value that repeats another is left out; one that differs is written, null included.
    private mutating func copy(_ name: String, _ value: String?, absentMeans original: String?) {
        guard value != original else { return }
        key(name)
        if let value { string(value) } else { raw("null") }
    }

    private mutating func array<T>(
        _ name: String, _ values: [T], omitEmpty: Bool, _ element: (inout StorageJSONWriter, T) -> Void
    ) {
        if omitEmpty, values.isEmpty { return }
        key(name)
        bytes.append(UInt8(ascii: "["))
        let outer = needsComma
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            needsComma = false
            element(&self, value)
        }
        needsComma = outer
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// `2026-11-20T13:05:00Z`, as JSONEncoder's .iso8601 writes it (whole seconds, UTC).
    private mutating func date(_ date: Date) {
        bytes.append(UInt8(ascii: "\""))
        CivilDate.appendRFC3339(date, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// JSONEncoder's escaping: quote, backslash and control characters;
    /// everything else as UTF-8, copied a run at a time.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { input in
            var run = 0
            for (i, byte) in input.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[run..<i]))
                run = i + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
