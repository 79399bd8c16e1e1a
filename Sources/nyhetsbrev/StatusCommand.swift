import ArgumentParser
import Foundation
import NyhetsbrevCore

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each source's health: last success, failures, last error.",
        discussion: """
            One row per configured source, from the state the last fetch recorded: when it \
            last succeeded, how many times in a row it has failed and why, the last HTTP \
            status and response time, when a failing source will be tried next (failures \
            back off exponentially up to a day; a server's Retry-After is honoured), and \
            where it is fetched from now (after permanent redirects — update the \
            configuration when that differs). Times are Swedish local time.

            Exit status: 0 all enabled sources healthy; 2 some are failing; 1 configuration error.

            Example:
              nyhetsbrev status --config /etc/nyhetsbrev/nyhetsbrev.toml
              nyhetsbrev status --json | jq '.[] | select(.consecutive_failures > 0)'
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(help: "Print the state as a JSON array.")
    var json = false

    struct Row: Encodable {
        var id: String
        var title: String
        var enabled: Bool
        var state: SourceState?

        func encode(to encoder: Encoder) throws {
            enum Keys: String, CodingKey { case id, title, enabled }
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(enabled, forKey: .enabled)
            try state?.encode(to: encoder)
        }
    }

    func run() async throws {
        options.bootstrapLogging(quietLevel: .error)
        let configuration = try options.loadConfiguration()
        let state = options.stateDirectory(for: configuration)
        let stored: [SourceID: SourceState]
        do {
            stored = try SourceStateStore(file: state.sourceStates).load()
        } catch {
            throw CLIError(error.description)
        }
        let rows = configuration.sources.map {
            Row(id: $0.id.rawValue, title: $0.title, enabled: $0.enabled, state: stored[$0.id])
        }
        if json {
            let encoder = ArchiveCoding.encoder()
            encoder.outputFormatting.insert(.prettyPrinted)
            Terminal.standardOutput(String(decoding: try encoder.encode(rows), as: UTF8.self) + "\n")
        } else {
            Terminal.standardOutput(table(rows))
        }
        if rows.contains(where: { $0.enabled && ($0.state?.consecutiveFailures ?? 0) > 0 }) { throw ExitCode(2) }
    }

    private func table(_ rows: [Row]) -> String {
        let header = ["SOURCE", "STATE", "LAST SUCCESS", "FAILING SINCE", "FAILS", "NEXT TRY", "HTTP", "TIME", "LAST ERROR / NOTE"]
        let cells: [[String]] = rows.map { row in
            let s = row.state
            let health: String =
                if !row.enabled { "disabled" } else if s == nil { "never" } else if (s?.consecutiveFailures ?? 0) > 0 {
                    "FAILING"
                } else { "ok" }
            var note = s?.lastError ?? ""
            if let kind = s?.lastErrorKind, !note.isEmpty { note = "\(kind.explanation): \(note)" }
            if let s, s.url != s.configuredURL { note = (note.isEmpty ? "" : note + "; ") + "moved to \(s.url)" }
            return [
                row.id, health, s?.lastSuccess.map(StockholmTime.minute) ?? "-",
                s?.failingSince.map(StockholmTime.minute) ?? "-", s.map { String($0.consecutiveFailures) } ?? "-",
                s?.nextDue.map(StockholmTime.minute) ?? "-",
                s?.lastStatus.map(String.init) ?? "-", s?.responseTime.map { String(format: "%.2fs", $0) } ?? "-", note,
            ]
        }
        let widths = (0..<header.count - 1).map { i in ([header] + cells).map { $0[i].count }.max() ?? 0 }
        return ([header] + cells).map { line in
            zip(line.dropLast(), widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                + "  " + (line.last ?? "")
        }.joined(separator: "\n") + "\n"
    }
}
