import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct StorageJSONWriterTests {
    static let entries: [ArchivedEntry] = {
        let seen = Date(timeIntervalSince1970: 1_795_000_000)
        var full = ArchivedEntry(
            id: "0123456789abcdef", sources: ["rcc", "skr"], keys: ["guid:rcc:1", "link:https://x.se/a"],
            parsed: ParsedEntry(
                id: "4.1a\"b\\c", title: "Ny plan\t– \"remiss\"\n\u{1}\u{1F}\u{7F} 🎗️ åäö é",
                link: "https://x.se/a?utm_source=x&b=/c", published: Date(timeIntervalSince1970: -86_401.5),
                updated: Date(timeIntervalSince1970: 1_795_000_123.9), summaryHTML: "<p>a &amp; b</p>",
                summaryText: "a & b", contentHTML: "<p>c</p>", contentText: "c",
                authors: [Author(name: "RCC"), Author(email: "a@x.se", uri: "https://x.se/"), Author()],
                categories: ["Cancer", "Vård\u{8}\u{C}\r"],
                enclosures: [Enclosure(url: "https://x.se/f.mp3", type: "audio/mpeg", length: 123), Enclosure(url: "u")]),
            canonicalLink: "https://x.se/a?b=/c", seen: seen)
        full.revision = 3
        full.updatedAt = Date(timeIntervalSince1970: 1_795_100_000)
        let bare = ArchivedEntry(
            id: "fedcba9876543210", sources: ["sos"], keys: ["title:sos:1"], parsed: ParsedEntry(), canonicalLink: nil,
            seen: seen)
        let uncanonical = ArchivedEntry(
            id: "00000000000000a1", sources: ["a"], keys: ["guid:a:2"],
            parsed: ParsedEntry(id: "2", link: "https://x.se/b", summaryHTML: "s", summaryText: "s", contentText: "only text"),
            canonicalLink: nil, seen: seen)
        let copies = ArchivedEntry(
            id: "00000000000000a2", sources: ["a"], keys: ["guid:a:3"],
            parsed: ParsedEntry(id: "3", link: "https://x.se/c", summaryHTML: nil, summaryText: "s", contentHTML: "h"),
            canonicalLink: "https://x.se/c", seen: seen)
        return [full, bare, uncanonical, copies]
    }()

    @Test(arguments: entries)
    func writesExactlyWhatTheStorageEncoderWrites(_ entry: ArchivedEntry) throws {
        let expected = try ArchiveCoding.storageEncoder().encode(entry)
        let written = StorageJSONWriter.line(for: entry)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }
}
