import Foundation
import Logging

/// Applies `[archive] keep`: removes entries older than the period under the
/// writer's lock, leaving tombstones so they are never fetched back in. The
/// daemon runs it once a day; `archive prune` runs it on demand.
public struct RetentionPass: Sendable {
    public var stateDirectory: StateDirectory
    public var keep: RetentionPeriod
    public var waitForLock: Bool
    public var onLockWait: @Sendable () -> Void

    public init(
        stateDirectory: StateDirectory, keep: RetentionPeriod, waitForLock: Bool = true,
        onLockWait: @escaping @Sendable () -> Void = {}
    ) {
        self.stateDirectory = stateDirectory
        self.keep = keep
        self.waitForLock = waitForLock
        self.onLockWait = onLockWait
    }

    /// Entries dated before this are removed when the pass runs at `now`.
    public func cutoff(at now: Date) -> Date { keep.cutoff(from: now) }

    public func run(now: Date, logger: Logger) async throws(CycleError) -> PruneResult {
        let lock = try stateDirectory.lockForWriting(wait: waitForLock, onWait: onLockWait)
        defer { withExtendedLifetime(lock) {} }
        let result: PruneResult
        do {
            let store = try ArchiveStore(directory: stateDirectory.archive)
            result = try await store.prune(before: cutoff(at: now))
        } catch {
            throw .archive(error)
        }
        logger.info(
            "retention applied",
            metadata: [
                "keep": "\(keep)", "cutoff": "\(StockholmTime.day(cutoff(at: now)))", "removed": "\(result.removed)",
                "partitions_removed": "\(result.partitionsRemoved.count)",
            ])
        return result
    }
}
