import ArgumentParser
import Foundation
import Logging
import NyhetsbrevCore

struct ArchivePruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove entries older than the retention period, leaving tombstones.",
        discussion: """
            The period is `keep` in the configuration's [archive] table ("10y", "400d"), or \
            --keep. Each removed entry leaves a tombstone in archive/tombstones.json, so a \
            source that still lists it never brings it back. Takes the writer's lock, like fetch. \
            Without a period, nothing is removed.

            Example:
              nyhetsbrev archive prune --config /etc/nyhetsbrev/nyhetsbrev.toml
              nyhetsbrev archive prune --state-dir /tmp/nb --keep 5y
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: ArgumentHelp("Keep this long instead of [archive] keep: whole years or days.", valueName: "10y|400d"))
    var keep: String?

    @Flag(help: "Fail at once if another process holds the state directory, instead of waiting.")
    var noWait = false

    func run() async throws {
        options.bootstrapLogging(quietLevel: .warning)
        let period: RetentionPeriod?
        let state: StateDirectory
        if let keep {
            guard let parsed = RetentionPeriod.parse(keep) else {
                throw ValidationError("invalid --keep \"\(keep)\" (use whole years or days, e.g. 10y or 400d)")
            }
            period = parsed
            state = try options.stateDirectory()
        } else {
            let configuration = try options.loadConfiguration()
            period = configuration.archive.keep
            state = options.stateDirectory(for: configuration)
        }
        guard let period else {
            Terminal.standardOutput("no [archive] keep in the configuration: nothing removed\n")
            return
        }
        let pass = RetentionPass(
            stateDirectory: state, keep: period, waitForLock: !noWait,
            onLockWait: { Terminal.standardError("nyhetsbrev: waiting for another nyhetsbrev process to finish…") })
        let now = Date()
        do {
            let result = try await pass.run(now: now, logger: Logger(label: "nyhetsbrev.archive"))
            Terminal.standardOutput(
                "removed \(result.removed) entries dated before \(StockholmTime.day(pass.cutoff(at: now))) (keep \(period))\n")
        } catch {
            throw CLIError(error.description)
        }
    }
}
