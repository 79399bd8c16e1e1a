import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct ArchivedEntryCodingTests {
    func entry(link: String?, canonical: String?, summary: String?, html: String?) -> ArchivedEntry {
        ArchivedEntry(
            id: "0123456789abcdef", sources: ["rcc"], keys: ["guid:rcc:1"],
            parsed: ParsedEntry(id: "1", title: "T", link: link, summaryHTML: html, summaryText: summary),
            canonicalLink: canonical, seen: Date(timeIntervalSince1970: 1_795_000_000))
    }

    @Test(arguments: [
        ("https://x.se/a", "https://x.se/a", "text", "text"),
        ("https://x.se/a?utm_source=x", "https://x.se/a", "a & b", "a &amp; b"),
        ("https://x.se/a", nil, "text", nil),
        (nil, nil, nil, nil),
    ] as [(String?, String?, String?, String?)])
    func compactPartitionEncodingIsLossless(link: String?, canonical: String?, summary: String?, html: String?) throws {
        let original = entry(link: link, canonical: canonical, summary: summary, html: html)
        let data = try ArchiveCoding.storageEncoder().encode(original)
        #expect(try ArchiveCoding.decoder().decode(ArchivedEntry.self, from: data) == original)
        let full = try ArchiveCoding.encoder().encode(original)
        #expect(data.count < full.count)
    }

    @Test func copiesAndEmptyValuesAreLeftOutOfPartitions() throws {
        let text = String(decoding: try ArchiveCoding.storageEncoder().encode(
            entry(link: "https://x.se/a", canonical: "https://x.se/a", summary: "s", html: "s")), as: UTF8.self)
        for key in ["canonical_link", "summary_html", "content_html", "authors", "updated_at"] {
            #expect(!text.contains("\"\(key)\""), "\(key) left out")
        }
    }

    @Test func exportsKeepEveryKey() throws {
        let object = try JSONSerialization.jsonObject(with: ArchiveCoding.encoder().encode(
            entry(link: nil, canonical: nil, summary: nil, html: nil))) as? [String: Any]
        for key in ["id", "sources", "title", "link", "published", "updated", "summary", "first_seen", "summary_html"] {
            #expect(object?.keys.contains(key) == true, "\(key)")
        }
    }
}
