import Foundation

/// One `[[sources]]` entry, validated. Everything downstream (scheduler,
/// fetcher, archive) works from this value, never from raw TOML.
public struct SourceConfig: Sendable, Hashable {
    /// Stable key in the archive; renaming it orphans the source's history.
    public var id: SourceID
    /// Human-readable name shown in digests.
    public var title: String
    /// Where to fetch; `file:` URLs are already resolved to absolute paths.
    public var url: URL
    public var kind: SourceKind
    /// Polling interval; `nil` means the configuration's default interval.
    public var interval: Duration?
    /// Free-form labels for grouping in digests and searches.
    public var tags: [String]
    /// Disabled sources are validated but never fetched, so a broken URL is
    /// caught before the source is switched on.
    public var enabled: Bool

    /// Local files are read directly, without HTTP.
    public var isFile: Bool { url.isFileURL }

    public init(
        id: SourceID, title: String, url: URL, kind: SourceKind = .feed,
        interval: Duration? = nil, tags: [String] = [], enabled: Bool = true
    ) {
        self.id = id
        self.title = title
        self.url = url
        self.kind = kind
        self.interval = interval
        self.tags = tags
        self.enabled = enabled
    }
}
