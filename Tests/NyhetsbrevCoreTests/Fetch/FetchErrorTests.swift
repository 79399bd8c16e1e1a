import Foundation
import Testing

@testable import NyhetsbrevCore

@Suite struct FetchErrorTests {
    @Test(arguments: [
        (FetchError.http(status: 404, retryAfter: nil), "HTTP 404 Not Found"),
        (.http(status: 599, retryAfter: nil), "HTTP 599"),
        (.timeout(60), "timed out after 60 s"),
        (.timeout(1.5), "timed out after 1.5 s"),
        (.tooLarge(limit: 20 * 1024 * 1024), "response larger than 20 MB (maxBodyBytes in [fetch])"),
        (.tooManyRedirects, "more than 5 redirects"),
        (
            .redirectRefused(URL(string: "file:///etc/passwd")!),
            "redirect to file:///etc/passwd refused: only http and https are followed"
        ),
    ])
    func descriptionIsOneActionableLine(error: FetchError, expected: String) {
        #expect(error.description == expected)
    }

    @Test func retryAfterIsNamedInHTTPError() {
        let error = FetchError.http(status: 429, retryAfter: Date(timeIntervalSince1970: 1_796_196_480))
        #expect(error.description == "HTTP 429 Too Many Requests, server asks to retry after 2026-12-02T07:28:00Z")
    }
}
