import Foundation
import Testing

@testable import NyhetsbrevCore

@Suite struct TransportSettingsTests {
    @Test func configuredProxyCarriesTheRequest() async throws {
        let proxy = try LoopbackServer()
        // A forward proxy sees the absolute URL as the request target.
        proxy.route("http://feeds.example.invalid/feed.xml", reply: .ok(body: "<rss/>"))
        var settings = fastFetchSettings()
        settings.proxy = "http://127.0.0.1:\(proxy.port)"

        let result = try await fetchOne(URL(string: "http://feeds.example.invalid/feed.xml")!, settings: settings)

        #expect(result.response?.body == Data("<rss/>".utf8))
        #expect(proxy.requests.first?.header("Host") == "feeds.example.invalid")
    }

    @Test func unreadableCABundleIsATLSError() async throws {
        let server = try LoopbackServer()
        var settings = fastFetchSettings()
        settings.caPath = "/nonexistent/nyhetsbrev-ca.pem"
        let url = URL(string: "https://127.0.0.1:\(server.port)/feed.xml")!

        let result = try await fetchOne(url, settings: settings)

        guard case .tls = result.error else {
            Issue.record("expected a TLS error, got \(result)")
            return
        }
        #expect(server.requests.isEmpty)
    }

    @Test func elapsedCoversTheWholeRedirectChain() async throws {
        let server = try LoopbackServer()
        server.route("/old") { _ in
            Thread.sleep(forTimeInterval: 0.1)
            return .redirect(301, to: "/new")
        }
        server.route("/new") { _ in
            Thread.sleep(forTimeInterval: 0.1)
            return .ok(body: "<rss/>")
        }

        let response = try #require(try await fetchOne(server.url("/old")).response)

        #expect(response.elapsed >= 0.2)
        #expect(response.elapsed < 2)
    }
}
