import Foundation
import Logging

/// One pass over a set of sources: fetch them all in parallel, parse what
/// came back, add what is new to the archive, remember each source's state.
/// `nyhetsbrev fetch` runs one cycle; `nyhetsbrev run` runs them forever.
///
/// A source that fails is recorded in the report and never stops the others.
/// The cycle holds the state directory's lock from reading the archive until
/// its writes are done, so a daemon and a manual fetch never interleave.
public struct FetchCycle: Sendable {
    public var transport: any Transport
    public var parser: FeedParser
    public var stateDirectory: StateDirectory
    public var clock: @Sendable () -> Date
    public var logger: Logger
    /// Whether to wait for another process holding the lock, or fail at once.
    public var waitForLock: Bool
    /// Called once when the lock is busy and the cycle starts waiting.
    public var onLockWait: @Sendable () -> Void
    /// The poll interval of sources without their own; failing sources back
    /// off from their interval.
    public var defaultInterval: Duration
    /// A uniform draw in 0...1 for backoff jitter; injected so tests are exact.
    public var jitter: @Sendable () -> Double

    public init(
        transport: any Transport, parser: FeedParser = FeedParser(), stateDirectory: StateDirectory,
        clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "nyhetsbrev.fetch"),
        waitForLock: Bool = true, onLockWait: @escaping @Sendable () -> Void = {},
        defaultInterval: Duration = Configuration.defaultPollInterval,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.transport = transport
        self.parser = parser
        self.stateDirectory = stateDirectory
        self.clock = clock
        self.logger = logger
        self.waitForLock = waitForLock
        self.onLockWait = onLockWait
        self.defaultInterval = defaultInterval
        self.jitter = jitter
    }

    public func run(
        sources: [SourceConfig], progress: (@Sendable (FetchProgress) -> Void)? = nil
    ) async throws(CycleError) -> CycleReport {
        let stateStore = SourceStateStore(file: stateDirectory.sourceStates)
        var states: [SourceID: SourceState]
        let lock = try stateDirectory.lockForWriting(wait: waitForLock, onWait: onLockWait)
        defer { withExtendedLifetime(lock) {} }
        do {
            states = try stateStore.load()
        } catch {
            throw .archive(error)
        }

        var requests: [FetchRequest] = []
        for source in sources {
            let configured = source.url.absoluteString
            var state = states[source.id] ?? SourceState(configuredURL: configured)
            if state.configuredURL != configured { state = SourceState(configuredURL: configured) }
            states[source.id] = state
            guard source.kind == .feed else { continue }
            let url = URL(string: state.url) ?? source.url
            requests.append(
                FetchRequest(
                    sourceID: source.id, url: url, etag: state.etag, lastModified: state.lastModified,
                    allowFile: source.isFile))
        }

        // Documents are parsed as they arrive, while slower sources are still downloading.
        let (documents, arrivals) = AsyncStream.makeStream(of: (SourceID, FetchResponse).self)
        let transport = self.transport
        async let fetched = { () async -> [SourceID: Result<FetchResponse, FetchError>] in
            let results = await transport.fetchAll(requests, progress: progress) { id, result in
                if case let .success(response) = result, !response.notModified { arrivals.yield((id, response)) }
            }
            arrivals.finish()
            return results
        }()
        let parsed = await parseAll(documents)
        let results = await fetched
        let now = clock()
        var report = CycleReport()
        var incoming: [IncomingEntry] = []
        for source in sources {
            guard var state = states[source.id] else { continue }
            defer { states[source.id] = state }
            state.lastAttempt = now
            guard source.kind == .feed else {
                let message = "HTML news-list sources (kind = \"html\") are not supported yet; set enabled = false"
                fail(&state, &report, SourceFailure(source: source.id, kind: .parse, message: message), source, now)
                continue
            }
            let outcome = results[source.id] ?? .failure(.transport(code: -1, message: "no result from the transport"))
            switch outcome {
            case let .failure(error):
                var retryAfter: Date?
                if case let .http(status, asked) = error {
                    state.lastStatus = status
                    retryAfter = asked
                }
                fail(
                    &state, &report, SourceFailure(source: source.id, kind: .fetch, message: error.description), source,
                    now, retryAfter: retryAfter)
            case let .success(response):
                state.lastStatus = response.status
                state.responseTime = response.elapsed
                if let moved = response.permanentRedirect, moved.absoluteString != state.url {
                    logger.notice(
                        "source moved permanently; update the config",
                        metadata: ["source": "\(source.id)", "from": "\(state.url)", "to": "\(moved.absoluteString)"])
                    state.url = moved.absoluteString
                    report.moved[source.id] = moved.absoluteString
                }
                if response.notModified {
                    succeed(&state, &report, source.id, now: now)
                    report.notModified.append(source.id)
                    continue
                }
                switch parsed[source.id] ?? .failure(.empty) {
                case let .success(feed):
                    for entry in feed.entries {
                        incoming.append(
                            IncomingEntry(
                                source: source.id, entry: entry,
                                canonicalLink: entry.link.map(URLCanonicalizer.canonical)))
                    }
                    state.etag = response.etag
                    state.lastModified = response.lastModified
                    succeed(&state, &report, source.id, now: now)
                    logger.debug("parsed", metadata: ["source": "\(source.id)", "entries": "\(feed.entries.count)"])
                case let .failure(error):
                    let kind: SourceFailure.Kind = if case .notAFeed = error { .notAFeed } else { .parse }
                    fail(
                        &state, &report, SourceFailure(source: source.id, kind: kind, message: error.description), source,
                        now)
                }
            }
        }

        do {
            // Opened only when there is something to add: a cycle of 304s
            // never reads (or writes) the archive.
            if !incoming.isEmpty {
                let archive = try ArchiveStore(directory: stateDirectory.archive)
                let result = try await archive.ingest(incoming, now: now)
                report.added = Self.newestFirst(result.added)
                report.revised = result.revised
            }
            try stateStore.save(states)
        } catch {
            throw .archive(error)
        }
        logger.info(
            "cycle done",
            metadata: [
                "sources": "\(sources.count)", "new": "\(report.added.count)", "revised": "\(report.revised.count)",
                "not_modified": "\(report.notModified.count)", "failed": "\(report.failures.count)",
            ])
        return report
    }

    /// Newest first, ties by id. Sorts small keys and gathers once: moving
    /// whole entries around while sorting thousands of them showed up in profiles.
    static func newestFirst(_ entries: [ArchivedEntry]) -> [ArchivedEntry] {
        entries.indices
            .map { (entries[$0].effectiveDate, entries[$0].id, $0) }
            .sorted { ($0.0, $0.1) > ($1.0, $1.1) }
            .map { entries[$0.2] }
    }

    /// Parses each document as the transport delivers it, on as many cores
    /// as there are: parsing is the CPU-bound part of a cycle.
    private func parseAll(
        _ documents: AsyncStream<(SourceID, FetchResponse)>
    ) async -> [SourceID: Result<ParsedFeed, ParseError>] {
        let parser = self.parser
        return await withTaskGroup(of: (SourceID, Result<ParsedFeed, ParseError>).self) { group in
            for await (id, response) in documents {
                group.addTask {
                    let result = Result { () throws(ParseError) -> ParsedFeed in
                        try parser.parse(response.body, documentURL: response.finalURL, httpCharset: response.charset)
                    }
                    return (id, result)
                }
            }
            var parsed: [SourceID: Result<ParsedFeed, ParseError>] = [:]
            for await (id, result) in group { parsed[id] = result }
            return parsed
        }
    }

    private func succeed(_ state: inout SourceState, _ report: inout CycleReport, _ id: SourceID, now: Date) {
        state.lastSuccess = now
        state.consecutiveFailures = 0
        state.failingSince = nil
        state.lastError = nil
        state.lastErrorKind = nil
        state.nextDue = nil
        report.succeeded.append(id)
    }

    /// Records a failure and backs the source off: exponentially from its
    /// interval, with full jitter, up to a day, and never before a
    /// Retry-After the server gave. It is never given up.
    private func fail(
        _ state: inout SourceState, _ report: inout CycleReport, _ failure: SourceFailure, _ source: SourceConfig,
        _ now: Date, retryAfter: Date? = nil
    ) {
        state.consecutiveFailures += 1
        if state.consecutiveFailures == 1 { state.failingSince = now }
        state.lastError = failure.message
        state.lastErrorKind = failure.kind
        let interval = DuePlanner.seconds(source.interval ?? defaultInterval)
        state.nextDue = Backoff(interval: interval).nextAttempt(
            now: now, failures: state.consecutiveFailures, retryAfter: retryAfter, jitter: jitter())
        report.failures.append(failure)
        logger.warning(
            "source failed",
            metadata: [
                "source": "\(failure.source)", "kind": "\(failure.kind.rawValue)", "error": "\(failure.message)",
                "consecutive_failures": "\(state.consecutiveFailures)",
                "next_attempt": "\(state.nextDue.map { $0.formatted(.iso8601) } ?? "-")",
            ])
    }
}
