import ArgumentParser

struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "List, search, show, export and check the archive.",
        discussion: """
            The archive is the JSON store under STATE_DIR/archive (docs/archive-format.md). \
            Reading commands take no lock and never see a half-written file, so they can run \
            while the daemon fetches; reindex and prune take the writer's lock.

            Example:
              nyhetsbrev archive search --state-dir /tmp/nb 'screening since:2026-01'
            """,
        subcommands: [
            ArchiveListCommand.self, ArchiveSearchCommand.self, ArchiveShowCommand.self, ArchiveExportCommand.self,
            ArchiveStatsCommand.self, ArchiveVerifyCommand.self, ArchiveReindexCommand.self, ArchivePruneCommand.self,
        ]
    )
}
