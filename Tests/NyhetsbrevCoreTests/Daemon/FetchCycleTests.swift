import Foundation
import Logging
import Synchronization
import Testing
@testable import NyhetsbrevCore

/// End to end through real sockets: loopback HTTP server → libcurl → libxml2
/// → archive on disk, twice.
@Suite struct FetchCycleTests {
    let now = Date(timeIntervalSince1970: 1_795_400_000)  // 2026-11-23

    func fixture(_ name: String) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/Cycle"),
            "missing fixture \(name)")
        return try Data(contentsOf: url)
    }

    /// Serves a fixture with an ETag and answers 304 to a matching If-None-Match.
    func serve(_ server: LoopbackServer, _ path: String, fixture name: String, etag: String? = nil) throws {
        let body = try fixture(name)
        server.route(path) { request in
            if let etag, request.header("If-None-Match") == etag { return .status(304) }
            var headers = ["Content-Type": "application/xml"]
            if let etag { headers["ETag"] = etag }
            return .ok(body: body, headers: headers)
        }
    }

    func configuration(_ sources: [(id: String, url: String)]) throws -> Configuration {
        var text = ""
        for source in sources {
            text += """
                [[sources]]
                id = "\(source.id)"
                title = "\(source.id)"
                url = "\(source.url)"

                """
        }
        return try ConfigLoader.parse(text: text, path: "/test/nyhetsbrev.toml").get()
    }

    func cycle(_ state: TemporaryDirectory, at time: Date? = nil, jitter: Double = 0.5) -> FetchCycle {
        var settings = fastFetchSettings()
        settings.connectTimeout = 2
        let clock = time ?? now
        return FetchCycle(
            transport: CurlTransport(settings: settings), stateDirectory: StateDirectory(path: state.path),
            clock: { clock }, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            waitForLock: false, jitter: { jitter })
    }

    @Test func twoCyclesArchiveEverythingOnceAndTheSecondAddsNothing() async throws {
        let server = try LoopbackServer()
        try serve(server, "/rcc.xml", fixture: "rcc.xml", etag: "\"v1\"")
        try serve(server, "/sos.atom", fixture: "socialstyrelsen.atom")
        let config = try configuration([("rcc", server.url("/rcc.xml").absoluteString), ("sos", server.url("/sos.atom").absoluteString)])
        let state = try TemporaryDirectory()

        let first = try await cycle(state).run(sources: config.sources)
        #expect(first.failures.isEmpty)
        #expect(first.added.count == 5)
        #expect(first.added.first?.title == "Nya nationella riktlinjer för prostatacancer", "newest first")
        #expect(Set(first.added.flatMap(\.sources)) == ["rcc", "sos"])

        let later = now.addingTimeInterval(3600)
        let second = try await cycle(state, at: later).run(sources: config.sources)
        #expect(second.failures.isEmpty)
        #expect(second.added.isEmpty)
        #expect(second.revised.isEmpty)
        #expect(second.notModified == ["rcc"], "the ETag source answers 304 to the conditional GET")
        #expect(server.requests(to: "/rcc.xml").last?.header("If-None-Match") == "\"v1\"")

        let archived = try await ArchiveStore(directory: StateDirectory(path: state.path).archive).entries()
        #expect(archived.count == 5)
        #expect(archived.map(\.id) == first.added.map(\.id))
        #expect(try first.added.map { try $0.archived() } == archived, "each brief entry reads back its own record")

        let states = try SourceStateStore(file: StateDirectory(path: state.path).sourceStates).load()
        #expect(states["rcc"]?.lastAttempt == later, "a 304 is recorded as an attempt")
        #expect(states["rcc"]?.lastSuccess == later, "and as a success")
        #expect(states["rcc"]?.etag == "\"v1\"")
    }

    /// Sources are archived in configuration order whatever order their
    /// documents arrive in, so the source listed first owns a shared article.
    @Test func crossSourceMergesFollowTheConfigurationOrderNotArrival() async throws {
        func feed(_ guid: String) -> Data {
            Data(
                """
                <rss version="2.0"><channel><title>\(guid)</title><item><guid isPermaLink="false">\(guid)</guid>
                <title>Nya riktlinjer för prostatacancer</title><link>https://www.cancercentrum.se/nyhet/1</link>
                <pubDate>Mon, 23 Nov 2026 08:00:00 +0100</pubDate></item></channel></rss>
                """.utf8)
        }
        let server = try LoopbackServer()
        // the first source's document arrives well after the second's
        let slow = feed("forst-1")
        server.route("/forst.xml", reply: .drip(LoopbackResponse(status: 200, headers: [:], body: slow), bytes: slow.count / 5 + 1, interval: 0.1))
        server.route("/andra.xml", reply: .ok(body: feed("andra-1")))
        let config = try configuration([
            ("forst", server.url("/forst.xml").absoluteString), ("andra", server.url("/andra.xml").absoluteString),
        ])
        let state = try TemporaryDirectory()
        let report = try await cycle(state).run(sources: config.sources)
        #expect(report.failures.isEmpty)
        #expect(report.added.count == 1)
        #expect(report.added.first?.sources.first == "forst")
        let archived = try await ArchiveStore(directory: StateDirectory(path: state.path).archive).entries()
        #expect(archived.map(\.sources) == [["forst", "andra"]])
    }

    @Test func manyDocumentsWaitingBehindASlowFirstSourceAreAllArchivedInOrder() async throws {
        func feed(_ source: Int) -> Data {
            let items = (1...3).map { item in
                """
                <item><guid>\(source)-\(item)</guid><title>Nyhet \(item) från källa \(source)</title>
                <link>https://x.se/\(source)/\(item)</link><pubDate>Mon, 23 Nov 2026 0\(item):00:00 +0100</pubDate></item>
                """
            }
            return Data("<rss version=\"2.0\"><channel><title>k\(source)</title>\(items.joined())</channel></rss>".utf8)
        }
        let server = try LoopbackServer()
        // More documents than the parse window arrive while the first source still drips in.
        let count = FetchCycle.parseWindow * 4
        let slow = feed(0)
        server.route("/0.xml", reply: .drip(LoopbackResponse(status: 200, headers: [:], body: slow), bytes: slow.count / 4 + 1, interval: 0.1))
        for source in 1..<count { server.route("/\(source).xml", reply: .ok(body: feed(source))) }
        let config = try configuration((0..<count).map { ("k\($0)", server.url("/\($0).xml").absoluteString) })
        let state = try TemporaryDirectory()
        let report = try await cycle(state).run(sources: config.sources)
        #expect(report.failures.isEmpty)
        #expect(report.succeeded == config.sources.map(\.id), "settled in configuration order")
        #expect(report.added.count == count * 3)
        let archived = try await ArchiveStore(directory: StateDirectory(path: state.path).archive).entries()
        #expect(Set(archived.map(\.guid)) == Set((0..<count).flatMap { source in (1...3).map { "\(source)-\($0)" } }))
    }

    @Test func reportOrderIsNewestFirstThenById() throws {
        for size in [0, 1, 2, 7, 100] {
            var table = AddedEntries.Builder()
            for i in 0..<size {
                let day = Double((i * 7) % 5) * 86_400
                let parsed = ParsedEntry(title: "t\(i)", published: Date(timeIntervalSince1970: day))
                let id = String(format: "%04d", (i * 37) % 101)
                let entry = ArchivedEntry(id: id, sources: ["s"], keys: ["k\(i)"], parsed: parsed, canonicalLink: nil, seen: now)
                table.append(entry, at: IngestResult.Position(partition: "1970-01", position: i))
            }
            var entries = table.finish(lines: [nil]).entries
            #expect(entries.map(\.title) == (0..<size).map { "t\($0)" }, "the table gives back what was added")
            let expected: [String] = entries.sorted { ($0.effectiveDate, $0.id) > ($1.effectiveDate, $1.id) }.map(\.id)
            entries.shuffle()
            FetchCycle.sortNewestFirst(&entries)
            #expect(entries.map(\.id) == expected)
        }
    }

    @Test func aBrokenSourceNeverStopsTheOthersAndLosesNothing() async throws {
        let server = try LoopbackServer()
        try serve(server, "/rcc.xml", fixture: "rcc.xml")
        let challenge = try fixture("challenge.html")
        server.route("/wall", reply: .ok(body: challenge, headers: ["Content-Type": "text/html"]))
        server.route("/gone", reply: .status(404))
        let refused = try LoopbackServer()
        let deadURL = refused.url("/feed.xml").absoluteString
        refused.stop()
        let state = try TemporaryDirectory()

        let good = try configuration([("rcc", server.url("/rcc.xml").absoluteString)])
        let before = try await cycle(state).run(sources: good.sources)
        #expect(before.added.count == 3)

        let config = try configuration([
            ("wall", server.url("/wall").absoluteString), ("rcc", server.url("/rcc.xml").absoluteString),
            ("gone", server.url("/gone").absoluteString), ("dead", deadURL),
        ])
        let report = try await cycle(state).run(sources: config.sources)
        #expect(report.succeeded == ["rcc"])
        let failures = Dictionary(uniqueKeysWithValues: report.failures.map { ($0.source.rawValue, $0) })
        #expect(failures["wall"]?.kind == .notAFeed)
        #expect(failures["wall"]?.message.contains("Just a moment...") == true)
        #expect(failures["gone"]?.kind == .fetch)
        #expect(failures["gone"]?.message.contains("404") == true)
        #expect(failures["dead"]?.kind == .fetch)

        let archived = try await ArchiveStore(directory: StateDirectory(path: state.path).archive).entries()
        #expect(archived.count == 3)

        let states = try SourceStateStore(file: StateDirectory(path: state.path).sourceStates).load()
        #expect(states["gone"]?.consecutiveFailures == 1)
        #expect(states["gone"]?.lastStatus == 404)
        #expect(states["gone"]?.lastErrorKind == .fetch)
        #expect(states["wall"]?.lastErrorKind == .notAFeed)
        #expect(states["rcc"]?.consecutiveFailures == 0)
        #expect(states["rcc"]?.lastSuccess == now)
    }

    @Test func failuresBackOffExponentiallyFromTheIntervalAndSuccessResets() async throws {
        let server = try LoopbackServer()
        let failing = Mutex(true)
        let body = try fixture("rcc.xml")
        server.route("/flaky.xml") { _ in failing.withLock { $0 } ? .status(500) : .ok(body: body) }
        let config = try configuration([("flaky", server.url("/flaky.xml").absoluteString)])
        let state = try TemporaryDirectory()
        let store = SourceStateStore(file: StateDirectory(path: state.path).sourceStates)

        _ = try await cycle(state, jitter: 0).run(sources: config.sources)
        #expect(try store.load()["flaky"]?.nextDue == now.addingTimeInterval(3600), "first failure: one interval")
        _ = try await cycle(state, jitter: 1).run(sources: config.sources)
        #expect(try store.load()["flaky"]?.nextDue == now.addingTimeInterval(4 * 3600), "second: up to 4 intervals")
        for _ in 0..<10 { _ = try await cycle(state, jitter: 1).run(sources: config.sources) }
        #expect(try store.load()["flaky"]?.nextDue == now.addingTimeInterval(86_400), "capped at a day, never given up")
        #expect(try store.load()["flaky"]?.consecutiveFailures == 12)
        #expect(try store.load()["flaky"]?.failingSince == now)

        failing.withLock { $0 = false }
        _ = try await cycle(state).run(sources: config.sources)
        let healed = try #require(try store.load()["flaky"])
        #expect(healed.consecutiveFailures == 0)
        #expect(healed.nextDue == nil)
        #expect(healed.failingSince == nil)
        #expect(healed.lastError == nil)
        #expect(healed.lastErrorKind == nil)
    }

    @Test func retryAfterIsHonouredForThatSourceOnly() async throws {
        let server = try LoopbackServer()
        let later = now.addingTimeInterval(5 * 3600)
        let httpDate = later.formatted(
            Date.VerbatimFormatStyle(
                format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
                locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
        server.route("/busy.xml", reply: .status(429, headers: ["Retry-After": httpDate]))
        try serve(server, "/calm.xml", fixture: "rcc.xml")
        let config = try configuration([
            ("busy", server.url("/busy.xml").absoluteString), ("calm", server.url("/calm.xml").absoluteString),
        ])
        let state = try TemporaryDirectory()
        let report = try await cycle(state, jitter: 0).run(sources: config.sources)
        #expect(report.succeeded == ["calm"])
        let states = try SourceStateStore(file: StateDirectory(path: state.path).sourceStates).load()
        #expect(states["busy"]?.nextDue == later)
        #expect(states["busy"]?.lastStatus == 429)
        #expect(states["calm"]?.nextDue == nil)
    }

    @Test func permanentRedirectIsRememberedAndUsedNextTime() async throws {
        let server = try LoopbackServer()
        try serve(server, "/new.xml", fixture: "rcc.xml")
        server.route("/old.xml", reply: .redirect(301, to: server.url("/new.xml").absoluteString))
        let config = try configuration([("rcc", server.url("/old.xml").absoluteString)])
        let state = try TemporaryDirectory()

        let first = try await cycle(state).run(sources: config.sources)
        #expect(first.moved == ["rcc": server.url("/new.xml").absoluteString])
        let states = try SourceStateStore(file: StateDirectory(path: state.path).sourceStates).load()
        #expect(states["rcc"]?.url == server.url("/new.xml").absoluteString)
        #expect(states["rcc"]?.configuredURL == server.url("/old.xml").absoluteString)

        let second = try await cycle(state).run(sources: config.sources)
        #expect(second.moved.isEmpty, "reported once")
        #expect(server.requests(to: "/old.xml").count == 1)
        #expect(server.requests(to: "/new.xml").count == 2)
    }

    /// An archive that cannot be opened fails the cycle after every source
    /// was heard, and nothing is recorded, so the next cycle fetches again.
    @Test func anUnusableArchiveFailsTheCycleAndRecordsNothing() async throws {
        let server = try LoopbackServer()
        try serve(server, "/rcc.xml", fixture: "rcc.xml", etag: "\"v1\"")
        try serve(server, "/sos.atom", fixture: "socialstyrelsen.atom")
        let state = try TemporaryDirectory()
        let directory = StateDirectory(path: state.path)
        try directory.prepare()
        try Data("not a directory".utf8).write(to: directory.archive)
        let config = try configuration([("rcc", server.url("/rcc.xml").absoluteString), ("sos", server.url("/sos.atom").absoluteString)])
        await #expect(throws: CycleError.self) { try await cycle(state).run(sources: config.sources) }
        #expect(!FileManager.default.fileExists(atPath: directory.sourceStates.path), "no ETag is remembered for entries never archived")
        #expect(server.requests(to: "/rcc.xml").count == 1)
        #expect(server.requests(to: "/sos.atom").count == 1)
    }

    @Test func anotherWriterHoldingTheLockIsReportedWithoutWaiting() async throws {
        let state = try TemporaryDirectory()
        let directory = StateDirectory(path: state.path)
        try directory.prepare()
        let held = try directory.lock(wait: false)
        let config = try configuration([("rcc", "file:///nonexistent.xml")])
        await #expect(throws: CycleError.self) { try await cycle(state).run(sources: config.sources) }
        _ = held
    }

    @Test func htmlListSourcesAreReportedAsNotYetSupported() async throws {
        let state = try TemporaryDirectory()
        var config = try configuration([("list", "https://example.invalid/list")])
        config.sources[0].kind = .html
        let report = try await cycle(state).run(sources: config.sources)
        #expect(report.failures.map(\.source) == ["list"])
        #expect(report.failures.first?.message.contains("not supported yet") == true)
    }

    @Test(arguments: [
        ("application/rss+xml; charset=ISO-8859-1", "ISO-8859-1"), ("text/xml;charset=\"utf-8\"", "utf-8"),
        ("text/xml", nil), ("text/html; boundary=x", nil),
    ] as [(String, String?)])
    func charsetIsTakenFromContentType(_ contentType: String, _ expected: String?) {
        #expect(FetchResponse.charset(fromContentType: contentType) == expected)
    }
}

/// The cycle's report reads entries back from the partitions it wrote.
@Suite struct CycleSinkTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    func incoming(_ guid: String, summary: String? = nil) -> IncomingEntry {
        IncomingEntry(
            source: "rcc",
            entry: ParsedEntry(id: guid, title: "Nyhet \(guid)", link: "https://x.se/\(guid)", published: now, summaryText: summary),
            canonicalLink: "https://x.se/\(guid)")
    }

    @Test func reportedEntriesReadBackFromWhereTheCommitWroteThem() async throws {
        let state = try TemporaryDirectory()
        var sink = CycleSink(stateDirectory: StateDirectory(path: state.path))
        let batch = (1...4).map { incoming("\($0)") }
        await sink.stage(batch, now: now)
        var revised = batch
        revised[0] = incoming("1", summary: "Rättad")
        await sink.stage(revised, now: now)  // moves the first line: the commit writes the partition afresh
        try await sink.commit()
        let (added, _) = sink.takeResults()
        #expect(added.map(\.id).count == 4)
        for entry in added {
            let (lines, position) = try #require(entry.table.line(entry.row))
            #expect(try lines.entry(at: position).id == entry.id, "the recorded range is the entry's line")
            #expect(try entry.archived().id == entry.id)
        }
        #expect(try added[0].archived().summary == "Rättad")
    }

    @Test func aReportedEntryReadsAsThisCycleArchivedItAfterALaterRewrite() async throws {
        let state = try TemporaryDirectory()
        var sink = CycleSink(stateDirectory: StateDirectory(path: state.path))
        await sink.stage((1...3).map { incoming("\($0)") }, now: now)
        try await sink.commit()
        let (added, _) = sink.takeResults()
        // A later cycle revises the first entry: the file is replaced and every line after it moves.
        let store = try ArchiveStore(directory: StateDirectory(path: state.path).archive)
        _ = try await store.ingest([incoming("1", summary: "En mycket längre sammanfattning än förut")], now: now)
        #expect(try await store.entry(id: added[0].id)?.summary == "En mycket längre sammanfattning än förut")
        #expect(try added.map { try $0.archived().id } == added.map(\.id))
        #expect(try added[0].archived().summary == nil, "the report shows what its cycle archived")
    }
}

