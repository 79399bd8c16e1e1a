import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for tests that
/// must exercise a real client against real sockets without the internet.
///
///     let server = try LoopbackServer()
///     server.route("/feed.xml") { _ in .ok(body: xml, headers: ["Content-Type": "application/rss+xml"]) }
///     let url = server.url("/feed.xml")
///
/// Routes match the path without the query; an unrouted path gets a 404.
/// Replies can also misbehave (`LoopbackReply`: reset, drip, hang, raw bytes).
/// The server stops on `stop()` or when the last reference goes away.
final class LoopbackServer: Sendable {
    private let listener: LoopbackListener

    /// `port` 0 (the default) takes an ephemeral port; a fixed one outside
    /// the ephemeral range is one no other test's server can be given.
    init(port: UInt16 = 0) throws { listener = try LoopbackListener(port: port) }

    deinit { listener.stop() }

    var port: UInt16 { listener.port }

    /// Serves `path` with `handler`, which runs on the connection's thread
    /// (it may sleep to simulate a slow backend); replaces an earlier route.
    func route(_ path: String, _ handler: @escaping @Sendable (LoopbackRequest) -> LoopbackReply) {
        listener.route(path, handler)
    }

    /// Serves `path` with the same reply every time.
    func route(_ path: String, reply: LoopbackReply) {
        listener.route(path) { _ in reply }
    }

    func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    /// Every request received so far, in arrival order.
    var requests: [LoopbackRequest] { listener.requests }

    func requests(to path: String) -> [LoopbackRequest] { requests.filter { $0.path == path } }

    /// The most requests that were being handled at the same moment.
    var peakConcurrency: Int { listener.peakConcurrency }

    /// Stops accepting and ends every connection; later requests are refused.
    func stop() { listener.stop() }
}
