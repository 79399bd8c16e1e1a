import ArgumentParser
import Foundation
import NyhetsbrevCore

struct ArchiveStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count the archive's entries by source and year, and its size on disk.",
        discussion: """
            Reads only the indexes, so it is fast on a large archive. Also names the sources \
            whose own ids nyhetsbrev stopped trusting, and why.

            Example:
              nyhetsbrev archive stats --state-dir /tmp/nb
            """
    )

    @OptionGroup var options: CommonOptions

    func run() async throws {
        options.bootstrapLogging(quietLevel: .error)
        let stats: ArchiveStats
        do {
            stats = try ArchiveCLI.reader(options).stats()
        } catch let error as ArchiveError {
            throw CLIError(error.description)
        }
        var out = "entries:     \(stats.entries) (\(stats.sharedEntries) carried by several sources)\n"
        out += "partitions:  \(stats.partitions)"
        if let oldest = stats.oldest, let newest = stats.newest {
            out += ", \(StockholmTime.day(oldest)) to \(StockholmTime.day(newest))"
        }
        out += "\n"
        let perEntry = stats.entries > 0 ? (stats.partitionBytes + stats.indexBytes) / Int64(stats.entries) : 0
        out += "disk:        \(stats.partitionBytes) bytes data + \(stats.indexBytes) bytes index (\(perEntry) per entry)\n"
        out += "tombstones:  \(stats.tombstones)\n"
        out += "\nby source:\n"
        let width = stats.bySource.keys.map(\.rawValue.count).max() ?? 0
        for (source, count) in stats.bySource.sorted(by: { $0.key < $1.key }) {
            out += "  \(source.rawValue)\(String(repeating: " ", count: width - source.rawValue.count))  \(count)\n"
        }
        out += "\nby year:\n"
        for (year, count) in stats.byYear.sorted(by: { $0.key < $1.key }) { out += "  \(year)  \(count)\n" }
        if !stats.untrustedSources.isEmpty {
            out += "\nidentified by link, not by their own ids:\n"
            for (source, verdict) in stats.untrustedSources.sorted(by: { $0.key < $1.key }) {
                out += "  \(source)  since \(StockholmTime.day(verdict.since)): \(verdict.reason)\n"
            }
        }
        Terminal.standardOutput(out)
        for damaged in stats.unreadable {
            Terminal.standardError("nyhetsbrev: warning: skipped \(damaged.description); run `nyhetsbrev archive verify`")
        }
    }
}
