import Foundation
import Testing

@testable import NyhetsbrevCore

@Suite struct RedirectTests {
    @Test(arguments: [301, 308])
    func permanentRedirectIsReported(status: Int) async throws {
        let server = try LoopbackServer()
        server.route("/old.xml", reply: .redirect(status, to: "/new.xml"))
        server.route("/new.xml", reply: .ok(body: "<rss/>"))

        let response = try #require(try await fetchOne(server.url("/old.xml")).response)

        #expect(response.status == 200)
        #expect(response.body == Data("<rss/>".utf8))
        #expect(response.finalURL == server.url("/new.xml"))
        #expect(response.permanentRedirect == server.url("/new.xml"))
    }

    @Test(arguments: [302, 303, 307])
    func temporaryRedirectIsNotReported(status: Int) async throws {
        let server = try LoopbackServer()
        server.route("/feed.xml", reply: .redirect(status, to: server.url("/today.xml").absoluteString))
        server.route("/today.xml", reply: .ok(body: "<rss/>"))

        let response = try #require(try await fetchOne(server.url("/feed.xml")).response)

        #expect(response.finalURL == server.url("/today.xml"))
        #expect(response.permanentRedirect == nil)
    }

    @Test func permanentRunEndsAtFirstTemporaryHop() async throws {
        let server = try LoopbackServer()
        server.route("/a", reply: .redirect(301, to: "/b"))
        server.route("/b", reply: .redirect(302, to: "/c"))
        server.route("/c", reply: .redirect(301, to: "/d"))
        server.route("/d", reply: .ok(body: "<rss/>"))

        let response = try #require(try await fetchOne(server.url("/a")).response)

        #expect(response.finalURL == server.url("/d"))
        #expect(response.permanentRedirect == server.url("/b"))
    }

    @Test func fiveRedirectsAreFollowedSixAreNot() async throws {
        let server = try LoopbackServer()
        for hop in 0..<6 { server.route("/r\(hop)", reply: .redirect(302, to: "/r\(hop + 1)")) }
        server.route("/r6", reply: .ok(body: "<rss/>"))

        let five = try await fetchOne(server.url("/r1"))
        let six = try await fetchOne(server.url("/r0"))

        #expect(five.response?.finalURL == server.url("/r6"))
        #expect(six.error == .tooManyRedirects)
    }

    @Test func redirectLoopEndsInTooManyRedirects() async throws {
        let server = try LoopbackServer()
        server.route("/a", reply: .redirect(301, to: "/b"))
        server.route("/b", reply: .redirect(302, to: "/a"))

        let result = try await fetchOne(server.url("/a"))

        #expect(result.error == .tooManyRedirects)
        #expect(server.requests.count == FetchTransferLimits.maxRedirects + 1)
    }

    @Test(arguments: [false, true])
    func redirectToFileIsRefused(allowFile: Bool) async throws {
        let server = try LoopbackServer()
        server.route("/feed.xml", reply: .redirect(302, to: "file:///etc/passwd"))

        let result = try await fetchOne(server.url("/feed.xml"), allowFile: allowFile)

        #expect(result.error == .redirectRefused(URL(string: "file:///etc/passwd")!))
    }

    @Test func fileURLNeedsAllowFile() async throws {
        let url = try #require(Bundle.module.url(forResource: "feed", withExtension: "xml", subdirectory: "Fixtures/Fetch"))

        let refused = try await fetchOne(url)
        let allowed = try await fetchOne(url, allowFile: true)

        #expect(refused.error == .unsupportedURL(url))
        #expect(allowed.response?.body == (try fetchFixture("feed.xml")))
    }
}
