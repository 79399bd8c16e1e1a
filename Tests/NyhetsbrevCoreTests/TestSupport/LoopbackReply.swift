import Foundation

/// A complete HTTP response the loopback server can send.
struct LoopbackResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Status line and headers; `Content-Length` and `Connection: close` are
    /// added unless the headers already name them (so a test can lie about the length).
    var head: Data {
        var lines = ["HTTP/1.1 \(status) \(Self.reason(status))"]
        let names = Set(headers.keys.map { $0.lowercased() })
        if !names.contains("content-length") { lines.append("Content-Length: \(body.count)") }
        if !names.contains("connection") { lines.append("Connection: close") }
        lines += headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        return Data((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 404: "Not Found"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// What a route does with a request: answer it, or misbehave in one of the
/// ways real servers do.
enum LoopbackReply: Sendable {
    case respond(LoopbackResponse)
    /// Sends the head and the first `afterBytes` bytes of the body, then resets the connection.
    case resetMidBody(LoopbackResponse, afterBytes: Int)
    /// Sends the head at once, then the body `bytes` at a time every `interval` seconds.
    case drip(LoopbackResponse, bytes: Int, interval: Double)
    /// Reads the request and never answers; ends when the client gives up or the server stops.
    case hang
    /// Writes these bytes verbatim and closes.
    case raw(Data)

    static func ok(body: Data, headers: [String: String] = [:]) -> LoopbackReply {
        .respond(LoopbackResponse(status: 200, headers: headers, body: body))
    }

    static func ok(body: String, headers: [String: String] = [:]) -> LoopbackReply {
        ok(body: Data(body.utf8), headers: headers)
    }

    static func status(_ status: Int, headers: [String: String] = [:], body: String = "") -> LoopbackReply {
        .respond(LoopbackResponse(status: status, headers: headers, body: Data(body.utf8)))
    }

    static func redirect(_ status: Int, to location: String) -> LoopbackReply {
        .status(status, headers: ["Location": location])
    }
}
