import ArgumentParser
import Foundation
import NyhetsbrevCore

@main
struct Nyhetsbrev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nyhetsbrev",
        abstract: "Collects newsletters and news feeds into a local archive and writes weekly digests.",
        discussion: """
            nyhetsbrev polls the sources in its configuration (RSS, Atom and JSON feeds; HTML \
            news lists), keeps every entry in a crash-safe JSON archive under the state \
            directory, and writes digests from it. Run it by hand, or as the systemd service \
            `nyhetsbrev run`.

            Configuration: --config PATH, else $NYHETSBREV_CONFIG, else \
            /etc/nyhetsbrev/nyhetsbrev.toml. State: --state-dir, else state_dir in the config, \
            else /var/lib/nyhetsbrev.

            Exit status: 0 success; 1 usage, configuration or archive error; 2 some sources \
            failed (the others were archived).

            Examples:
              nyhetsbrev fetch --config Config/demo.toml --state-dir /tmp/nb
              nyhetsbrev archive search --state-dir /tmp/nb 'screening since:2026-11'
              nyhetsbrev status
            """,
        version: NyhetsbrevVersion.current,
        subcommands: [
            FetchCommand.self, RunCommand.self, ParseCommand.self, ArchiveCommand.self, StatusCommand.self,
            ConfigCommand.self,
        ]
    )

    /// Usage errors exit 1 (not ArgumentParser's 64), as the README promises.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}
