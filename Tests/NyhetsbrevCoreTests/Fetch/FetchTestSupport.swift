import Foundation
import Synchronization
import Testing

@testable import NyhetsbrevCore

/// Settings with limits short enough that the whole Fetch suite runs in seconds.
func fastFetchSettings(
    timeout: Double = 5, lowSpeedLimit: Int = 1, lowSpeedTime: Double = 30, maxBodyBytes: Int = 1024 * 1024,
    parallel: Int = 8, perHost: Int = 8, hostGap: Double = 0
) -> FetchSettings {
    var settings = FetchSettings()
    settings.timeout = timeout
    settings.connectTimeout = 2
    settings.lowSpeedLimit = lowSpeedLimit
    settings.lowSpeedTime = lowSpeedTime
    settings.maxBodyBytes = maxBodyBytes
    settings.parallel = parallel
    settings.perHost = perHost
    settings.hostGap = hostGap
    // Loopback tests must never go through a proxy from the environment.
    settings.proxy = ""
    return settings
}

/// Fetches one URL and returns its result.
func fetchOne(
    _ url: URL, settings: FetchSettings = fastFetchSettings(), etag: String? = nil, lastModified: String? = nil,
    allowFile: Bool = false
) async throws -> Result<FetchResponse, FetchError> {
    let request = FetchRequest(
        sourceID: "source", url: url, etag: etag, lastModified: lastModified, allowFile: allowFile)
    let results = await CurlTransport(settings: settings).fetchAll([request], progress: nil)
    return try #require(results["source"])
}

/// `fetchOne`, with the moment the transport reported the result. That
/// moment is taken on the fetch thread, so timing checks built on it leave
/// out the wait for a free thread to resume the test, which on a loaded
/// 2-core runner full of other tests can be seconds.
func fetchOneTimed(_ url: URL, settings: FetchSettings) async throws -> (result: Result<FetchResponse, FetchError>, ended: ContinuousClock.Instant) {
    let request = FetchRequest(sourceID: "source", url: url, etag: nil, lastModified: nil, allowFile: false)
    let ended = EndTime()
    let results = await CurlTransport(settings: settings).fetchAll([request], progress: nil) { _, _ in ended.mark() }
    let result = try #require(results["source"])
    let end = try #require(ended.instant, "the transport never reported a result")
    return (result, end)
}

/// When the transport reported a result (set once, from the fetch thread).
private final class EndTime: Sendable {
    private let value = Mutex<ContinuousClock.Instant?>(nil)
    func mark() { value.withLock { $0 = $0 ?? .now } }
    var instant: ContinuousClock.Instant? { value.withLock { $0 } }
}

/// Bytes of a file under Fixtures/Fetch.
func fetchFixture(_ name: String) throws -> Data {
    let url = try #require(
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/Fetch"),
        "missing fixture \(name)")
    return try Data(contentsOf: url)
}

extension Result where Success == FetchResponse, Failure == FetchError {
    var response: FetchResponse? { if case .success(let value) = self { value } else { nil } }
    var error: FetchError? { if case .failure(let error) = self { error } else { nil } }
}
