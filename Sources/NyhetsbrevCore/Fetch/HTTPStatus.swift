/// Reason phrases for the statuses feed servers actually send, so error
/// messages read "HTTP 404 Not Found" rather than a bare number.
enum HTTPStatus {
    static func reasonPhrase(_ status: Int) -> String? {
        switch status {
        case 300: "Multiple Choices"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 410: "Gone"
        case 418: "I'm a teapot"
        case 429: "Too Many Requests"
        case 451: "Unavailable For Legal Reasons"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: nil
        }
    }

    /// Statuses whose `Location` is followed.
    static func isRedirect(_ status: Int) -> Bool { [301, 302, 303, 307, 308].contains(status) }

    /// Redirects that say the resource has moved for good.
    static func isPermanentRedirect(_ status: Int) -> Bool { status == 301 || status == 308 }

    /// Statuses on which `Retry-After` is honoured.
    static func carriesRetryAfter(_ status: Int) -> Bool { status == 429 || status == 503 }
}
