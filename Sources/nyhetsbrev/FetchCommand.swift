import ArgumentParser
import Foundation
import NyhetsbrevCore

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch every enabled source once and archive what is new.",
        discussion: """
            Fetches the sources in parallel, parses them, adds new entries to the archive and \
            prints one line per new entry, newest first:

              YYYY-MM-DD  SOURCE-ID  TITLE  LINK

            A run with nothing new prints nothing. A failing source prints one line on stderr \
            naming it and why; the other sources are archived all the same. While another \
            nyhetsbrev process (the daemon) writes the archive, fetch waits for it, or fails \
            at once with --no-wait.

            Exit status: 0 all sources succeeded; 2 some failed; 1 usage, configuration or \
            archive error.

            Example:
              nyhetsbrev fetch --config Config/demo.toml --state-dir /tmp/nb
              nyhetsbrev fetch --source rcc-mellansverige --json
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .customLong("source"), help: ArgumentHelp(
        "Fetch only this source (repeatable); disabled sources can be named too.", valueName: "id"))
    var sourceIDs: [String] = []

    @Flag(help: "Print new entries as JSON Lines (the `archive export` schema) instead of text.")
    var json = false

    @Flag(help: "Fail at once if another process holds the state directory, instead of waiting.")
    var noWait = false

    func run() async throws {
        options.bootstrapLogging(quietLevel: .error)
        let configuration = try options.loadConfiguration()
        let sources = try selectedSources(from: configuration)
        let cycle = FetchCycle(
            transport: CurlTransport(settings: configuration.fetch),
            stateDirectory: options.stateDirectory(for: configuration),
            waitForLock: !noWait,
            onLockWait: { Terminal.standardError("nyhetsbrev: waiting for another nyhetsbrev process to finish…") },
            defaultInterval: configuration.defaultInterval)
        let progress = ProgressLine()
        let report: CycleReport
        do {
            report = try await cycle.run(sources: sources, progress: progress.isEnabled ? progress.update : nil)
        } catch {
            progress.clear()
            throw CLIError(error.description)
        }
        progress.clear()
        try EntryPrinter(json: json).print(report.added)
        for (source, url) in report.moved.sorted(by: { $0.key < $1.key }) {
            Terminal.standardError(
                "nyhetsbrev: \(source) moved permanently to \(url); fetched from there from now on — update its url in \(configuration.path)")
        }
        for failure in report.failures {
            Terminal.standardError("nyhetsbrev: \(failure.source): \(failure.message)")
        }
        if !report.allSucceeded { throw ExitCode(2) }
    }

    /// The enabled sources, or exactly those named with --source.
    private func selectedSources(from configuration: Configuration) throws -> [SourceConfig] {
        guard !sourceIDs.isEmpty else { return configuration.sources.filter(\.enabled) }
        let known = Dictionary(configuration.sources.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        return try sourceIDs.map { id in
            guard let source = known[id] else {
                throw ValidationError(
                    "no source with id \"\(id)\" in \(configuration.path); known: \(known.keys.sorted().joined(separator: ", "))")
            }
            return source
        }
    }
}
