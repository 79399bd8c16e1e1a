import ArgumentParser
import Foundation
import NyhetsbrevCore

struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Query and export the archive.",
        subcommands: [Export.self]
    )

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every archived entry, newest first.",
            discussion: """
                json prints one JSON array; jsonl one entry per line. Each entry has at least \
                id, sources, title, link, published, updated, summary and first_seen (dates in \
                UTC, ISO 8601); docs/archive-format.md describes every field. Reading never \
                blocks a running fetch and never sees a half-written file.

                Example:
                  nyhetsbrev archive export --state-dir /tmp/nb > archive.json
                  nyhetsbrev archive export --format jsonl | grep -i screening
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json, jsonl
        }

        @OptionGroup var options: CommonOptions

        @Option(help: "Output format: json or jsonl.")
        var format: Format = .json

        func run() async throws {
            options.bootstrapLogging(quietLevel: .error)
            let state = try options.stateDirectory()
            let entries: [ArchivedEntry]
            do {
                entries = try await ArchiveStore(directory: state.archive).entries()
            } catch {
                throw CLIError(error.description)
            }
            switch format {
            case .jsonl:
                EntryPrinter(json: true).print(entries)
            case .json:
                let encoder = ArchiveCoding.encoder()
                encoder.outputFormatting.insert(.prettyPrinted)
                let data = try encoder.encode(entries)
                Terminal.standardOutput(String(decoding: data, as: UTF8.self) + "\n")
            }
        }
    }
}
