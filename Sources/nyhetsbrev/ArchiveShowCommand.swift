import ArgumentParser
import Foundation
import NyhetsbrevCore

struct ArchiveShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one archived entry in full.",
        discussion: """
            ID is the 16-digit entry id printed by `archive list --json`, `archive search --json` \
            and `archive export`. Exit status 1 when there is no such entry.

            Example:
              nyhetsbrev archive show --state-dir /tmp/nb 5f1c0e2a9b7d3c41
            """
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: ArgumentHelp("The entry id.", valueName: "id"))
    var id: String

    @Flag(help: "Print the entry as JSON (the `archive export` schema).")
    var json = false

    func run() async throws {
        options.bootstrapLogging(quietLevel: .error)
        let found: ArchivedEntry?
        do {
            found = try ArchiveCLI.reader(options).entry(id: id.lowercased())
        } catch let error as ArchiveError {
            throw CLIError(error.description)
        }
        guard let entry = found else { throw CLIError(ArchiveError.notFound(id: id).description) }
        if json {
            try EntryPrinter(json: true).print([entry])
            return
        }
        func day(_ date: Date?) -> String? { date.map { StockholmTime.minute($0) } }
        let rows: [(String, String?)] = [
            ("id", entry.id), ("title", entry.title), ("link", entry.link),
            ("sources", entry.sources.map(\.rawValue).joined(separator: ", ")),
            ("published", day(entry.published)), ("updated", day(entry.updated)), ("first seen", day(entry.firstSeen)),
            ("revision", entry.revision > 1 ? "\(entry.revision) (last revised \(day(entry.updatedAt) ?? "?"))" : "1"),
            ("authors", entry.authors.compactMap(\.name).joined(separator: ", ")),
            ("categories", entry.categories.joined(separator: ", ")),
        ]
        var out = ""
        for (label, value) in rows {
            guard let value, !value.isEmpty else { continue }
            out += label + ":" + String(repeating: " ", count: 12 - label.count) + value + "\n"
        }
        if let text = entry.contentText ?? entry.summary, !text.isEmpty { out += "\n" + text + "\n" }
        Terminal.standardOutput(out)
    }
}
