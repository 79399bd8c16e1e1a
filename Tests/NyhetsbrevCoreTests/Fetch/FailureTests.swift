import Foundation
import Testing

@testable import NyhetsbrevCore

@Suite struct FailureTests {
    @Test(arguments: [404, 410, 500])
    func errorStatusIsAFailure(status: Int) async throws {
        let server = try LoopbackServer()
        server.route("/feed.xml", reply: .status(status, body: "<html>error page</html>"))

        let result = try await fetchOne(server.url("/feed.xml"))

        #expect(result.error == .http(status: status, retryAfter: nil))
    }

    @Test func retryAfterInSeconds() async throws {
        let server = try LoopbackServer()
        server.route("/feed.xml", reply: .status(429, headers: ["Retry-After": "120"]))
        let before = Date()

        let result = try await fetchOne(server.url("/feed.xml"))

        guard case .http(429, let retryAfter?) = result.error else {
            Issue.record("expected HTTP 429 with Retry-After, got \(result)")
            return
        }
        #expect(retryAfter >= before.addingTimeInterval(120))
        #expect(retryAfter <= Date().addingTimeInterval(120))
    }

    @Test(arguments: [429, 503])
    func retryAfterAsHTTPDate(status: Int) async throws {
        let server = try LoopbackServer()
        server.route("/feed.xml", reply: .status(status, headers: ["Retry-After": "Wed, 02 Dec 2026 07:28:00 GMT"]))

        let result = try await fetchOne(server.url("/feed.xml"))

        #expect(result.error == .http(status: status, retryAfter: Date(timeIntervalSince1970: 1_796_196_480)))
    }

    @Test func connectionRefused() async throws {
        let server = try LoopbackServer()
        let url = server.url("/feed.xml")
        server.stop()

        let result = try await fetchOne(url)

        guard case .connect = result.error else {
            Issue.record("expected a connect error, got \(result)")
            return
        }
    }

    @Test func resetMidBodyIsATransportError() async throws {
        let server = try LoopbackServer()
        let body = Data(repeating: 0x41, count: 100_000)
        server.route("/feed.xml", reply: .resetMidBody(LoopbackResponse(status: 200, body: body), afterBytes: 1000))

        let result = try await fetchOne(server.url("/feed.xml"))

        guard case .transport = result.error else {
            Issue.record("expected a transport error, got \(result)")
            return
        }
    }

    @Test func slowDripIsAbandoned() async throws {
        let server = try LoopbackServer()
        let body = Data(repeating: 0x41, count: 10_000)
        server.route("/feed.xml", reply: .drip(LoopbackResponse(status: 200, body: body), bytes: 10, interval: 0.2))
        let settings = fastFetchSettings(timeout: 10, lowSpeedLimit: 1000, lowSpeedTime: 1)
        let started = ContinuousClock.now

        let (result, ended) = try await fetchOneTimed(server.url("/feed.xml"), settings: settings)

        #expect(result.error == .tooSlow)
        // The total timeout is 10 s; the low-speed limit must end it well before.
        #expect(ended - started < .seconds(8))
    }

    @Test func bodyOverLimitByContentLength() async throws {
        let server = try LoopbackServer()
        // Announces 2 MB; the client must refuse before reading it.
        server.route(
            "/feed.xml",
            reply: .respond(LoopbackResponse(status: 200, headers: ["Content-Length": "2097152"], body: Data("<rss".utf8))))

        let result = try await fetchOne(server.url("/feed.xml"), settings: fastFetchSettings(maxBodyBytes: 1024 * 1024))

        #expect(result.error == .tooLarge(limit: 1024 * 1024))
    }

    @Test func bodyOverLimitWithoutContentLength() async throws {
        let server = try LoopbackServer()
        let head = Data("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".utf8)
        server.route("/feed.xml", reply: .raw(head + Data(repeating: 0x41, count: 2 * 1024 * 1024)))

        let result = try await fetchOne(server.url("/feed.xml"), settings: fastFetchSettings(maxBodyBytes: 1024 * 1024))

        #expect(result.error == .tooLarge(limit: 1024 * 1024))
    }

    @Test func hungServerTimesOut() async throws {
        let server = try LoopbackServer()
        server.route("/feed.xml", reply: .hang)
        let started = ContinuousClock.now

        let (result, ended) = try await fetchOneTimed(server.url("/feed.xml"), settings: fastFetchSettings(timeout: 1))

        #expect(result.error == .timeout(1))
        let waited = ended - started
        #expect(waited >= .milliseconds(900) && waited < .seconds(8))
    }

    @Test func unsupportedSchemeIsRefusedBeforeConnecting() async throws {
        let url = URL(string: "ftp://127.0.0.1/feed.xml")!

        let result = try await fetchOne(url)

        #expect(result.error == .unsupportedURL(url))
    }
}
