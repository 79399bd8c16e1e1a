import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct IndexRecordTests {
    /// A record written as an index line reads back the same, hashes in the
    /// 16-digit form `StableHash.hex` gives.
    @Test func indexLineRoundTrips() throws {
        let parsed = ParsedEntry(
            id: "g1", title: "Nytt vårdprogram för prostatacancer", link: "https://rcc.se/1",
            published: Date(timeIntervalSince1970: 1_795_000_000), summaryText: "Screening\tmed PSA")
        var entry = ArchivedEntry(
            id: "00ab12cd34ef5678", sources: ["rcc", "sos"], keys: ["guid:rcc:g1", "link:https://rcc.se/1"], parsed: parsed,
            canonicalLink: "https://rcc.se/1", seen: Date(timeIntervalSince1970: 1_795_000_100))
        entry.categories = ["Nyhetsbrev"]
        let record = IndexRecord(entry: entry)
        var data = Data()
        record.write(to: &data)
        let line = [UInt8](data)
        #expect(!line.contains(0x0A))
        let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
        #expect(fields.count == 6)
        #expect(String(decoding: fields[3], as: UTF8.self) == entry.keys.map(StableHash.hex).joined(separator: ","))
        #expect(try #require(IndexRecord(line: line[...])) == record)
        #expect(record.text == "nytt vårdprogram för prostatacancer screening med psa nyhetsbrev")
    }
}
