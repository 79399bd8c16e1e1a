import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct ArchiveStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    func incoming(_ source: SourceID = "rcc", guid: String? = nil, title: String, link: String? = nil,
                  published: Date? = nil, summary: String? = nil) -> IncomingEntry {
        IncomingEntry(
            source: source,
            entry: ParsedEntry(id: guid, title: title, link: link, published: published, summaryText: summary),
            canonicalLink: link)
    }

    @Test func newEntriesArePersistedAndSurviveReopening() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        let result = try await store.ingest(
            [incoming(guid: "1", title: "Ett", published: now), incoming(guid: "2", title: "Två", published: now)],
            now: now)
        #expect(result.added.map(\.title) == ["Ett", "Två"])
        #expect(result.partitionsWritten == ["2026-11"])
        #expect(FileManager.default.fileExists(atPath: dir.file("2026-11.json").path))

        let reopened = try ArchiveStore(directory: dir.url)
        let titles = try await reopened.entries().map(\.title)
        #expect(Set(titles) == ["Ett", "Två"])
        #expect(await reopened.count == 2)
    }

    @Test func stagedBatchesAreWrittenOnlyByCommitAndDedupeAcrossEachOther() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        let link = "https://www.cancercentrum.se/nyhet/1"
        let first = try await store.stage([incoming("rcc", guid: "r1", title: "Ny vårdplan", link: link, published: now)], now: now)
        let second = try await store.stage(
            [incoming("sos", guid: "s1", title: "Ny vårdplan", link: link, published: now),
             incoming("sos", guid: "s2", title: "Annat", link: "https://sos.se/2", published: now)], now: now)
        #expect(first.added.count == 1)
        #expect(second.added.map(\.title) == ["Annat"], "the shared link merges into the staged entry")
        #expect(second.merged == first.added.map(\.id))
        #expect(!FileManager.default.fileExists(atPath: dir.file("2026-11.json").path), "staging writes nothing")

        #expect(try await store.commit() == ["2026-11"])
        #expect(try await store.commit().isEmpty, "a second commit has nothing left to write")
        let reopened = try await ArchiveStore(directory: dir.url).entries()
        #expect(reopened.count == 2)
        #expect(reopened.first { $0.link == link }?.sources == ["rcc", "sos"])
    }

    @Test func secondIngestOfTheSameEntriesWritesNothing() async throws {
        let dir = try TemporaryDirectory()
        let batch = [incoming(guid: "a", title: "A", published: now), incoming(title: "B")]
        let store = try ArchiveStore(directory: dir.url)
        _ = try await store.ingest(batch, now: now)
        let before = try FileManager.default.attributesOfItem(atPath: dir.file("2026-11.json").path)

        let again = try ArchiveStore(directory: dir.url)
        let result = try await again.ingest(batch, now: now.addingTimeInterval(3600))
        #expect(result.added.isEmpty)
        #expect(result.revised.isEmpty)
        #expect(result.partitionsWritten.isEmpty)
        let after = try FileManager.default.attributesOfItem(atPath: dir.file("2026-11.json").path)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
        #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)
    }

    @Test func entriesAreFiledByMonthOfPublication() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        let october = Date(timeIntervalSince1970: 1_792_000_000)  // 2026-10-14
        let result = try await store.ingest(
            [incoming(guid: "old", title: "Oktober", published: october), incoming(guid: "new", title: "November", published: now)],
            now: now)
        #expect(result.partitionsWritten == ["2026-10", "2026-11"])
        let third = try await store.ingest([incoming(guid: "new2", title: "Ny", published: now)], now: now)
        #expect(third.partitionsWritten == ["2026-11"])
    }

    @Test func identityFallsBackFromGuidToLinkToTitle() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        let first = try await store.ingest(
            [
                incoming("a", guid: "g", title: "Guid", link: "https://x.se/1"),
                incoming("rcc", title: "Link", link: "https://x.se/2"),
                incoming("c", title: "Bara titel", published: now),
                IncomingEntry(source: "d", entry: ParsedEntry(summaryText: "no id, link or title"), canonicalLink: nil),
            ], now: now)
        #expect(first.added.count == 3)
        #expect(first.unidentifiable == 1)
        #expect(first.added.map { $0.keys[0] }.map { $0.prefix(while: { $0 != ":" }) } == ["guid", "link", "title"])

        // The same link from another source is one entry carrying both sources.
        let second = try await store.ingest([incoming("skr", title: "Link", link: "https://x.se/2")], now: now)
        #expect(second.added.isEmpty)
        #expect(second.revised.isEmpty, "another source is not a revision")
        let merged = try #require(second.merged.first)
        #expect(try await store.entry(id: merged)?.sources == ["rcc", "skr"])
    }

    @Test func guidsAreScopedToTheirSource() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        let result = try await store.ingest([incoming("a", guid: "1", title: "A"), incoming("b", guid: "1", title: "B")], now: now)
        #expect(result.added.count == 2)
        #expect(Set(result.added.map(\.id)).count == 2)
    }

    @Test func changedTextRevisesTheEntryInPlace() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        let first = try await store.ingest([incoming(guid: "1", title: "Utkast", summary: "a")], now: now)
        let later = now.addingTimeInterval(86_400)
        let result = try await store.ingest([incoming(guid: "1", title: "Slutlig", summary: "a")], now: later)
        #expect(result.added.isEmpty)
        let revised = try #require(result.revised.first)
        #expect(revised.id == first.added[0].id)
        #expect(revised.title == "Slutlig")
        #expect(revised.revision == 2)
        #expect(revised.updatedAt == later)
        #expect(revised.firstSeen == now)
        #expect(await store.count == 1)
    }

    @Test func damagedPartitionIsSetAsideByNameAndTheRestStaysUsable() async throws {
        let dir = try TemporaryDirectory()
        let october = Date(timeIntervalSince1970: 1_792_000_000)
        let store = try ArchiveStore(directory: dir.url)
        _ = try await store.ingest(
            [incoming(guid: "1", title: "Ett", published: now), incoming(guid: "2", title: "Två", published: october)], now: now)
        let file = dir.file("2026-11.json")
        let full = try Data(contentsOf: file)
        let truncated = full.prefix(full.count / 2)
        try truncated.write(to: file)

        let reopened = try ArchiveStore(directory: dir.url)
        let damaged = try #require(reopened.damagedPartitions.first)
        #expect(reopened.damagedPartitions.count == 1)
        #expect(damaged.path == file.path)
        #expect(damaged.description.contains("2026-11.json"))
        let moved = try #require(damaged.movedTo)
        #expect(moved.hasPrefix(dir.file("damaged").path + "/2026-11.json."))
        #expect(try Data(contentsOf: URL(fileURLWithPath: moved)) == truncated, "kept byte for byte")
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(try await reopened.entries().map(\.title) == ["Två"])
        let result = try await reopened.ingest([incoming(guid: "3", title: "Tre", published: now)], now: now)
        #expect(result.added.count == 1)
    }

    @Test func handEditThatBreaksOneLineIsDetected() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        _ = try await store.ingest([incoming(guid: "1", title: "Ett"), incoming(guid: "2", title: "Två")], now: now)
        let file = dir.file("2026-11.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: #""title":"Två""#, with: #""title":Två"#).utf8).write(to: file)
        let reopened = try ArchiveStore(directory: dir.url)
        #expect(reopened.damagedPartitions.map(\.path) == [file.path])
        #expect(await reopened.count == 0)
    }

    @Test func missingIndexIsRebuiltFromThePartitions() async throws {
        let dir = try TemporaryDirectory()
        let batch = [incoming(guid: "1", title: "Ett", published: now)]
        _ = try await ArchiveStore(directory: dir.url).ingest(batch, now: now)
        let index = dir.url.appendingPathComponent("index/2026-11.idx")
        #expect(FileManager.default.fileExists(atPath: index.path))
        try FileManager.default.removeItem(at: index)
        let reopened = try ArchiveStore(directory: dir.url)
        #expect(FileManager.default.fileExists(atPath: index.path))
        #expect(try await reopened.ingest(batch, now: now).added.isEmpty, "still recognised")
    }

    @Test func newerFormatVersionIsRefused() throws {
        let dir = try TemporaryDirectory()
        try Data(#"{"version":99,"partition":"2026-11","entries":[]}"#.utf8).write(to: dir.file("2026-11.json"))
        #expect(throws: ArchiveError.unsupportedVersion(path: dir.file("2026-11.json").path, version: 99)) {
            try ArchiveStore(directory: dir.url)
        }
    }

    @Test func staleTempFilesAreRemovedOnOpen() throws {
        let dir = try TemporaryDirectory()
        let stale = dir.file("\(AtomicFile.tempPrefix)2026-11.json-123-456")
        try Data("half".utf8).write(to: stale)
        _ = try ArchiveStore(directory: dir.url)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
    }

    @Test func partitionFilesAreOneEntryPerLine() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        _ = try await store.ingest([incoming(guid: "1", title: "Ett"), incoming(guid: "2", title: "Två")], now: now)
        let text = try String(contentsOf: dir.file("2026-11.json"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == #"{"version":1,"partition":"2026-11","entries":["#)
        #expect(lines[1].hasPrefix(#"{"first_seen":"#), "compact: empty authors and categories left out")
        #expect(lines[1].hasSuffix("},"))
        #expect(lines[2].hasSuffix("}"))
        #expect(lines[3] == "]}")
    }
}

@Suite struct ArchiveSideFileTests {
    @Test func brokenIdentityFileIsSetAsideAndFetchingGoesOn() async throws {
        let dir = try TemporaryDirectory()
        try Data("{\"version\":1,\"untrusted_ids\":".utf8).write(to: dir.file("identity.json"))
        let store = try ArchiveStore(directory: dir.url)
        #expect(store.damagedPartitions.map(\.path) == [dir.file("identity.json").path])
        #expect(store.damagedPartitions.first?.movedTo?.contains("/damaged/identity.json.") == true)
        let result = try await store.ingest(
            [IncomingEntry(source: "a", entry: ParsedEntry(id: "1", title: "Ett"), canonicalLink: nil)], now: Date())
        #expect(result.added.count == 1)
    }
}
