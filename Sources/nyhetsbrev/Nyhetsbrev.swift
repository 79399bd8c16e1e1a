import ArgumentParser
import NyhetsbrevCore

@main
struct Nyhetsbrev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nyhetsbrev",
        abstract: "Collects newsletters and news feeds into a local archive and writes weekly digests.",
        version: NyhetsbrevVersion.current,
        subcommands: [ConfigCommand.self, ParseCommand.self]
    )
}
