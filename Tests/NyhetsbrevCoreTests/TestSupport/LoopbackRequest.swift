import Foundation

/// A request as the loopback server received it, for handlers to branch on and
/// for tests to assert on (conditional headers, User-Agent, ...).
struct LoopbackRequest: Sendable {
    var method: String
    /// The path without the query string; what routes match on.
    var path: String
    /// The request target as sent, query included.
    var target: String
    /// Header names lower-cased; the last occurrence wins.
    var headers: [String: String]
    /// When the request head had been read; for asserting pacing.
    var receivedAt: Date

    func header(_ name: String) -> String? { headers[name.lowercased()] }
}
