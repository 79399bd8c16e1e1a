import Foundation

/// Runs blocking work (waiting on a child process, a long synchronous loop)
/// on a thread of its own. Swift Testing runs tests in parallel on the
/// cooperative pool, which has one thread per core (two here); blocking one
/// of them starves every async test and turns timing bounds into flakes.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
