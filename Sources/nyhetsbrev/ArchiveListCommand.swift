import ArgumentParser
import NyhetsbrevCore

struct ArchiveListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List archived entries, newest first.",
        discussion: """
            Prints one line per entry: YYYY-MM-DD  SOURCE-ID  TITLE  LINK (the date in Swedish \
            time), or JSON Lines with --json. Filters combine: every one given must hold. \
            --tag needs the configuration, to know which sources carry the tag.

            Example:
              nyhetsbrev archive list --state-dir /tmp/nb --source rcc-mellansverige --since 2026-11
              nyhetsbrev archive list --tag cancer --since 2026-01-01 --until 2026-06-30
            """
    )

    @OptionGroup var options: CommonOptions
    @OptionGroup var selection: ArchiveSelectionOptions

    @Flag(help: "Print JSON Lines (the `archive export` schema) instead of text.")
    var json = false

    func run() async throws {
        options.bootstrapLogging(quietLevel: .error)
        try EntryPrinter(json: json).print(try ArchiveCLI.select(selection.query(common: options), options: options))
    }
}
