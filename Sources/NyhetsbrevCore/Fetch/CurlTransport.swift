import Foundation
import Logging

/// The production `Transport`: libcurl, one multi handle per `fetchAll` call,
/// driven on a dedicated thread so blocking in curl_multi_poll never ties up
/// the cooperative pool (two threads on a small server).
public struct CurlTransport: Transport {
    public let settings: FetchSettings
    private let logger: Logger

    public init(settings: FetchSettings, logger: Logger = Logger(label: "nyhetsbrev.fetch")) {
        self.settings = settings
        self.logger = logger
    }

    public func fetchAll(
        _ requests: [FetchRequest], progress: (@Sendable (FetchProgress) -> Void)?,
        onResult: (@Sendable (SourceID, Result<FetchResponse, FetchError>) -> Void)?
    ) async -> [SourceID: Result<FetchResponse, FetchError>] {
        var seen = Set<SourceID>()
        let unique = requests.filter { seen.insert($0.sourceID).inserted }
        guard !unique.isEmpty else { return [:] }
        let cancellation = CancellationFlag()
        let settings = settings
        let logger = logger
        let results = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Result<FetchResponse, FetchError>], Never>) in
                let thread = Thread {
                    let loop = CurlMultiLoop(
                        requests: unique, settings: settings, progress: progress, onResult: onResult,
                        cancellation: cancellation, logger: logger)
                    continuation.resume(returning: loop.run())
                }
                thread.name = "nyhetsbrev-fetch"
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
        return Dictionary(uniqueKeysWithValues: zip(unique.map(\.sourceID), results))
    }
}
