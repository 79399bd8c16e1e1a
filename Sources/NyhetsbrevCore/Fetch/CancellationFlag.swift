import Foundation

/// Carries task cancellation from Swift concurrency to the fetch loop thread,
/// which polls it between curl_multi_poll rounds.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    var isCancelled: Bool { lock.withLock { cancelled } }

    func cancel() { lock.withLock { cancelled = true } }
}
