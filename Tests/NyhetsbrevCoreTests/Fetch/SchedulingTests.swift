import Foundation
import Testing

@testable import NyhetsbrevCore

/// Collects progress reports from the fetch thread with the time each arrived.
private final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(FetchProgress, ContinuousClock.Instant)] = []

    func record(_ progress: FetchProgress) { lock.withLock { entries.append((progress, .now)) } }

    var all: [(FetchProgress, ContinuousClock.Instant)] { lock.withLock { entries } }
}

@Suite struct SchedulingTests {
    @Test func fiftySourcesInParallelAllSucceed() async throws {
        let server = try LoopbackServer()
        let requests = (0..<50).map { index in
            server.route("/feed-\(index).xml", reply: .ok(body: "<rss>\(index)</rss>"))
            return FetchRequest(sourceID: SourceID("s\(index)"), url: server.url("/feed-\(index).xml"))
        }
        let log = ProgressLog()

        let results = await CurlTransport(settings: fastFetchSettings(parallel: 8, perHost: 8))
            .fetchAll(requests, progress: { log.record($0) })

        #expect(results.count == 50)
        for index in 0..<50 {
            #expect(results[SourceID("s\(index)")]?.response?.body == Data("<rss>\(index)</rss>".utf8))
        }
        #expect(log.all.map(\.0.done) == Array(1...50))
        #expect(log.all.last?.0 == FetchProgress(done: 50, total: 50, failed: 0))
        #expect(server.peakConcurrency <= 8)
    }

    @Test func perHostLimitBoundsConcurrency() async throws {
        let server = try LoopbackServer()
        let requests = (0..<12).map { index in
            server.route("/slow-\(index)") { _ in
                Thread.sleep(forTimeInterval: 0.05)
                return .ok(body: "<rss/>")
            }
            return FetchRequest(sourceID: SourceID("s\(index)"), url: server.url("/slow-\(index)"))
        }

        let results = await CurlTransport(settings: fastFetchSettings(parallel: 8, perHost: 3))
            .fetchAll(requests, progress: nil)

        #expect(results.values.allSatisfy { $0.response != nil })
        #expect(server.peakConcurrency <= 3)
        #expect(server.peakConcurrency >= 2)
    }

    @Test func hostGapSpacesRequestsToOneHost() async throws {
        let server = try LoopbackServer()
        let requests = (0..<3).map { index in
            server.route("/feed-\(index)", reply: .ok(body: "<rss/>"))
            return FetchRequest(sourceID: SourceID("s\(index)"), url: server.url("/feed-\(index)"))
        }

        let started = ContinuousClock.now

        _ = await CurlTransport(settings: fastFetchSettings(perHost: 3, hostGap: 0.25)).fetchAll(requests, progress: nil)

        // Three starts need two gaps; without gaps all three arrive within milliseconds.
        #expect(ContinuousClock.now - started >= .milliseconds(500))
        let arrivals = server.requests.map(\.receivedAt).sorted()
        #expect(arrivals.count == 3)
        for (earlier, later) in zip(arrivals, arrivals.dropFirst()) {
            #expect(later.timeIntervalSince(earlier) >= 0.1)
        }
    }

    @Test func hungSourceDoesNotDelayTheOthers() async throws {
        let server = try LoopbackServer()
        server.route("/hung", reply: .hang)
        var requests = [FetchRequest(sourceID: "hung", url: server.url("/hung"))]
        for index in 0..<6 {
            server.route("/fast-\(index)", reply: .ok(body: "<rss/>"))
            requests.append(FetchRequest(sourceID: SourceID("fast\(index)"), url: server.url("/fast-\(index)")))
        }
        let log = ProgressLog()
        let started = ContinuousClock.now

        let results = await CurlTransport(settings: fastFetchSettings(timeout: 2, perHost: 2))
            .fetchAll(requests, progress: { log.record($0) })

        #expect(results["hung"]?.error == .timeout(2))
        // Both instants are taken on the fetch thread, so a busy test pool cannot skew them.
        let sixDone = try #require(log.all.first { $0.0.done == 6 })
        let allDone = try #require(log.all.last)
        #expect(sixDone.0.failed == 0)
        #expect(allDone.0 == FetchProgress(done: 7, total: 7, failed: 1))
        #expect(allDone.1 - sixDone.1 >= .seconds(1))
        #expect(ContinuousClock.now - started >= .milliseconds(1900))
    }

    @Test func cancellationEndsTheCallPromptly() async throws {
        let server = try LoopbackServer()
        server.route("/hung", reply: .hang)
        let transport = CurlTransport(settings: fastFetchSettings(timeout: 30))
        let url = server.url("/hung")

        let task = Task { await transport.fetchAll([FetchRequest(sourceID: "hung", url: url)], progress: nil) }
        try await Task.sleep(for: .milliseconds(200))
        // timed from the cancellation: while the whole suite runs, two cores can be busy for
        // seconds before the fetch even starts, which says nothing about how cancelling ends it
        let cancelled = ContinuousClock.now
        task.cancel()
        let results = await task.value

        #expect(results["hung"]?.error == .cancelled)
        // Far below the 30 s timeout, with room for a busy test machine.
        #expect(ContinuousClock.now - cancelled < .seconds(10))
    }

    @Test func repeatedSourceIDIsFetchedOnce() async throws {
        let server = try LoopbackServer()
        server.route("/first", reply: .ok(body: "first"))
        server.route("/second", reply: .ok(body: "second"))
        let requests = [
            FetchRequest(sourceID: "same", url: server.url("/first")),
            FetchRequest(sourceID: "same", url: server.url("/second")),
        ]

        let results = await CurlTransport(settings: fastFetchSettings()).fetchAll(requests, progress: nil)

        #expect(results.count == 1)
        #expect(results["same"]?.response?.body == Data("first".utf8))
        #expect(server.requests.map(\.path) == ["/first"])
    }

    @Test func noRequestsNoWork() async {
        let results = await CurlTransport(settings: fastFetchSettings()).fetchAll([], progress: nil)
        #expect(results.isEmpty)
    }
}
