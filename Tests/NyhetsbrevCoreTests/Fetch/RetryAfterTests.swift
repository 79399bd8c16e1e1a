import Foundation
import Testing

@testable import NyhetsbrevCore

@Suite struct RetryAfterTests {
    private let now = Date(timeIntervalSince1970: 1_796_000_000)

    @Test func delaySeconds() {
        #expect(RetryAfter.parse("120", now: now) == now.addingTimeInterval(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == now)
    }

    @Test(arguments: [
        "Wed, 02 Dec 2026 07:28:00 GMT",
        "Wednesday, 02-Dec-26 07:28:00 GMT",
        "Wed Dec  2 07:28:00 2026",
    ])
    func httpDateForms(_ value: String) {
        #expect(RetryAfter.parse(value, now: now) == Date(timeIntervalSince1970: 1_796_196_480))
    }

    @Test(arguments: ["", "-5", "soon", "1.5", "99999999999999999999999"])
    func rejectsGarbage(_ value: String) {
        #expect(RetryAfter.parse(value, now: now) == nil)
    }
}
