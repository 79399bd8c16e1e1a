/// Fetches a batch of sources. A protocol so the fetch cycle can be tested with
/// canned responses and the real network stays behind one implementation.
public protocol Transport: Sendable {
    /// Fetches every request and returns one result per distinct source id
    /// (the first request wins when an id repeats). Never throws: a failing
    /// source is a `FetchError` in its slot and never holds up the others.
    /// `progress` is called after each source finishes, on the transport's
    /// own thread: keep it short and hand work off rather than block.
    /// Cancelling the calling task ends unfinished sources with `.cancelled`.
    /// `onResult` receives each source's result as soon as it is known (on
    /// the transport's thread), so a caller can start parsing while the
    /// slowest sources are still downloading. With `onResult`, that is the
    /// only copy of each body: the returned responses carry an empty body,
    /// so a large batch is never in memory whole.
    func fetchAll(
        _ requests: [FetchRequest], progress: (@Sendable (FetchProgress) -> Void)?,
        onResult: (@Sendable (SourceID, Result<FetchResponse, FetchError>) -> Void)?
    ) async -> [SourceID: Result<FetchResponse, FetchError>]
}

extension Transport {
    public func fetchAll(
        _ requests: [FetchRequest], progress: (@Sendable (FetchProgress) -> Void)?
    ) async -> [SourceID: Result<FetchResponse, FetchError>] {
        await fetchAll(requests, progress: progress, onResult: nil)
    }
}
