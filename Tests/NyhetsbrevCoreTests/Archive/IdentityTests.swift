import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct IdentityTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
    let day: TimeInterval = 86_400

    func incoming(_ source: SourceID = "rcc", guid: String? = nil, title: String, link: String? = nil,
                  published: Date? = nil, summary: String? = nil) -> IncomingEntry {
        IncomingEntry(
            source: source,
            entry: ParsedEntry(id: guid, title: title, link: link, published: published, summaryText: summary),
            canonicalLink: link.map(URLCanonicalizer.canonical))
    }

    @Test func idsThatChangeOnEveryFetchAreDistrustedAndPersisted() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        let first = try await store.ingest([incoming(guid: "a1", title: "Ett", link: "https://x.se/1")], now: now)
        #expect(first.added.count == 1)
        let second = try await store.ingest([incoming(guid: "a2", title: "Ett", link: "https://x.se/1")], now: now)
        #expect(second.added.isEmpty, "same link under a new id is the same entry")
        #expect(await store.untrustedSources["rcc"]?.reason.contains("new id") == true)

        let reopened = try ArchiveStore(directory: dir.url)
        #expect(await reopened.untrustedSources.keys.contains("rcc"))
        let third = try await reopened.ingest(
            [incoming(guid: "a3", title: "Ett", link: "https://x.se/1"), incoming(guid: "b3", title: "Två", link: "https://x.se/2")],
            now: now)
        #expect(third.added.map(\.title) == ["Två"])
        #expect(third.added.first?.keys == ["link:https://x.se/2"], "an untrusted source's ids are not keys")
    }

    @Test func idRepeatedForDifferentEntriesInOneDocumentIsDistrusted() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        let result = try await store.ingest(
            [incoming(guid: "same", title: "Ett", link: "https://x.se/1"), incoming(guid: "same", title: "Två", link: "https://x.se/2")],
            now: now)
        #expect(result.added.map(\.title) == ["Ett", "Två"])
        #expect(await store.untrustedSources["rcc"]?.reason.contains("different entries") == true)
    }

    @Test func blankIdsAmongRealOnesAreDistrusted() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        _ = try await store.ingest(
            [incoming(guid: "1", title: "Ett", link: "https://x.se/1"), incoming(guid: " ", title: "Två", link: "https://x.se/2")],
            now: now)
        #expect(await store.untrustedSources["rcc"] != nil)
        #expect(await store.untrustedSources["other"] == nil)
    }

    @Test func stableIdsStayTrustedAndSharedLinksDoNotMergeEntries() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        let batch = [incoming(guid: "1", title: "Ett", link: "https://x.se/"), incoming(guid: "2", title: "Två", link: "https://x.se/")]
        #expect(try await store.ingest(batch, now: now).added.count == 2)
        #expect(try await store.ingest(batch, now: now).partitionsWritten.isEmpty)
        #expect(await store.untrustedSources.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.file("identity.json").path))
    }

    @Test func sameTitleFromAnotherSourceWithinFourteenDaysIsOneEntry() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        let title = "Ny nationell vårdplan för prostatacancer"
        _ = try await store.ingest(
            [incoming("rcc-nationell", guid: "n1", title: title, link: "https://cancercentrum.se/a", published: now)], now: now)
        let republished = try await store.ingest(
            [incoming("rcc-mellansverige", guid: "m1", title: "Ny nationell vårdplan för prostatacancer!",
                      link: "https://cancercentrum.se/mellansverige/a", published: now.addingTimeInterval(3 * day))],
            now: now)
        #expect(republished.added.isEmpty)
        let mergedID = try #require(republished.merged.first)
        let entry = try #require(try await store.entry(id: mergedID))
        #expect(entry.sources == ["rcc-nationell", "rcc-mellansverige"])

        let monthLater = try await store.ingest(
            [incoming("skr", guid: "s1", title: title, link: "https://skr.se/a", published: now.addingTimeInterval(20 * day))],
            now: now)
        #expect(monthLater.added.count == 1, "same title three weeks apart is another entry")
        let generic = try await store.ingest(
            [incoming("a", guid: "x", title: "Nyheter", published: now), incoming("b", guid: "y", title: "Nyheter", published: now)],
            now: now)
        #expect(generic.added.count == 2, "a generic title never merges sources")
    }

    @Test func onlyTheFirstSourceRevisesTheText() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        let link = "https://x.se/1"
        _ = try await store.ingest([incoming("a", guid: "1", title: "Rubrik", link: link, summary: "original")], now: now)
        let other = try await store.ingest([incoming("b", guid: "9", title: "Rubrik", link: link, summary: "annan")], now: now)
        #expect(other.revised.isEmpty)
        #expect(other.merged.count == 1)
        let again = try await store.ingest(
            [incoming("a", guid: "1", title: "Rubrik", link: link, summary: "original"),
             incoming("b", guid: "9", title: "Rubrik", link: link, summary: "annan")], now: now)
        #expect(again.partitionsWritten.isEmpty, "two wordings do not flip the entry every cycle")
        let edited = try await store.ingest([incoming("a", guid: "1", title: "Rubrik", link: link, summary: "rättad")], now: now)
        #expect(edited.revised.first?.summary == "rättad")
        #expect(edited.revised.first?.revision == 2)
    }

    @Test func prunedEntriesLeaveTombstonesAndNeverComeBack() async throws {
        let dir = try TemporaryDirectory()
        let store = try ArchiveStore(directory: dir.url)
        let old = Date(timeIntervalSince1970: 1_500_000_000)  // 2017-07
        let batch = [incoming(guid: "old", title: "Gammal", link: "https://x.se/old", published: old),
                     incoming(guid: "new", title: "Ny", published: now)]
        _ = try await store.ingest(batch, now: now)
        let pruned = try await store.prune(before: Date(timeIntervalSince1970: 1_600_000_000))
        #expect(pruned.removed == 1)
        #expect(pruned.partitionsRemoved == ["2017-07"])
        #expect(!FileManager.default.fileExists(atPath: dir.file("2017-07.json").path))
        #expect(await store.count == 1)

        let reopened = try ArchiveStore(directory: dir.url)
        let again = try await reopened.ingest(batch, now: now)
        #expect(again.added.isEmpty)
        #expect(again.suppressed == 1)
        #expect(again.partitionsWritten.isEmpty)
    }
}
