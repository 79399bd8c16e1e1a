import Foundation

/// Why one source could not be fetched. Each case maps to something an admin
/// can check (the URL, the server, the network, the limits in `[fetch]`), and
/// the fetch cycle uses the case to decide how long to back off.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A final status other than 2xx/304. `retryAfter` is set for 429 and 503
    /// when the server said when to come back.
    case http(status: Int, retryAfter: Date?)
    /// The whole transfer, redirects included, took longer than the limit (seconds).
    case timeout(Double)
    /// The server sent less than the low-speed limit for the low-speed time.
    case tooSlow
    /// The decoded body exceeded the limit (bytes).
    case tooLarge(limit: Int)
    /// No TCP connection could be made (refused, unreachable, connect timeout).
    case connect(String)
    /// A redirect pointed at a scheme other than http/https.
    case redirectRefused(URL)
    /// More redirects than `FetchTransferLimits.maxRedirects`.
    case tooManyRedirects
    /// The host name did not resolve.
    case dns(String)
    /// Certificate or handshake failure; verification is never switched off.
    case tls(String)
    /// The configured URL has a scheme this source may not use.
    case unsupportedURL(URL)
    /// The fetch cycle was cancelled before this source finished.
    case cancelled
    /// Any other libcurl failure, e.g. a connection reset mid-body.
    case transport(code: Int, message: String)

    public var description: String {
        switch self {
        case .http(let status, let retryAfter):
            let reason = HTTPStatus.reasonPhrase(status).map { " \($0)" } ?? ""
            guard let retryAfter else { return "HTTP \(status)\(reason)" }
            let stamp = CivilDate.rfc3339(retryAfter)
            return "HTTP \(status)\(reason), server asks to retry after \(stamp)"
        case .timeout(let seconds):
            return "timed out after \(Self.formatSeconds(seconds)) s"
        case .tooSlow:
            return "server sent data too slowly; transfer abandoned (see low-speed limits in [fetch])"
        case .tooLarge(let limit):
            return "response larger than \(ByteCountText.text(limit)) (maxBodyBytes in [fetch])"
        case .connect(let message):
            return "could not connect: \(message)"
        case .redirectRefused(let url):
            return "redirect to \(url.absoluteString) refused: only http and https are followed"
        case .tooManyRedirects:
            return "more than \(FetchTransferLimits.maxRedirects) redirects"
        case .dns(let message):
            return "host name did not resolve: \(message)"
        case .tls(let message):
            return "TLS failure: \(message)"
        case .unsupportedURL(let url):
            return "unsupported URL \(url.absoluteString): use http or https (file only for file sources)"
        case .cancelled:
            return "cancelled before the transfer finished"
        case .transport(let code, let message):
            return "transfer failed: \(message) (curl error \(code))"
        }
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}

/// Fixed limits that are not worth a configuration knob.
public enum FetchTransferLimits {
    /// Redirect hops followed before giving up; enough for http→https→www→path moves.
    public static let maxRedirects = 5
}
