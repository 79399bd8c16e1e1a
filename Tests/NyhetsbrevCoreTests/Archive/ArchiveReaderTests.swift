import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct ArchiveReaderTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
    let october = Date(timeIntervalSince1970: 1_792_000_000)  // 2026-10-14

    /// An archive of four entries from three sources over two months.
    func archive() async throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        func item(_ source: SourceID, _ guid: String, _ title: String, _ summary: String, _ date: Date) -> IncomingEntry {
            IncomingEntry(source: source, entry: ParsedEntry(
                id: guid, title: title, link: "https://\(source).se/\(guid)", published: date, summaryText: summary),
                canonicalLink: "https://\(source).se/\(guid)")
        }
        _ = try await ArchiveStore(directory: dir.url).ingest([
            item("rcc", "1", "Nytt vårdprogram för prostatacancer", "Screening med PSA införs i Mellansverige.", now),
            item("rcc", "2", "Hål i tänderna", "Tandvård för äldre.", october),
            item("sos", "3", "Halvårsrapport om väntetider", "Café-möte om Régionernas väntetider.", now),
            item("skr", "4", "Bröstcancer: nationella riktlinjer", "Mammografi och screening.", october),
        ], now: now)
        return dir
    }

    func titles(_ dir: TemporaryDirectory, _ query: String, tags: [String: Set<SourceID>] = [:]) throws -> [String] {
        try ArchiveReader(directory: dir.url).select(ArchiveQuery.parse(query, tags: tags)).entries.compactMap(\.title)
    }

    @Test func wordsPhrasesAndFiltersCombine() async throws {
        let dir = try await archive()
        #expect(try titles(dir, "screening") == ["Nytt vårdprogram för prostatacancer", "Bröstcancer: nationella riktlinjer"])
        #expect(try titles(dir, "SCREENING source:skr") == ["Bröstcancer: nationella riktlinjer"])
        #expect(try titles(dir, "screening since:2026-11") == ["Nytt vårdprogram för prostatacancer"])
        #expect(try titles(dir, "screening until:2026-10") == ["Bröstcancer: nationella riktlinjer"])
        #expect(try titles(dir, "\"med psa införs\"") == ["Nytt vårdprogram för prostatacancer"])
        #expect(try titles(dir, "\"psa med\"").isEmpty, "a phrase keeps its word order")
        #expect(try titles(dir, "cancer").count == 2, "a word matches inside compounds")
        #expect(try titles(dir, "tag:cancer", tags: ["cancer": ["rcc", "skr"]]).count == 3)
        #expect(try titles(dir, "source:rcc source:sos").count == 3)
    }

    @Test func accentsFoldButSwedishLettersStayDistinct() async throws {
        let dir = try await archive()
        #expect(try titles(dir, "regionernas cafe") == ["Halvårsrapport om väntetider"])
        #expect(try titles(dir, "hål") == ["Hål i tänderna"])
        #expect(try titles(dir, "hal") == ["Halvårsrapport om väntetider"], "hal does not find hål")
        #expect(try titles(dir, "ÄLDRE") == ["Hål i tänderna"])
    }

    @Test func queryMistakesAreReported() {
        #expect(throws: ArchiveQuery.Failure.unterminatedQuote) { try ArchiveQuery.parse("\"open", tags: [:]) }
        #expect(throws: ArchiveQuery.Failure.invalidDate("2026-13")) { try ArchiveQuery.parse("since:2026-13", tags: [:]) }
        #expect(throws: ArchiveQuery.Failure.unknownTag("x", known: ["cancer"])) {
            try ArchiveQuery.parse("tag:x", tags: ["cancer": ["rcc"]])
        }
    }

    @Test func staleOrMissingIndexesAreRebuiltInMemoryWithoutWriting() async throws {
        let dir = try await archive()
        let index = dir.url.appendingPathComponent("index/2026-11.idx")
        try FileManager.default.removeItem(at: index)
        #expect(try titles(dir, "screening").count == 2)
        #expect(!FileManager.default.fileExists(atPath: index.path), "readers never write")
    }

    @Test func showFindsAnEntryByID() async throws {
        let dir = try await archive()
        let reader = ArchiveReader(directory: dir.url)
        let any = try #require(try reader.select(ArchiveQuery(terms: ["tänderna"])).entries.first)
        #expect(try reader.entry(id: any.id)?.title == "Hål i tänderna")
        #expect(try reader.entry(id: "0000000000000000") == nil)
    }

    @Test func verifyPassesOnAHealthyArchiveAndFailsOnEachKindOfDamage() async throws {
        let dir = try await archive()
        let reader = ArchiveReader(directory: dir.url)
        let healthy = reader.verify()
        #expect(healthy.isHealthy, "\(healthy.problems)")
        #expect(healthy.entries == 4)
        #expect(healthy.partitions == 2)

        let file = dir.file("2026-10.json")
        let original = try Data(contentsOf: file)
        try original.prefix(original.count - 10).write(to: file)
        #expect(reader.verify().problems.contains { $0.contains("2026-10.json") })
        let selection = try reader.select(ArchiveQuery())
        #expect(selection.entries.count == 2, "the other partition stays readable")
        #expect(selection.unreadable.map(\.path) == [file.path])

        try original.write(to: file)
        let indexFile = dir.url.appendingPathComponent("index/2026-11.idx")
        let index = try String(contentsOf: indexFile, encoding: .utf8)
        try Data(index.replacingOccurrences(of: "screening", with: "skrining").utf8).write(to: indexFile)
        let stamp = try #require(PartitionStamp.of(path: dir.file("2026-11.json").path))
        let bytes = [UInt8](try Data(contentsOf: indexFile))
        #expect(PartitionIndex.header(of: bytes)?.0.stamp == stamp, "still claims to be current")
        #expect(reader.verify().problems.contains { $0.contains("2026-11.idx") })
    }
}
