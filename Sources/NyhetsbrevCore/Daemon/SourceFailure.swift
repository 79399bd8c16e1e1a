/// Why one source produced nothing this cycle. The kinds let health reports
/// tell a bot wall from a broken feed from a network problem.
public struct SourceFailure: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The transfer failed: network, TLS, HTTP status, size or time limit.
        case fetch
        /// An HTML page came back where a feed was expected (bot wall, login, error page).
        case notAFeed = "not-a-feed"
        /// The document could not be read as a feed.
        case parse

        /// How a health report names the kind for an admin.
        public var explanation: String {
            switch self {
            case .fetch: "network or HTTP error"
            case .notAFeed: "bot wall or error page"
            case .parse: "not readable as a feed"
            }
        }
    }

    public var source: SourceID
    public var kind: Kind
    public var message: String

    public init(source: SourceID, kind: Kind, message: String) {
        self.source = source
        self.kind = kind
        self.message = message
    }

    /// One line for stderr and the log: `SOURCE: message`.
    public var description: String { "\(source): \(message)" }
}
