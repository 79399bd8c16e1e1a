import Foundation

/// The normalised JSON of the reference corpus (shared/corpus/SCHEMA.md),
/// so this parser can be scored against feedparser and its output diffed
/// by people: every key present in the schema's order, missing values
/// null, dates in UTC. Written by hand because Foundation's sorted-key
/// serialisation costs several times the parse itself.
public enum NormalizedFeedJSON {
    public static func encode(_ feed: ParsedFeed) -> Data {
        var data = Data()
        write(feed) { data.append($0) }
        return data
    }

    /// Hands the JSON to `sink` in pieces of about 64 KB, so that printing a
    /// large feed never holds all of its JSON (about as large as the feed) at once.
    public static func write(_ feed: ParsedFeed, to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        withoutActuallyEscaping(sink) { sink in
            var w = Writer(sink: sink)
            write(feed, with: &w)
            w.flush()
        }
    }

    private static func write(_ feed: ParsedFeed, with w: inout Writer) {
        w.raw("{\n  \"feed\": {")
        w.field("title", feed.title, indent: 4, first: true)
        w.field("link", feed.link, indent: 4)
        w.field("language", feed.language, indent: 4)
        w.field("updated", feed.updated.map(DateParser.rfc3339), indent: 4)
        w.raw("\n  },\n  \"entries\": [")
        for (k, e) in feed.entries.enumerated() {
            w.raw(k == 0 ? "\n    {" : ",\n    {")
            w.field("id", e.id, indent: 6, first: true)
            w.field("title", e.title, indent: 6)
            w.field("link", e.link, indent: 6)
            w.field("published", e.published.map(DateParser.rfc3339), indent: 6)
            w.field("updated", e.updated.map(DateParser.rfc3339), indent: 6)
            w.field("summary_text", e.summaryText, indent: 6)
            w.field("content_text", e.contentText, indent: 6)
            w.raw(",\n      \"authors\": [")
            for (j, a) in e.authors.enumerated() {
                w.raw(j == 0 ? "{" : ", {")
                w.inline("name", a.name, first: true)
                w.inline("email", a.email)
                w.inline("uri", a.uri)
                w.raw("}")
            }
            w.raw("],\n      \"categories\": [")
            for (j, c) in e.categories.enumerated() {
                if j > 0 { w.raw(", ") }
                w.string(c)
            }
            w.raw("],\n      \"enclosures\": [")
            for (j, en) in e.enclosures.enumerated() {
                w.raw(j == 0 ? "{" : ", {")
                w.inline("url", en.url, first: true)
                w.inline("type", en.type)
                w.raw(", \"length\": " + (en.length.map(String.init) ?? "null") + "}")
            }
            w.raw("]\n    }")
            w.flushIfFull()
        }
        w.raw(feed.entries.isEmpty ? "],\n" : "\n  ],\n")
        w.raw("  \"_meta\": {\"format\": \"\(feed.format.rawValue)\", \"recovered\": \(feed.recovered)}\n}")
    }

    private struct Writer {
        static let pieceSize = 1 << 16
        let sink: (UnsafeBufferPointer<UInt8>) -> Void
        var bytes: [UInt8] = []

        init(sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
            self.sink = sink
            bytes.reserveCapacity(Self.pieceSize + 4096)
        }

        mutating func flushIfFull() {
            if bytes.count >= Self.pieceSize { flush() }
        }

        mutating func flush() {
            guard !bytes.isEmpty else { return }
            bytes.withUnsafeBufferPointer(sink)
            bytes.removeAll(keepingCapacity: true)
        }

        mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

        mutating func field(_ key: String, _ value: String?, indent: Int, first: Bool = false) {
            raw(first ? "\n" : ",\n")
            bytes.append(contentsOf: repeatElement(0x20, count: indent))
            string(key)
            raw(": ")
            if let value { string(value) } else { raw("null") }
        }

        mutating func inline(_ key: String, _ value: String?, first: Bool = false) {
            if !first { raw(", ") }
            string(key)
            raw(": ")
            if let value { string(value) } else { raw("null") }
        }

        mutating func string(_ s: String) {
            bytes.append(0x22)
            for b in s.utf8 {
                switch b {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                default: bytes.append(b)
                }
            }
            bytes.append(0x22)
        }
    }
}
