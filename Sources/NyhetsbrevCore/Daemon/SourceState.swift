import Foundation

/// What nyhetsbrev remembers about one source between cycles: where it lives
/// now, what to send for a conditional GET, and how healthy it has been.
/// `nyhetsbrev status` shows it so an admin sees what fails, since when, why.
public struct SourceState: Sendable, Hashable, Codable {
    /// The URL in the configuration when this state was recorded; a changed
    /// configuration starts the source afresh.
    public var configuredURL: String
    /// Where the source is fetched from: the configured URL, or where a
    /// permanent redirect (301/308) sent it.
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var lastAttempt: Date?
    public var lastSuccess: Date?
    public var consecutiveFailures: Int
    /// When the current run of failures began; nil while healthy.
    public var failingSince: Date?
    public var lastError: String?
    /// What kind of failure `lastError` was, so a report can tell a bot wall
    /// from a network problem from a broken feed.
    public var lastErrorKind: SourceFailure.Kind?
    public var lastStatus: Int?
    /// Seconds the last transfer took.
    public var responseTime: Double?
    public var nextDue: Date?

    enum CodingKeys: String, CodingKey {
        case configuredURL = "configured_url"
        case url, etag
        case lastModified = "last_modified"
        case lastAttempt = "last_attempt"
        case lastSuccess = "last_success"
        case consecutiveFailures = "consecutive_failures"
        case failingSince = "failing_since"
        case lastError = "last_error"
        case lastErrorKind = "last_error_kind"
        case lastStatus = "last_status"
        case responseTime = "response_time"
        case nextDue = "next_due"
    }

    public init(configuredURL: String) {
        self.configuredURL = configuredURL
        self.url = configuredURL
        self.consecutiveFailures = 0
    }
}
