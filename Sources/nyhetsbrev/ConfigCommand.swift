import ArgumentParser
import Foundation
import NyhetsbrevCore

/// `nyhetsbrev config …`: tools for the configuration file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Inspect the configuration file.",
        discussion: """
            Example:
              nyhetsbrev config check --config /etc/nyhetsbrev/nyhetsbrev.toml
            """,
        subcommands: [Check.self]
    )

    /// Validates a config file without starting the daemon, so an admin can
    /// check an edit before `systemctl reload` and CI can gate changes.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a configuration file and list every problem in it.",
            discussion: """
                Reads the file given by --config, else $NYHETSBREV_CONFIG, else \
                /etc/nyhetsbrev/nyhetsbrev.toml. Every problem is printed to standard \
                error as FILE:LINE: KEY: MESSAGE and the exit status is 1; a valid \
                file prints a one-line summary and exits 0.

                Example:
                  $ nyhetsbrev config check --config Config/demo.toml
                  Config/demo.toml: OK, 4 sources (3 enabled), state_dir /var/lib/nyhetsbrev
                """
        )

        @Option(name: .long, help: ArgumentHelp("Configuration file to check.", valueName: "path"))
        var config: String?

        func run() throws {
            let path = ConfigLoader.resolvePath(explicit: config, environment: ProcessInfo.processInfo.environment)
            let configuration: Configuration
            do {
                configuration = try ConfigLoader.load(path: path)
            } catch {
                let lines: [String]
                switch error {
                case .unreadable: lines = [error.description]
                case .invalid(let problems): lines = problems.map(\.description)
                }
                FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                throw ExitCode(1)
            }
            let enabled = configuration.sources.filter(\.enabled).count
            let count = configuration.sources.count
            print(
                "\(path): OK, \(count) source\(count == 1 ? "" : "s") (\(enabled) enabled), state_dir \(configuration.stateDir)"
            )
        }
    }
}
