import ArgumentParser
import NyhetsbrevCore

struct ArchiveSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the archive's titles, summaries and content.",
        discussion: """
            QUERY is words, "quoted phrases" and filters; an entry must match all of them:
              source:ID     from that source (several source: filters mean any of them)
              tag:T         from a source with that tag in the configuration
              since:DATE    from that day, month or year on (YYYY, YYYY-MM, YYYY-MM-DD)
              until:DATE    up to and including that day, month or year
            Matching ignores case and accents (é finds e), but å, ä and ö are letters of \
            their own: "hål" does not find "hal". A word also matches inside longer words, \
            so cancer finds bröstcancer. Results are printed newest first, as by `archive list`.

            Example:
              nyhetsbrev archive search --state-dir /tmp/nb 'screening "nationellt vårdprogram" since:2026'
              nyhetsbrev archive search 'tag:cancer source:rcc-mellansverige prostata' --json
            """
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: ArgumentHelp("Words, \"phrases\" and filters (quote the whole query for the shell).", valueName: "query"))
    var query: [String]

    @Flag(help: "Print JSON Lines (the `archive export` schema) instead of text.")
    var json = false

    func run() async throws {
        options.bootstrapLogging(quietLevel: .error)
        let text = query.joined(separator: " ")
        let tags = text.lowercased().contains("tag:") ? try ArchiveCLI.tags(options) : [:]
        let parsed = try ArchiveSelectionOptions.validated { () throws(ArchiveQuery.Failure) in
            try ArchiveQuery.parse(text, tags: tags)
        }
        try EntryPrinter(json: json).print(try ArchiveCLI.select(parsed, options: options))
    }
}
