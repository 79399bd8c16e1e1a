import ArgumentParser
import NyhetsbrevCore

struct ArchiveVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every partition and index of the archive; exit 1 on any problem.",
        discussion: """
            Decodes every entry of every partition, checks that ids and identity keys are \
            unique, that each index matches its partition, that identity.json and \
            tombstones.json are readable, and that no damaged partition waits in \
            archive/damaged/. Prints one line per problem on stdout and a summary; notes \
            (an index the next fetch rebuilds, a leftover temp file) do not fail the check. \
            Takes no lock: safe while the daemon runs.

            Exit status: 0 healthy; 1 a problem was found.

            Example:
              nyhetsbrev archive verify --state-dir /var/lib/nyhetsbrev
            """
    )

    @OptionGroup var options: CommonOptions

    func run() async throws {
        options.bootstrapLogging(quietLevel: .error)
        let report = try ArchiveCLI.reader(options).verify()
        var out = ""
        for problem in report.problems { out += "problem: \(problem)\n" }
        for note in report.notes { out += "note: \(note)\n" }
        out += "\(report.partitions) partitions, \(report.entries) entries: "
        out += report.isHealthy ? "ok\n" : "\(report.problems.count) problem(s)\n"
        Terminal.standardOutput(out)
        if !report.isHealthy { throw ExitCode(1) }
    }
}
