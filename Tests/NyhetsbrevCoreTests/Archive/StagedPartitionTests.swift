import Foundation
import Testing
@testable import NyhetsbrevCore

/// Staged partitions live in temp files until the commit: what a crash,
/// a dropped store or a rewrite of a staged line leaves behind.
@Suite struct StagedPartitionTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    func incoming(_ source: SourceID = "rcc", guid: String, title: String, summary: String? = nil) -> IncomingEntry {
        IncomingEntry(
            source: source,
            entry: ParsedEntry(id: guid, title: title, link: "https://x.se/\(guid)", published: now, summaryText: summary),
            canonicalLink: "https://x.se/\(guid)")
    }

    func tempFiles(_ dir: TemporaryDirectory) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            + FileManager.default.contentsOfDirectory(atPath: dir.file("index").path).map { "index/\($0)" }
        return names.filter { $0.split(separator: "/").last?.hasPrefix(AtomicFile.tempPrefix) == true }.sorted()
    }

    /// The index on disk describes the partition on disk exactly, so opening will not rebuild it.
    func expectFreshIndex(_ dir: TemporaryDirectory, _ name: String) throws {
        let path = dir.file("\(name).json").path
        let stamp = try #require(PartitionStamp.of(path: path))
        let bytes = try #require(ArchiveLayout(directory: dir.url).freshIndexBytes(name, stamp: stamp), "index is stamped with the partition")
        let index = try #require(PartitionIndex.decode(bytes))
        let (data, _) = try PartitionStamp.read(path: path)
        let built = try PartitionIndex.build(ArchivePartition.decode(data, path: path), stamp: stamp, path: path)
        #expect(index.records == built.records)
    }

    @Test func stagedEntriesAreReadableFromTempFilesAndOnlyTheCommitMakesThemVisible() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        _ = try await store.stage([incoming(guid: "1", title: "Ett"), incoming(guid: "2", title: "Två")], now: now)
        #expect(try tempFiles(dir).count == 2, "one temp file for the lines, one for the index records")
        #expect(!FileManager.default.fileExists(atPath: dir.file("2026-11.json").path))
        #expect(Set(try await store.entries().map(\.title)) == ["Ett", "Två"], "staged entries read back from the temp file")
        #expect(try await store.stage([incoming(guid: "1", title: "Ett")], now: now).added.isEmpty, "a staged entry is recognised")

        #expect(try await store.commit() == ["2026-11"])
        #expect(try tempFiles(dir).isEmpty, "the lines' temp file became the partition, the records' was removed")
        try expectFreshIndex(dir, "2026-11")
        #expect(Set(try await ArchiveStore(directory: dir.url).entries().map(\.title)) == ["Ett", "Två"])
    }

    @Test func aCrashBeforeTheCommitLeavesTheArchiveAsItWas() async throws {
        let dir = try TemporaryDirectory()
        _ = try await ArchiveStore(directory: dir.url).ingest([incoming(guid: "1", title: "Ett")], now: now)
        let partition = try Data(contentsOf: dir.file("2026-11.json"))
        let index = try Data(contentsOf: dir.file("index/2026-11.idx"))

        // The crashed process: staged a new entry and a revision, never committed, never cleaned up.
        let crashed = try ArchiveStore(directory: dir.url)
        let staged = try await crashed.stage(
            [incoming(guid: "1", title: "Ett", summary: "ändrad"), incoming(guid: "2", title: "Två")], now: now)
        #expect(staged.added.count == 1)
        #expect(staged.revised.count == 1)
        #expect(try tempFiles(dir).count == 2)

        try withExtendedLifetime(crashed) {
            let reopened = try ArchiveStore(directory: dir.url)
            #expect(try tempFiles(dir).isEmpty, "temp files left by the crash are removed on open")
            #expect(try Data(contentsOf: dir.file("2026-11.json")) == partition)
            #expect(try Data(contentsOf: dir.file("index/2026-11.idx")) == index)
            _ = reopened
        }
        let entries = try await ArchiveStore(directory: dir.url).entries()
        #expect(entries.map(\.title) == ["Ett"])
        #expect(entries.first?.summary == nil, "the uncommitted revision is not there")
    }

    @Test func aStoreDroppedWithoutCommitRemovesItsTempFiles() async throws {
        let dir = try TemporaryDirectory()
        do {
            let store = try ArchiveStore(directory: dir.url)
            _ = try await store.stage([incoming(guid: "1", title: "Ett")], now: now)
            #expect(try tempFiles(dir).count == 2)
        }
        #expect(try tempFiles(dir).isEmpty)
        #expect(try ArchiveLayout(directory: dir.url).partitionNames().isEmpty, "nothing was committed")
    }

    @Test func aRevisedStagedLineIsWrittenInPlaceAtTheCommit() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        let batch = (1...5).map { incoming(guid: "\($0)", title: "Nyhet \($0)") }
        _ = try await store.stage(batch, now: now)
        var changed = batch
        changed[1] = incoming(guid: "2", title: "Nyhet 2", summary: "Rättad")
        let second = try await store.stage(changed, now: now)
        #expect(second.revised.map(\.title) == ["Nyhet 2"])
        _ = try await store.commit()

        let text = try String(contentsOf: dir.file("2026-11.json"), encoding: .utf8)
        #expect(text.split(separator: "\n").count == 7, "header, five entries, footer: the superseded line is gone")
        try expectFreshIndex(dir, "2026-11")
        let entries = try await ArchiveStore(directory: dir.url).entries()
        #expect(entries.count == 5)
        let revised = try #require(entries.first { $0.guid == "2" })
        #expect(revised.summary == "Rättad")
        #expect(revised.revision == 2)
    }

    @Test func stagingAnExistingMonthKeepsItsEntriesAndAppends() async throws {
        let dir = try TemporaryDirectory()
        _ = try await ArchiveStore(directory: dir.url).ingest([incoming(guid: "1", title: "Ett")], now: now)
        let store = try ArchiveStore(directory: dir.url)
        _ = try await store.ingest([incoming(guid: "2", title: "Två")], now: now)
        try expectFreshIndex(dir, "2026-11")
        let text = try String(contentsOf: dir.file("2026-11.json"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[1].hasSuffix("},"))
        #expect(lines[1].contains(#""title":"Ett""#))
        #expect(lines[2].contains(#""title":"Två""#))
    }
}
