import Foundation
import Testing

@testable import NyhetsbrevCore

@Suite struct ContentEncodingTests {
    @Test(arguments: [("gzip", "feed.xml.gz"), ("br", "feed.xml.br")])
    func decodesCompressedBody(encoding: String, fixture: String) async throws {
        let server = try LoopbackServer()
        let compressed = try fetchFixture(fixture)
        server.route("/feed.xml", reply: .ok(body: compressed, headers: ["Content-Encoding": encoding]))

        let response = try #require(try await fetchOne(server.url("/feed.xml")).response)

        #expect(response.body == (try fetchFixture("feed.xml")))
        let acceptEncoding = server.requests.first?.header("Accept-Encoding") ?? ""
        #expect(acceptEncoding.contains(encoding))
    }

    @Test func gzipBombIsAnErrorNotAnAllocation() async throws {
        let server = try LoopbackServer()
        // 50 MB of zeros in 50 KB; the limit is 1 MB of decoded bytes.
        server.route("/bomb.xml", reply: .ok(body: try fetchFixture("bomb.gz"), headers: ["Content-Encoding": "gzip"]))

        let result = try await fetchOne(server.url("/bomb.xml"), settings: fastFetchSettings(maxBodyBytes: 1024 * 1024))

        #expect(result.error == .tooLarge(limit: 1024 * 1024))
    }

    @Test func wrongContentTypeStillReturnsBody() async throws {
        let server = try LoopbackServer()
        let feed = try fetchFixture("feed.xml")
        server.route("/feed", reply: .ok(body: feed, headers: ["Content-Type": "application/octet-stream"]))

        let response = try #require(try await fetchOne(server.url("/feed")).response)

        #expect(response.body == feed)
        #expect(response.contentType == "application/octet-stream")
    }
}
