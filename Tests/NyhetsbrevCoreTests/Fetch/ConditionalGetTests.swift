import Foundation
import Synchronization
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

    @Test func aValidatorWithALineBreakIsNotSent() async throws {
        // A stored ETag is the server's text; with CR/LF in it, it would inject a header.
        let server = try LoopbackServer()
        server.route("/feed.xml") { _ in .ok(body: "<rss/>") }
        _ = try await fetchOne(server.url("/feed.xml"), etag: "\"v1\"\r\nX-Injected: yes", lastModified: "Mon\n, 16 Nov")
        let request = try #require(server.requests(to: "/feed.xml").first)
        #expect(request.header("If-None-Match") == nil)
        #expect(request.header("If-Modified-Since") == nil)
        #expect(request.header("X-Injected") == nil)
        #expect(request.header("Accept") != nil)
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

    /// A streaming caller gets each body once, from `onResult`; the returned
    /// results carry the rest of the response without it.
    @Test func streamedBodiesAreNotKeptInTheReturnedResults() async throws {
        let server = try LoopbackServer()
        let feed = try fetchFixture("feed.xml")
        server.route("/a.xml", reply: .ok(body: feed, headers: ["ETag": "\"a\""]))
        server.route("/b.xml", reply: .ok(body: feed))
        let streamed = Mutex<[SourceID: Data]>([:])
        let requests = ["a", "b"].map { FetchRequest(sourceID: SourceID($0), url: server.url("/\($0).xml")) }
        let results = await CurlTransport(settings: fastFetchSettings()).fetchAll(requests, progress: nil) { id, result in
            if case let .success(response) = result { streamed.withLock { $0[id] = response.body } }
        }
        #expect(streamed.withLock { $0 } == ["a": feed, "b": feed])
        let a = try #require(try results["a"]?.get())
        #expect(a.status == 200)
        #expect(a.etag == "\"a\"")
        #expect(a.body.isEmpty)
        #expect(try results["b"]?.get().body.isEmpty == true)
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
