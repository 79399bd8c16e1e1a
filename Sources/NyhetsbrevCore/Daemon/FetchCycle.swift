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

        let now = clock()
        var sink = CycleSink(stateDirectory: stateDirectory)
        var report = CycleReport()
        // Each document is parsed as it arrives, while slower sources are
        // still downloading; each source then settles in configuration order
        // as soon as everything before it has, and its entries are staged
        // into the archive at once. Documents are dropped early (a cycle's
        // memory is one window of sources, not all of them), archiving
        // overlaps the downloads, and the order keeps cross-source merges
        // the same from run to run. Parsing is bounded: a parsed document is
        // several times its body, so when downloads outrun the archive the
        // bodies wait, and the earliest in configuration order is parsed first.
        let (events, emit) = AsyncStream.makeStream(of: CycleEvent.self)
        let transport = self.transport
        async let transferred: Void = {
            let results = await transport.fetchAll(requests, progress: progress) { id, result in
                emit.yield(.fetched(id, result))
            }
            emit.yield(.transferred(results))
        }()
        let parser = self.parser
        let order = Dictionary(sources.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        await withTaskGroup(of: Void.self) { group in
            var outcomes: [SourceID: Result<FetchResponse, FetchError>] = [:]
            var waiting: [SourceID: FetchResponse] = [:]
            var parsed: [SourceID: Result<ParsedFeed, ParseError>] = [:]
            var parsing = 0
            var transferDone = false
            var next = 0
            func receive(_ id: SourceID, _ outcome: Result<FetchResponse, FetchError>) {
                guard outcomes[id] == nil else { return }
                guard case var .success(response) = outcome, !response.notModified else {
                    outcomes[id] = outcome
                    return
                }
                waiting[id] = response
                response.body = Data()
                outcomes[id] = .success(response)
            }
            /// Starts parsing waiting bodies, earliest source first, while
            /// fewer than `parseWindow` documents are parsed or parsing and
            /// unsettled; the source the cycle waits for is always let through.
            func startParsing() {
                while parsing < Self.parallelParses, !waiting.isEmpty {
                    guard let id = waiting.keys.min(by: { order[$0, default: .max] < order[$1, default: .max] }),
                        order[id] == next || parsed.count + parsing < Self.parseWindow,
                        let response = waiting.removeValue(forKey: id)
                    else { return }
                    parsing += 1
                    group.addTask {
                        let result = Result { () throws(ParseError) -> ParsedFeed in
                            try parser.parse(response.body, documentURL: response.finalURL, httpCharset: response.charset)
                        }
                        emit.yield(.parsed(id, result))
                    }
                }
            }
            for await event in events {
                switch event {
                case let .fetched(id, outcome):
                    receive(id, outcome)
                case let .parsed(id, result):
                    parsing -= 1
                    parsed[id] = result
                case let .transferred(results):
                    transferDone = true
                    // a transport that did not stream its results
                    for (id, outcome) in results { receive(id, outcome) }
                }
                while next < sources.count {
                    let source = sources[next]
                    let outcome = outcomes[source.id]
                    if source.kind == .feed {
                        if outcome == nil, !transferDone { break }
                        if case let .success(response) = outcome, !response.notModified, parsed[source.id] == nil { break }
                    }
                    guard var state = states[source.id] else {
                        next += 1
                        continue
                    }
                    let incoming = settle(source, outcome, parsed.removeValue(forKey: source.id), &state, &report, now: now)
                    states[source.id] = state
                    await sink.stage(incoming, now: now)
                    next += 1
                    if next % Self.heapTrimInterval == 0 { HeapMemory.trim() }
                }
                startParsing()
                if transferDone, parsing == 0, waiting.isEmpty { break }
            }
            emit.finish()
        }
        await transferred

        do {
            // A cycle of 304s never opens (or writes) the archive.
            try await sink.commit()
            try stateStore.save(states)
        } catch {
            throw .archive(error)
        }
        (report.added, report.revised) = sink.takeResults()
        HeapMemory.trim()
        Self.sortNewestFirst(&report.added)
        logger.info(
            "cycle done",
            metadata: [
                "sources": "\(sources.count)", "new": "\(report.added.count)", "revised": "\(report.revised.count)",
                "not_modified": "\(report.notModified.count)", "failed": "\(report.failures.count)",
            ])
        return report
    }

    /// Sources settled between two `HeapMemory.trim()` calls: freed
    /// documents go back to the system during the cycle, not only after it.
    static let heapTrimInterval = 32

    /// Documents parsed at once: about the cores the cooperative pool has.
    static let parallelParses = max(2, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    /// Documents parsed but not yet archived, at most (the one the cycle waits for aside).
    static let parseWindow = 2 * parallelParses

    /// Records what one source's fetch and parse came to in its state and
    /// the report; returns its entries for the archive.
    private func settle(
        _ source: SourceConfig, _ outcome: Result<FetchResponse, FetchError>?,
        _ parsed: Result<ParsedFeed, ParseError>?, _ state: inout SourceState, _ report: inout CycleReport, now: Date
    ) -> [IncomingEntry] {
        state.lastAttempt = now
        guard source.kind == .feed else {
            let message = "HTML news-list sources (kind = \"html\") are not supported yet; set enabled = false"
            fail(&state, &report, SourceFailure(source: source.id, kind: .parse, message: message), source, now)
            return []
        }
        switch outcome ?? .failure(.transport(code: -1, message: "no result from the transport")) {
        case let .failure(error):
            var retryAfter: Date?
            if case let .http(status, asked) = error {
                state.lastStatus = status
                retryAfter = asked
            }
            fail(
                &state, &report, SourceFailure(source: source.id, kind: .fetch, message: error.description), source,
                now, retryAfter: retryAfter)
            return []
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
                return []
            }
            switch parsed ?? .failure(.empty) {
            case let .success(feed):
                state.etag = response.etag
                state.lastModified = response.lastModified
                succeed(&state, &report, source.id, now: now)
                logger.debug("parsed", metadata: ["source": "\(source.id)", "entries": "\(feed.entries.count)"])
                return feed.entries.map {
                    IncomingEntry(source: source.id, entry: $0, canonicalLink: $0.link.map(URLCanonicalizer.canonical))
                }
            case let .failure(error):
                let kind: SourceFailure.Kind = if case .notAFeed = error { .notAFeed } else { .parse }
                fail(
                    &state, &report, SourceFailure(source: source.id, kind: kind, message: error.description), source,
                    now)
                return []
            }
        }
    }

    /// Newest first, ties by id. Sorts small keys and then moves each entry
    /// once, in place: moving whole entries around while sorting thousands
    /// of them showed up in profiles, and a sorted copy doubled the memory
    /// of a large cycle's report.
    static func sortNewestFirst(_ entries: inout [AddedEntry]) {
        let order = entries.indices
            .map { (entries[$0].effectiveDate, entries[$0].id, $0) }
            .sorted { ($0.0, $0.1) > ($1.0, $1.1) }
            .map(\.2)
        // Follow each cycle of the permutation: position i takes the entry from order[i].
        var placed = [Bool](repeating: false, count: entries.count)
        for start in entries.indices where !placed[start] {
            var current = start
            while order[current] != start {
                entries.swapAt(current, order[current])
                placed[current] = true
                current = order[current]
            }
            placed[current] = true
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
                "next_attempt": "\(state.nextDue.map(CivilDate.rfc3339) ?? "-")",
            ])
    }
}
