import ArgumentParser
import NyhetsbrevCore

struct ArchiveReindexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Rebuild missing or out-of-date indexes, and set damaged partitions aside.",
        discussion: """
            Does what every fetch does when it opens the archive, without fetching: takes the \
            writer's lock, removes temp files left by a crash, rebuilds each index that is \
            missing or older than its partition (after a restore, a hand edit or an upgrade), \
            and moves partitions that cannot be read to archive/damaged/. Prints what it set aside.

            Example:
              nyhetsbrev archive reindex --state-dir /var/lib/nyhetsbrev
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(help: "Fail at once if another process holds the state directory, instead of waiting.")
    var noWait = false

    func run() async throws {
        options.bootstrapLogging(quietLevel: .warning)
        let state = try options.stateDirectory()
        do {
            try state.prepare()
            let lock = try state.lock(wait: !noWait) {
                Terminal.standardError("nyhetsbrev: waiting for another nyhetsbrev process to finish…")
            }
            let store = try ArchiveStore(directory: state.archive)
            for damaged in store.damagedPartitions { Terminal.standardError("nyhetsbrev: \(damaged.description)") }
            Terminal.standardOutput("\(await store.count) entries indexed\n")
            withExtendedLifetime(lock) {}
            if !store.damagedPartitions.isEmpty { throw ExitCode(1) }
        } catch let error as ArchiveError {
            throw CLIError(error.description)
        } catch let error as FileLock.Failure {
            throw CLIError(error.description)
        }
    }
}