@Suite struct AddedEntriesTests {
    @Test func anEntryWhoseFileCannotBeReadIsLookedUpById() async throws {
        let dir = try TemporaryDirectory()
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let result = try await ArchiveStore(directory: dir.url).ingest(
            [IncomingEntry(source: "rcc", entry: ParsedEntry(id: "1", title: "Ett", published: now), canonicalLink: nil)], now: now)
        let entry = try #require(result.added.first)
        var table = AddedEntries.Builder()
        table.append(entry, at: IngestResult.Position(partition: "2026-11", position: 0))
        let gone = CommittedLines(directory: dir.url, path: dir.file("gone.json").path, slots: [SpoolFile.Slot(offset: 0, length: 10)])
        let added = table.finish(lines: [gone]).entries
        #expect(try added[0].archived() == entry)
    }

    @Test func briefRecordsKeepEveryFieldAcrossBlocksAndGroups() {
        var table = AddedEntries.Builder()
        var expected: [(String, String?, String?, [SourceID], Date, IngestResult.Position)] = []
        let long = String(repeating: "å", count: AddedEntries.blockSize)  // longer than a block: a block of its own
        for i in 0..<(AddedEntries.rowsPerGroup * 2 + 5) {
            let title: String? = i % 7 == 0 ? nil : (i == 3 ? long : "Rubrik \(i) – vård")
            let link: String? = i % 5 == 0 ? nil : "https://x.se/\(i)"
            let sources: [SourceID] = i % 2 == 0 ? ["a"] : ["b", "a"]
            let date = Date(timeIntervalSince1970: Double(i) * 3600.5)
            let parsed = ParsedEntry(title: title, link: link, published: date)
            let entry = ArchivedEntry(
                id: StableHash.hex("k\(i)"), sources: sources, keys: ["k\(i)"], parsed: parsed, canonicalLink: link, seen: date)
            let place = IngestResult.Position(partition: i < 1500 ? "2026-10" : "2026-11", position: i)
            table.append(entry, at: place)
            expected.append((entry.id, title, link, sources, date, place))
        }
        #expect(table.partitions == ["2026-10", "2026-11"])
        let added = table.finish(lines: table.partitions.map { _ in nil }).entries
        #expect(added.count == expected.count)
        for (entry, want) in zip(added, expected) {
            #expect(entry.id == want.0)
            #expect(entry.title == want.1)
            #expect(entry.link == want.2)
            #expect(entry.sources == want.3)
            #expect(entry.effectiveDate == want.4)
            #expect(entry.table.place(entry.row) == want.5)
        }
        #expect(throws: ArchiveError.notFound(id: expected[0].0)) { try added[0].archived() }
    }
}
