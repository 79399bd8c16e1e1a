import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct ArchiveExportTests {
    let entries: [ArchivedEntry] = [
        ArchivedEntry(
            id: "00000000000000a1", sources: ["rcc", "skr"], keys: ["link:https://x.se/a?b=1&c=2"],
            parsed: ParsedEntry(
                title: "Riktlinjer <remiss> & \"svar\"", link: "https://x.se/a?b=1&c=2",
                published: Date(timeIntervalSince1970: 1_795_000_000), summaryHTML: "<p>Ny, <b>viktig</b></p>",
                summaryText: "Ny, viktig\nrad två", authors: [Author(name: "RCC")]),
            canonicalLink: "https://x.se/a?b=1&c=2", seen: Date(timeIntervalSince1970: 1_795_000_100)),
        ArchivedEntry(
            id: "00000000000000b2", sources: ["sos"], keys: ["title:sos:1"],
            parsed: ParsedEntry(title: "Utan länk\u{1}"), canonicalLink: nil, seen: Date(timeIntervalSince1970: 1_795_000_200)),
    ]

    @Test func atomIsAtom10ThatAFeedReaderReadsBack() throws {
        let text = try ArchiveExport.render(entries, as: .atom, now: Date(timeIntervalSince1970: 1_795_001_000))
        let feed = try FeedParser().parse(Data(text.utf8))
        #expect(feed.format == .atom10)
        #expect(!feed.recovered, "well-formed: no recovery needed")
        #expect(feed.title == "Nyhetsbrev")
        #expect(feed.entries.map(\.id) == ["urn:nyhetsbrev:entry:00000000000000a1", "urn:nyhetsbrev:entry:00000000000000b2"])
        #expect(feed.entries.map(\.title) == ["Riktlinjer <remiss> & \"svar\"", "Utan länk"])
        #expect(text.contains(#"<link rel="alternate" href="https://x.se/a?b=1&amp;c=2"/>"#))
        #expect(feed.entries[0].link == "https://x.se/a?b=1&c=2")
        #expect(feed.entries[0].published == entries[0].published)
        #expect(feed.entries[0].categories == ["rcc", "skr"])
        #expect(feed.entries[0].authors.first?.name == "RCC")
        #expect(feed.entries[1].contentText == "Utan länk", "an entry without a link carries content (RFC 4287 4.1.2)")
        // Feed-level elements RFC 4287 requires.
        for element in ["<id>urn:nyhetsbrev:archive</id>", "<updated>2026-11-18T", "<author><name>nyhetsbrev</name></author>"] {
            #expect(text.contains(element), "\(element)")
        }
    }

    @Test func csvQuotesPerRFC4180() throws {
        let text = try ArchiveExport.render(entries, as: .csv, now: Date())
        let rows = text.components(separatedBy: "\r\n")
        #expect(rows[0] == ArchiveExport.csvColumns.joined(separator: ","))
        #expect(rows[1].hasPrefix(#"00000000000000a1,rcc skr,"Riktlinjer <remiss> & ""svar""",https://x.se/a?b=1&c=2,2026-11-18T"#))
        #expect(rows[1].contains("\"Ny, viktig\nrad två\""))
    }

    @Test func jsonLinesHaveOneCompleteEntryPerLine() throws {
        let text = try ArchiveExport.render(entries, as: .jsonl, now: Date())
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        let decoded = try lines.map { try ArchiveCoding.decoder().decode(ArchivedEntry.self, from: Data($0.utf8)) }
        #expect(decoded == entries)
    }
}
