import Foundation

/// When to try a failing source again. The wait grows exponentially with the
/// number of consecutive failures, is randomised over the whole window (full
/// jitter, so sources that failed together do not retry together), never drops
/// below the source's own poll interval (a broken source is never polled more
/// often than a healthy one) and never exceeds `cap`.
public struct Backoff: Sendable, Hashable {
    /// The source's normal poll interval, in seconds: the shortest wait.
    public var interval: Double
    /// The longest wait, in seconds; a day, so a dead source is still noticed daily.
    public var cap: Double

    public init(interval: Double, cap: Double = 24 * 60 * 60) {
        self.interval = max(0, interval)
        self.cap = max(self.interval, cap)
    }

    /// The upper end of the window after `failures` consecutive failures:
    /// `interval * 2^failures`, capped.
    public func window(afterFailures failures: Int) -> Double {
        let exponent = Double(min(max(0, failures), 62))
        return min(cap, interval * pow(2, exponent))
    }

    /// Seconds to wait after `failures` consecutive failures: uniform in
    /// `interval ... window(afterFailures:)`; exactly `interval` when there were none.
    public func delay<G: RandomNumberGenerator>(afterFailures failures: Int, using generator: inout G) -> Double {
        delay(afterFailures: failures, jitter: Double.random(in: 0...1, using: &generator))
    }

    /// The same with the random draw given: `jitter` in 0...1 picks the point in the window.
    public func delay(afterFailures failures: Int, jitter: Double) -> Double {
        let upper = window(afterFailures: failures)
        return interval + (upper - interval) * min(1, max(0, jitter))
    }

    /// The next attempt, also honouring a server's `Retry-After` (itself capped,
    /// so a hostile or mistaken header cannot silence a source for weeks).
    public func nextAttempt<G: RandomNumberGenerator>(
        now: Date, failures: Int, retryAfter: Date?, using generator: inout G
    ) -> Date {
        nextAttempt(now: now, failures: failures, retryAfter: retryAfter, jitter: Double.random(in: 0...1, using: &generator))
    }

    /// The same with the random draw given.
    public func nextAttempt(now: Date, failures: Int, retryAfter: Date?, jitter: Double) -> Date {
        let backedOff = now.addingTimeInterval(delay(afterFailures: failures, jitter: jitter))
        guard let retryAfter else { return backedOff }
        return max(backedOff, min(retryAfter, now.addingTimeInterval(cap)))
    }
}
