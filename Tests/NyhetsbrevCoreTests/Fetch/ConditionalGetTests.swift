import Foundation
import Testing

@testable import NyhetsbrevCore

@Suite struct ConditionalGetTests {
    @Test func etagTurnsSecondFetchInto304() async throws {
        let server = try LoopbackServer()
        let feed = try fetchFixture("feed.xml")
        server.route("/feed.xml") { request in
            request.header("If-None-Match") == "\"v1\""
                ? .status(304, headers: ["ETag": "\"v1\""])
                : .ok(body: feed, headers: ["ETag": "\"v1\"", "Content-Type": "application/rss+xml"])
        }

        let first = try #require(try await fetchOne(server.url("/feed.xml")).response)
        #expect(first.status == 200)
        #expect(first.body == feed)
        #expect(first.etag == "\"v1\"")
        #expect(!first.notModified)

        let second = try #require(try await fetchOne(server.url("/feed.xml"), etag: first.etag).response)
        #expect(second.notModified)
        #expect(second.body.isEmpty)
        #expect(second.etag == "\"v1\"")
        #expect(server.requests(to: "/feed.xml").map { $0.header("If-None-Match") } == [nil, "\"v1\""])
    }

    @Test func lastModifiedTurnsSecondFetchInto304() async throws {
        let server = try LoopbackServer()
        let stamp = "Mon, 16 Nov 2026 08:00:00 GMT"
        server.route("/feed.xml") { request in
            request.header("If-Modified-Since") == stamp
                ? .status(304) : .ok(body: "<rss/>", headers: ["Last-Modified": stamp])
        }

        let first = try #require(try await fetchOne(server.url("/feed.xml")).response)
        #expect(first.status == 200)
        #expect(first.lastModified == stamp)

        let second = try #require(try await fetchOne(server.url("/feed.xml"), lastModified: stamp).response)
        #expect(second.notModified)
        // The 304 carried no validator; the one we sent is still current.
        #expect(second.lastModified == stamp)
        #expect(server.requests(to: "/feed.xml").last?.header("If-Modified-Since") == stamp)
    }

    @Test func sendsUserAgentWithContact() async throws {
        let server = try LoopbackServer()
        server.route("/feed.xml", reply: .ok(body: "<rss/>"))
        var settings = fastFetchSettings()
        settings.contact = "mailto:it@example.org"

        _ = try await fetchOne(server.url("/feed.xml"), settings: settings)

        let agent = server.requests.first?.header("User-Agent")
        #expect(agent == "nyhetsbrev/\(NyhetsbrevVersion.current) (+mailto:it@example.org)")
    }

    @Test func userAgentWithoutContactIsJustNameAndVersion() {
        #expect(FetchSettings().userAgent == "nyhetsbrev/\(NyhetsbrevVersion.current)")
    }
}
