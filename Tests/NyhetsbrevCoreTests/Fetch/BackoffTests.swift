import Foundation
import Testing

@testable import NyhetsbrevCore

/// A seeded SplitMix64, for draws that must vary yet be reproducible.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct BackoffTests {
    private let hourly = Backoff(interval: 3600)

    @Test func windowDoublesPerFailureUpToTheCap() {
        #expect(hourly.window(afterFailures: 0) == 3600)
        #expect(hourly.window(afterFailures: 1) == 7200)
        #expect(hourly.window(afterFailures: 3) == 28_800)
        #expect(hourly.window(afterFailures: 5) == 86_400)
        #expect(hourly.window(afterFailures: 1000) == 86_400)
    }

    @Test func noFailuresMeansTheNormalInterval() {
        #expect(hourly.delay(afterFailures: 0, jitter: 1) == 3600)
    }

    @Test func jitterSpansTheWholeWindow() {
        #expect(hourly.delay(afterFailures: 2, jitter: 0) == 3600)
        #expect(hourly.delay(afterFailures: 2, jitter: 0.5) == 9000)
        #expect(hourly.delay(afterFailures: 2, jitter: 1) == 14_400)
        #expect(hourly.delay(afterFailures: 2, jitter: 7) == 14_400)
    }

    @Test func drawsStayInsideTheWindowAndVary() {
        var generator = SeededGenerator(state: 42)
        let delays = (0..<200).map { _ in hourly.delay(afterFailures: 3, using: &generator) }
        #expect(delays.allSatisfy { (3600...28_800).contains($0) })
        #expect(Set(delays).count > 190)
    }

    @Test func generatorDrivesNextAttempt() {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        var first = SeededGenerator(state: 7)
        var second = SeededGenerator(state: 7)
        let a = hourly.nextAttempt(now: now, failures: 4, retryAfter: nil, using: &first)
        let b = hourly.nextAttempt(now: now, failures: 4, retryAfter: nil, using: &second)
        #expect(a == b)
        #expect((now.addingTimeInterval(3600)...now.addingTimeInterval(57_600)).contains(a))
    }

    @Test func retryAfterLaterThanBackoffWins() {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let retryAfter = now.addingTimeInterval(5 * 3600)
        #expect(hourly.nextAttempt(now: now, failures: 1, retryAfter: retryAfter, jitter: 0) == retryAfter)
    }

    @Test func retryAfterEarlierThanBackoffIsNotASpeedUp() {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let next = hourly.nextAttempt(now: now, failures: 1, retryAfter: now.addingTimeInterval(60), jitter: 0)
        #expect(next == now.addingTimeInterval(3600))
    }

    @Test func retryAfterIsCapped() {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let next = hourly.nextAttempt(
            now: now, failures: 1, retryAfter: now.addingTimeInterval(30 * 86_400), jitter: 0)
        #expect(next == now.addingTimeInterval(86_400))
    }
}
