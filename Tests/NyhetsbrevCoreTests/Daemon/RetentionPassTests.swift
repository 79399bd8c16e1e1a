import Foundation
import Logging
import Testing
@testable import NyhetsbrevCore

@Suite struct RetentionPassTests {
    let now = Date(timeIntervalSince1970: 1_795_400_000)  // 2026-11-23
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func incoming(_ guid: String, published: Date) -> IncomingEntry {
        IncomingEntry(
            source: "rcc", entry: ParsedEntry(id: guid, title: "Nyhet \(guid)", published: published), canonicalLink: nil)
    }

    @Test func oldEntriesGoAndNeverComeBack() async throws {
        let dir = try TemporaryDirectory()
        let state = StateDirectory(path: dir.path)
        let old = Date(timeIntervalSince1970: 1_262_304_000)  // 2010-01-01
        let batch = [incoming("old", published: old), incoming("new", published: now)]
        do {
            let store = try ArchiveStore(directory: state.archive)
            _ = try await store.ingest(batch, now: now)
        }
        let keep = try #require(RetentionPeriod.parse("10y"))
        let result = try await RetentionPass(stateDirectory: state, keep: keep, waitForLock: false).run(now: now, logger: logger)
        #expect(result.removed == 1)

        let store = try ArchiveStore(directory: state.archive)
        #expect(try await store.entries().map(\.guid) == ["new"])
        let again = try await store.ingest(batch, now: now)
        #expect(again.added.isEmpty, "a tombstoned entry is not archived again")
    }

    @Test func anotherWriterMakesThePassFailWithoutWaiting() async throws {
        let dir = try TemporaryDirectory()
        let state = StateDirectory(path: dir.path)
        try state.prepare()
        let held = try state.lock(wait: false)
        let keep = try #require(RetentionPeriod.parse("1y"))
        await #expect(throws: CycleError.self) {
            try await RetentionPass(stateDirectory: state, keep: keep, waitForLock: false).run(now: now, logger: logger)
        }
        _ = held
    }
}
