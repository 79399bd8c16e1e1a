import Foundation

/// How politely and how defensively sources are fetched: the `[fetch]` table
/// of the configuration. The defaults suit a few dozen public-sector sources.
public struct FetchSettings: Sendable, Hashable {
    /// Transfers in flight at once across all hosts.
    public var parallel: Int = 8
    /// Transfers in flight at once to one host.
    public var perHost: Int = 2
    /// Seconds between starting two requests to the same host, so a site
    /// hosting many of our sources never sees a burst from us.
    public var hostGap: Double = 0.5
    /// Seconds allowed to establish a connection.
    public var connectTimeout: Double = 10
    /// Seconds allowed for a whole transfer, redirects included.
    public var timeout: Double = 60
    /// A transfer slower than this many bytes per second for `lowSpeedTime`
    /// seconds is abandoned (`FetchError.tooSlow`): a drip-feeding server must
    /// not hold a slot until the total timeout.
    public var lowSpeedLimit: Int = 100
    /// Seconds below `lowSpeedLimit` before giving up.
    public var lowSpeedTime: Double = 30
    /// Largest response body accepted, after decompression, in bytes.
    public var maxBodyBytes: Int = 20 * 1024 * 1024
    /// Who to contact about this client; goes into the User-Agent.
    public var contact: String? = nil
    /// CA bundle file for TLS verification; the system default when nil.
    public var caPath: String? = nil
    /// Proxy URL; when nil libcurl reads the usual environment variables
    /// (`http_proxy`, `https_proxy`, `no_proxy`). An empty string means no proxy.
    public var proxy: String? = nil

    public init() {}

    /// `nyhetsbrev/VERSION (+CONTACT)`: identifies us to webmasters and tells
    /// them whom to ask before they block us.
    public var userAgent: String {
        let base = "nyhetsbrev/\(NyhetsbrevVersion.current)"
        guard let contact = contact?.trimmingCharacters(in: .whitespaces), !contact.isEmpty else {
            return base
        }
        return "\(base) (+\(contact))"
    }
}
