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

    /// The `charset` parameter of a Content-Type header, if any. Read as
    /// bytes: Foundation's trimming kept CoreFoundation's character-set
    /// code resident in every cycle for this one header.
    public static func charset(fromContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        for parameter in contentType.utf8.split(separator: UInt8(ascii: ";")).dropFirst() {
            guard let equals = parameter.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = parameter[..<equals].trimming(blank)
            guard name.count == 7, zip(name, "charset".utf8).allSatisfy({ $0 | 0x20 == $1 }) else { continue }
            let value = parameter[parameter.index(after: equals)...].trimming(blank).trimming {
                $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'")
            }
            return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
        }
        return nil
    }
}

extension BidirectionalCollection where SubSequence == Self {
    /// The slice without the elements at either end that match.
    fileprivate func trimming(_ matches: (Element) -> Bool) -> SubSequence {
        guard let first = firstIndex(where: { !matches($0) }) else { return self[endIndex...] }
        var end = endIndex
        while end > first, matches(self[index(before: end)]) { end = index(before: end) }
        return self[first..<end]
    }
}
