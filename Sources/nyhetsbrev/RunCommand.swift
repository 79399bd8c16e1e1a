import ArgumentParser
import Foundation
import Logging
import NyhetsbrevCore

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run as a service: fetch each source whenever its interval has passed.",
        discussion: """
            Runs fetch cycles until stopped: each enabled source is fetched when its \
            `interval` (or the configuration's default interval) has passed since its last \
            attempt. Logs go to stderr, one line per event with key=value fields; under \
            systemd journald picks up their priority.

            With `[archive] keep` set, entries older than that are removed once a day \
            (tombstoned, so they are never fetched back).

            SIGTERM or SIGINT stops it cleanly after the cycle in progress; SIGHUP reloads \
            the configuration (a broken one is logged and the old one kept). This is what \
            systemd/nyhetsbrev.service runs.

            Example:
              nyhetsbrev run --config /etc/nyhetsbrev/nyhetsbrev.toml
            """
    )

    @OptionGroup var options: CommonOptions

    func run() async throws {
        options.bootstrapLogging(quietLevel: .info)
        let logger = Logger(label: "nyhetsbrev.run")
        var configuration = try options.loadConfiguration()
        let signals = SignalWatcher()
        var lastRetention: Date?
        logger.notice(
            "started",
            metadata: ["version": "\(NyhetsbrevVersion.current)", "config": "\(configuration.path)",
                       "sources": "\(configuration.sources.filter(\.enabled).count)"])
        while true {
            for request in signals.takeRequests() {
                switch request {
                case let .stop(signal):
                    logger.notice("stopped", metadata: ["signal": "\(signal)"])
                    return
                case .reload:
                    do {
                        configuration = try options.loadConfiguration()
                        logger.notice("configuration reloaded", metadata: ["config": "\(configuration.path)"])
                    } catch {
                        logger.error("configuration not reloaded; keeping the previous one", metadata: ["error": "\(error)"])
                    }
                }
            }
            let state = options.stateDirectory(for: configuration)
            let planner = DuePlanner(configuration: configuration)
            let store = SourceStateStore(file: state.sourceStates)
            let due = planner.due(configuration.sources, states: (try? store.load()) ?? [:], now: Date())
            if !due.isEmpty {
                let cycle = FetchCycle(
                    transport: CurlTransport(settings: configuration.fetch), stateDirectory: state, logger: logger,
                    onLockWait: { logger.notice("waiting for another nyhetsbrev process to release the state directory") },
                    defaultInterval: configuration.defaultInterval)
                do {
                    _ = try await cycle.run(sources: due)
                } catch {
                    logger.error("cycle failed", metadata: ["error": "\(error)"])
                }
            }
            if let keep = configuration.archive.keep, lastRetention.map({ Date().timeIntervalSince($0) >= 86_400 }) ?? true {
                let pass = RetentionPass(stateDirectory: state, keep: keep)
                do {
                    _ = try await pass.run(now: Date(), logger: logger)
                } catch {
                    logger.error("retention not applied", metadata: ["error": "\(error)"])
                }
                lastRetention = Date()
            }
            let wake = planner.nextWake(configuration.sources, states: (try? store.load()) ?? [:])
            let pause = min(max(wake?.timeIntervalSinceNow ?? 3600, 1), 3600)
            logger.debug("sleeping", metadata: ["seconds": "\(Int(pause))"])
            await signals.sleep(seconds: pause)
        }
    }
}
