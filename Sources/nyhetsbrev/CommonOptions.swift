import ArgumentParser
import Foundation
import Logging
import NyhetsbrevCore

/// The options every command that reads the configuration shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Configuration file.", discussion: "Default: $NYHETSBREV_CONFIG, else /etc/nyhetsbrev/nyhetsbrev.toml.",
        valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp(
        "State directory (archive, source state, lock); overrides state_dir in the configuration.",
        valueName: "dir"))
    var stateDir: String?

    @Flag(name: .shortAndLong, help: "Log debug details to stderr.")
    var verbose = false

    /// Loads the configuration, or exits 1 with a one-line error naming the file.
    func loadConfiguration() throws -> Configuration {
        let path = ConfigLoader.resolvePath(explicit: config, environment: ProcessInfo.processInfo.environment)
        do {
            return try ConfigLoader.load(path: path)
        } catch {
            throw CLIError(error.description)
        }
    }

    func stateDirectory(for configuration: Configuration) -> StateDirectory {
        StateDirectory(path: stateDir ?? configuration.stateDir)
    }

    /// For commands that only read the state: --state-dir alone suffices,
    /// otherwise the configuration says where the state is.
    func stateDirectory() throws -> StateDirectory {
        if let stateDir { return StateDirectory(path: stateDir) }
        return stateDirectory(for: try loadConfiguration())
    }

    /// Sets up swift-log for this process (once, at the start of a command):
    /// `quietLevel` normally, debug with --verbose, or $NYHETSBREV_LOG_LEVEL.
    func bootstrapLogging(quietLevel: Logger.Level) {
        let fromEnvironment = ProcessInfo.processInfo.environment["NYHETSBREV_LOG_LEVEL"]
            .flatMap { Logger.Level(rawValue: $0.lowercased()) }
        let level = verbose ? .debug : (fromEnvironment ?? quietLevel)
        LoggingSystem.bootstrap { label in KeyValueLogHandler(label: label, level: level) }
    }
}

/// A failure the command reports as one line on stderr and exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
