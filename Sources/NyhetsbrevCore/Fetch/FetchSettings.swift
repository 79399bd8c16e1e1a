import Foundation

/// How politely and how defensively sources are fetched: the `[fetch]` table
/// of the configuration. The defaults suit a few dozen public-sector sources.
public struct FetchSettings: Sendable, Hashable {
    /// Transfers in flight at once across all hosts.
    public var parallel: Int = 8
    /// Transfers in flight at once to one host.
    public var perHost: Int = 2
    /// Seconds allowed to establish a connection.
    public var connectTimeout: Double = 10
    /// Seconds allowed for a whole transfer, redirects included.
    public var timeout: Double = 60
    /// Largest response body accepted, after decompression, in bytes.
    public var maxBodyBytes: Int = 20 * 1024 * 1024
    /// Who to contact about this client; goes into the User-Agent.
    public var contact: String? = nil
    /// CA bundle file for TLS verification; the system default when nil.
    public var caPath: String? = nil
    /// Proxy URL; when nil libcurl reads the usual environment variables.
    public var proxy: String? = nil

    public init() {}
}
