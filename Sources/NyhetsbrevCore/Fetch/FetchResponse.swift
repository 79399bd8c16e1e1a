import Foundation

/// A completed fetch: a 2xx with its body, or a 304 meaning "what you have is current".
/// Everything else is a `FetchError`, so callers never mistake an error page for a feed.
public struct FetchResponse: Sendable {
    public var status: Int
    /// The decoded (decompressed) body; empty for a 304.
    public var body: Data
    /// As sent by the server; informative only, feeds are sniffed, not trusted by type.
    public var contentType: String?
    /// The URL the body came from, after redirects.
    public var finalURL: URL
    public var etag: String?
    public var lastModified: String?
    /// Where the source has moved for good: the target of the leading run of
    /// 301/308 hops, nil when the first hop was temporary or there was none.
    /// The caller may suggest updating the configuration to this URL.
    public var permanentRedirect: URL?
    /// Wall-clock seconds from the first request to the last byte, redirects included.
    public var elapsed: Double
    /// When the server asked to be left alone until; only on 429/503, kept here
    /// for callers that inspect responses directly.
    public var retryAfter: Date?

    /// Whether the server confirmed the cached copy is current.
    public var notModified: Bool { status == 304 }

    public init(
        status: Int, body: Data, contentType: String? = nil, finalURL: URL, etag: String? = nil,
        lastModified: String? = nil, permanentRedirect: URL? = nil, elapsed: Double = 0,
        retryAfter: Date? = nil
    ) {
        self.status = status
        self.body = body
        self.contentType = contentType
        self.finalURL = finalURL
        self.etag = etag
        self.lastModified = lastModified
        self.permanentRedirect = permanentRedirect
        self.elapsed = elapsed
        self.retryAfter = retryAfter
    }

    /// The charset the server declared, which the parser weighs after the
    /// document's own BOM and XML declaration.
    public var charset: String? { Self.charset(fromContentType: contentType) }

    /// The `charset` parameter of a Content-Type header, if any.
    public static func charset(fromContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let value = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
