import Foundation
import Logging
import Testing
@testable import NyhetsbrevCore

/// Not part of the normal suite: measures what a cycle writes on a large
/// archive. Enabled by NYHETSBREV_ARCHIVE_BENCH=STATE_DIR (a scratch copy of
/// an archive from Benchmarks/archive/generate.py; it is modified). See
/// Benchmarks/README.md, "Archive".
@Suite(.enabled(if: ProcessInfo.processInfo.environment["NYHETSBREV_ARCHIVE_BENCH"] != nil))
struct ArchiveWriteBenchmark {
    /// Bytes this process has written so far, from /proc/self/io.
    static func written() throws -> (wchar: Int, writeBytes: Int) {
        let text = try String(contentsOfFile: "/proc/self/io", encoding: .utf8)
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":")
            if parts.count == 2 { values[String(parts[0])] = Int(parts[1].trimmingCharacters(in: .whitespaces)) }
        }
        return (values["wchar"] ?? -1, values["write_bytes"] ?? -1)
    }

    @Test func cycleWithAHundredNewEntriesAmongFiveHundredSourcesWritesOnlyTouchedPartitions() async throws {
        let state = try #require(ProcessInfo.processInfo.environment["NYHETSBREV_ARCHIVE_BENCH"])
        let directory = URL(fileURLWithPath: state).appendingPathComponent("archive")
        let quiet = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        let newest = try #require(try ArchiveLayout(directory: directory).partitionNames().last)
        let known = try ArchivePartition.decode(
            Data(contentsOf: directory.appendingPathComponent("\(newest).json")), path: newest
        ).entries()

        // What 500 feeds deliver in one cycle: their latest items (all known), plus 100 new ones.
        var perSource: [SourceID: [ArchivedEntry]] = [:]
        for entry in known.sorted(by: { $0.effectiveDate > $1.effectiveDate }) {
            guard let source = entry.sources.first, perSource[source, default: []].count < 10 else { continue }
            perSource[source, default: []].append(entry)
        }
        var batch = perSource.values.joined().map { entry in
            IncomingEntry(
                source: entry.sources[0],
                entry: ParsedEntry(
                    id: entry.guid, title: entry.title, link: entry.link, published: entry.published,
                    summaryHTML: entry.summaryHTML, summaryText: entry.summary),
                canonicalLink: entry.canonicalLink)
        }
        let sources = perSource.keys.sorted()
        let latest = try #require(known.map(\.effectiveDate).max())
        for n in 0..<100 {
            let source = sources[n * sources.count / 100]
            batch.append(IncomingEntry(
                source: source,
                entry: ParsedEntry(
                    id: "bench-\(n)", title: "Ny nyhet nummer \(n) om vård", link: "https://\(source).se/bench/\(n)",
                    published: latest.addingTimeInterval(TimeInterval(-n * 60)), summaryText: "Sammanfattning \(n)."),
                canonicalLink: "https://\(source).se/bench/\(n)"))
        }

        let openStart = ContinuousClock.now
        let store = try ArchiveStore(directory: directory, logger: quiet)
        let openTime = ContinuousClock.now - openStart
        let before = try Self.written()
        let first = try await store.ingest(batch, now: latest.addingTimeInterval(3600))
        let middle = try Self.written()
        let second = try await store.ingest(batch, now: latest.addingTimeInterval(7200))
        let after = try Self.written()

        let partitionBytes = first.partitionsWritten.reduce(0) { total, name in
            total + Int(PartitionStamp.of(path: directory.appendingPathComponent("\(name).json").path)?.size ?? 0)
                + Int(PartitionStamp.of(path: directory.appendingPathComponent("index/\(name).idx").path)?.size ?? 0)
        }
        let sourceCount = Set(batch.map(\.source)).count
        let total = await store.count
        print("""
            archive write benchmark: \(total) entries, \(sourceCount) sources, \
            batch \(batch.count) (\(first.added.count) new); open \(openTime)
              cycle with 100 new: partitions written \(first.partitionsWritten), wchar \(middle.wchar - before.wchar) B, \
            write_bytes \(middle.writeBytes - before.writeBytes) B (touched partition + index now \(partitionBytes) B)
              cycle with nothing new: partitions written \(second.partitionsWritten), wchar \(after.wchar - middle.wchar) B, \
            write_bytes \(after.writeBytes - middle.writeBytes) B
            """)
        #expect(first.added.count == 100)
        #expect(first.partitionsWritten == [newest])
        #expect(second.partitionsWritten.isEmpty)
        #expect(after.wchar - middle.wchar == 0)
    }
}
