import Foundation
import Testing
@testable import NyhetsbrevCore

/// The compact store of mapped entries: what goes in comes out, whatever
/// the sizing and sharing behind it.
@Suite struct PendingEntriesTests {
    private func entry(_ i: Int) -> ParsedEntry {
        let authors = i % 3 == 0 ? [] : [Author(name: i % 2 == 0 ? "RCC Uppsala Örebro" : "Socialstyrelsen")]
        let categories = i % 5 == 0 ? ["Nyhetsbrev", "Cancer"] : ["Nyhetsbrev"]
        return ParsedEntry(id: "id-\(i)", title: "Titel \(i)", authors: authors, categories: i % 7 == 0 ? [] : categories)
    }

    /// Entry `i`'s raw dates as published, padded with whitespace the store must trim.
    private func rawDates(_ i: Int) -> (published: String?, updated: String?) {
        (i % 4 == 0 ? nil : " Mon, 16 Nov 2020 10:\(i % 60):00 +0000", i % 6 == 0 ? "\n " : (i % 2 == 0 ? "2020-11-16T10:00:00+01:00 \(i)\t" : nil))
    }

    @Test func entriesAndRawDatesComeBackAsAppended() throws {
        var xml = "<r>"
        for i in 0..<1000 {
            let (published, updated) = rawDates(i)
            xml += "<e>" + (published.map { "<p>\($0)</p>" } ?? "") + (updated.map { "<u>\($0)</u>" } ?? "") + "</e>"
        }
        xml += "</r>"
        let outcome = Array(xml.utf8).withUnsafeBytes { XMLTreeBuilder.parse($0, isUTF8: true, recover: false, documentBase: nil) }
        let root = try #require(outcome.root)
        var pending = FeedMapper.PendingEntries()
        var appended: [ParsedEntry] = []
        withExtendedLifetime(outcome.document) {
            for (i, e) in root.elements.enumerated() {
                appended.append(entry(i))
                // sized from an estimate that is too small, then too large
                if pending.wantsEstimate { pending.reserve(total: pending.count < 100 ? 90 : 5000) }
                let children = Array(e.elements)
                pending.append(entry(i), published: children.first { $0.name == "p" }, updated: children.first { $0.name == "u" })
            }
        }
        #expect(appended.count == 1000)
        #expect(pending.entries == appended)
        for i in appended.indices {
            let (published, updated) = rawDates(i)
            #expect(pending.rawDates.string(i, updated: false) == published?.trimmingASCIIWhitespace())
            #expect(pending.rawDates.string(i, updated: true) == updated?.trimmingASCIIWhitespace())
        }
    }

    @Test func anAddedAuthorSharesTheLastEqualListAndStaysAValue() {
        var pending = FeedMapper.PendingEntries()
        var first = ParsedEntry()
        pending.add(Author(name: "RCC Uppsala Örebro"), to: &first.authors)
        pending.append(first, published: nil, updated: nil)
        var second = ParsedEntry()
        pending.add(Author(name: "RCC Uppsala Örebro"), to: &second.authors)
        let shared = first.authors.withUnsafeBufferPointer { $0.baseAddress } == second.authors.withUnsafeBufferPointer { $0.baseAddress }
        #expect(shared)
        // a second author makes the list its own, and the first entry's is unchanged
        pending.add(Author(name: "Socialstyrelsen"), to: &second.authors)
        pending.append(second, published: nil, updated: nil)
        var third = ParsedEntry()
        pending.add("Nyhetsbrev", to: &third.categories)
        pending.add(Author(name: "Socialstyrelsen"), to: &third.authors)
        pending.append(third, published: nil, updated: nil)
        #expect(pending.entries.map(\.authors.count) == [1, 2, 1])
        #expect(pending.entries[0].authors == [Author(name: "RCC Uppsala Örebro")])
        #expect(pending.entries[1].authors == [Author(name: "RCC Uppsala Örebro"), Author(name: "Socialstyrelsen")])
        #expect(pending.entries[2].authors == [Author(name: "Socialstyrelsen")])
        #expect(pending.entries[2].categories == ["Nyhetsbrev"])
    }

    @Test func aRightEstimateIsAskedForOnceAndNeverOutgrown() {
        var pending = FeedMapper.PendingEntries()
        var asked: [Int] = []
        for i in 0..<300 {
            if pending.wantsEstimate {
                asked.append(pending.count)
                pending.reserve(total: 300)
            }
            pending.append(entry(i), published: nil, updated: nil)
        }
        #expect(asked == [FeedMapper.PendingEntries.entriesBeforeEstimate])
        #expect(pending.count == 300)
        // the margin is small: no doubling's worth of unused entries
        #expect(pending.entries.capacity < 300 + 300 / 10 + 32)
    }

    @Test func equalListsShareStorageAndStayEqual() {
        var pending = FeedMapper.PendingEntries()
        for i in 0..<50 { pending.append(entry(i), published: nil, updated: nil) }
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
