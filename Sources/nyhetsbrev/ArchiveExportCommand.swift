import ArgumentParser
import Foundation
import NyhetsbrevCore

struct ArchiveExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print archived entries as JSON, JSON Lines, CSV or an Atom feed, newest first.",
        discussion: """
            json prints one JSON array; jsonl one entry per line; both carry every archived \
            field, at least id, sources, title, link, published, updated, summary and first_seen \
            (dates in UTC, ISO 8601; docs/archive-format.md describes every field). csv has the \
            columns id, sources, title, link, published, updated, summary, first_seen, revision, \
            updated_at. atom is a valid Atom 1.0 feed of the selection, to re-publish it on an \
            intranet. The filters are those of `archive list`. Reading never blocks a running \
            fetch and never sees a half-written file.

            Example:
              nyhetsbrev archive export --state-dir /tmp/nb > archive.json
              nyhetsbrev archive export --format atom --tag cancer --since 2026-11 > cancer.atom
            """
    )

    @OptionGroup var options: CommonOptions
    @OptionGroup var selection: ArchiveSelectionOptions

    @Option(help: "Output format: json, jsonl, csv or atom.")
    var format: ArchiveExport.Format = .json

    @Option(help: ArgumentHelp("Title of the Atom feed.", valueName: "text"))
    var title = "Nyhetsbrev"

    func run() async throws {
        options.bootstrapLogging(quietLevel: .error)
        let entries = try ArchiveCLI.select(selection.query(common: options), options: options)
        do {
            Terminal.standardOutput(try ArchiveExport.render(entries, as: format, feedTitle: title, now: Date()))
        } catch {
            throw CLIError(error.description)
        }
    }
}

extension ArchiveExport.Format: ExpressibleByArgument {}
