import Foundation

/// One source to fetch in a cycle. Carries the validators from the previous
/// successful fetch so an unchanged feed costs the publisher a 304, not a body.
public struct FetchRequest: Sendable, Hashable {
    public var sourceID: SourceID
    public var url: URL
    /// `ETag` of the last 200 response, sent back as `If-None-Match`.
    public var etag: String?
    /// `Last-Modified` of the last 200 response, sent back as `If-Modified-Since`.
    public var lastModified: String?
    /// Whether a `file:` URL is acceptable. Only sources configured as local
    /// files set this; a redirect never reaches a file, whatever this says.
    public var allowFile: Bool

    public init(
        sourceID: SourceID, url: URL, etag: String? = nil, lastModified: String? = nil,
        allowFile: Bool = false
    ) {
        self.sourceID = sourceID
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.allowFile = allowFile
    }
}
