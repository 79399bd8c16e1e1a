import Foundation
import Testing
@testable import NyhetsbrevCore

/// The compact store of mapped entries: what goes in comes out, whatever
/// the sizing and sharing behind it.
@Suite struct PendingEntriesTests {
    private func entry(_ i: Int) -> FeedMapper.PendingEntry {
        let authors = i % 3 == 0 ? [] : [Author(name: i % 2 == 0 ? "RCC Uppsala Örebro" : "Socialstyrelsen")]
        let categories = i % 5 == 0 ? ["Nyhetsbrev", "Cancer"] : ["Nyhetsbrev"]
        return FeedMapper.PendingEntry(
            entry: ParsedEntry(id: "id-\(i)", title: "Titel \(i)", authors: authors, categories: i % 7 == 0 ? [] : categories),
            publishedRaw: i % 4 == 0 ? nil : "Mon, 16 Nov 2020 10:\(i % 60):00 +0000",
            updatedRaw: i % 6 == 0 ? "" : (i % 2 == 0 ? "2020-11-16T10:00:00+01:00 \(i)" : nil))
    }

    @Test func entriesAndRawDatesComeBackAsAppended() {
        var pending = FeedMapper.PendingEntries()
        var appended: [FeedMapper.PendingEntry] = []
        for i in 0..<1000 {
            let e = entry(i)
            appended.append(e)
            // sized from an estimate that is too small, then too large
            if pending.wantsEstimate { pending.reserve(total: pending.count < 100 ? 90 : 5000) }
            pending.append(e)
        }
        #expect(pending.entries == appended.map(\.entry))
        for (i, e) in appended.enumerated() {
            #expect(pending.rawDates[i].published == e.publishedRaw)
            #expect(pending.rawDates[i].updated == e.updatedRaw)
        }
    }

    @Test func aRightEstimateIsAskedForOnceAndNeverOutgrown() {
        var pending = FeedMapper.PendingEntries()
        var asked: [Int] = []
        for i in 0..<300 {
            if pending.wantsEstimate {
                asked.append(pending.count)
                pending.reserve(total: 300)
            }
            pending.append(entry(i))
        }
        #expect(asked == [FeedMapper.PendingEntries.entriesBeforeEstimate])
        #expect(pending.count == 300)
        // the margin is small: no doubling's worth of unused entries
        #expect(pending.entries.capacity < 300 + 300 / 10 + 32)
    }

    @Test func equalListsShareStorageAndStayEqual() {
        var pending = FeedMapper.PendingEntries()
        for i in 0..<50 { pending.append(entry(i)) }
        let withAuthor = pending.entries.filter { $0.authors.first?.name == "RCC Uppsala Örebro" }
        #expect(withAuthor.count > 1)
        let storages = Set(withAuthor.map { $0.authors.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } })
        #expect(storages.count == 1)
        // value semantics: changing one entry's list leaves the others alone
        var changed = pending.entries
        changed[1].authors[0].name = "Ändrad"
        #expect(pending.entries[1].authors[0].name == "Socialstyrelsen")
        #expect(changed[5].authors[0].name == "Socialstyrelsen")
    }
}
