import Foundation
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
