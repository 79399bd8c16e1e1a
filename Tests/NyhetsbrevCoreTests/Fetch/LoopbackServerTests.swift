import Foundation
import Testing

@testable import NyhetsbrevCore

/// The test server itself: other suites rely on it stopping and recording faithfully.
@Suite struct LoopbackServerTests {
    @Test func droppingTheServerStopsIt() async throws {
        // a port below the kernel's ephemeral range (32768 up), so that no
        // other test's server is handed it the moment this one lets it go
        var server: LoopbackServer? = try Self.serverBelowEphemeralPorts()
        let url = try #require(server?.url("/feed.xml"))
        let port = try #require(server?.port)
        server?.route("/feed.xml", reply: .ok(body: "<rss/>"))
        #expect(try await fetchOne(url).response != nil)

        server = nil

        // the port is free again; holding it (bound, not listening) keeps it so for the connection below
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(holder >= 0)
        defer { close(holder) }
        let bound = LoopbackListener.bindLoopback(holder, port: port)
        #expect(bound == 0, "the dropped server's port is still taken: \(String(cString: strerror(errno)))")

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

        async let fetched = fetchOneTimed(url, settings: fastFetchSettings(timeout: 10))
        try await Task.sleep(for: .milliseconds(200))
        let stopped = ContinuousClock.now
        server.stop()

        let (result, ended) = try await fetched
        guard case .transport = result.error else {
            Issue.record("expected the connection to end without a response, got \(result)")
            return
        }
        // measured on the fetch thread from the stop: the 10 s timeout must not be what ended it
        #expect(ended - stopped < .seconds(8))
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

    /// A server on a random port from 20000 to 32000 that is free.
    private static func serverBelowEphemeralPorts() throws -> LoopbackServer {
        for _ in 0..<50 {
            if let server = try? LoopbackServer(port: UInt16.random(in: 20000...32000)) { return server }
        }
        return try LoopbackServer(port: UInt16.random(in: 20000...32000))
    }
}
