import Foundation

/// The state of one source across its redirect hops, owned by the fetch loop.
struct FetchJob {
    let request: FetchRequest
    /// The URL of the next (or current) hop.
    var url: URL
    var hops = 0
    /// Target of the leading run of permanent redirects.
    var permanentTarget: URL?
    /// False once a temporary hop was seen: later 301s no longer count as a move.
    var permanentChainOpen = true
    /// When the first hop started; the total timeout and `elapsed` count from here.
    var startedAt: ContinuousClock.Instant?

    init(request: FetchRequest) {
        self.request = request
        self.url = request.url
    }

    /// Politeness is per host name, whatever the port or scheme.
    var hostKey: String { url.host?.lowercased() ?? "" }

    /// Records a redirect hop to `target`; the caller checks the hop limit.
    mutating func follow(status: Int, to target: URL) {
        hops += 1
        if permanentChainOpen, HTTPStatus.isPermanentRedirect(status) {
            permanentTarget = target
        } else {
            permanentChainOpen = false
        }
        url = target
    }

    /// Whether this URL's scheme may be fetched at all by this source.
    static func isAllowed(_ url: URL, allowFile: Bool) -> Bool {
        switch url.scheme?.lowercased() {
        case "http", "https": true
        case "file": allowFile
        default: false
        }
    }
}
