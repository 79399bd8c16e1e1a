import Foundation
import Testing

@testable import NyhetsbrevCore

/// The test server itself: other suites rely on it stopping and recording faithfully.
@Suite struct LoopbackServerTests {
    @Test func droppingTheServerStopsIt() async throws {
        var server: LoopbackServer? = try LoopbackServer()
        let url = try #require(server?.url("/feed.xml"))
        server?.route("/feed.xml", reply: .ok(body: "<rss/>"))
        #expect(try await fetchOne(url).response != nil)

        server = nil

        let afterDrop = try await fetchOne(url)
        guard case .connect = afterDrop.error else {
            Issue.record("a dropped server still accepted connections: \(String(describing: afterDrop.error)), response \(String(describing: afterDrop.response?.status))")
            return
        }
    }

    @Test func stopEndsAHangingConnection() async throws {
        let server = try LoopbackServer()
        server.route("/hung", reply: .hang)
        let url = server.url("/hung")
        let started = ContinuousClock.now

        async let result = fetchOne(url, settings: fastFetchSettings(timeout: 10))
        try await Task.sleep(for: .milliseconds(200))
        server.stop()

        guard case .transport = try await result.error else {
            Issue.record("expected the connection to end without a response")
            return
        }
        #expect(ContinuousClock.now - started < .seconds(8))
    }

    @Test func unroutedPathIs404AndRequestsAreRecorded() async throws {
        let server = try LoopbackServer()

        let result = try await fetchOne(server.url("/missing?x=1"))

        #expect(result.error == .http(status: 404, retryAfter: nil))
        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.path == "/missing")
        #expect(request.target == "/missing?x=1")
        #expect(request.header("host") == "127.0.0.1:\(server.port)")
    }
}
