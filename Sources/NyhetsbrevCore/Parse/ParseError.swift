/// Why a document could not be turned into a feed. Each case reads as one
/// line a user can act on (the caller adds which source or file it was).
public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An HTML page (bot challenge, login wall, error page) came back instead of a feed.
    case notAFeed(htmlTitle: String?)
    /// Well-formed markup or JSON, but not one of the feed formats.
    case unknownFormat(root: String)
    /// No bytes (or only whitespace).
    case empty
    /// Larger than `FeedParser.Options.maxBytes`.
    case tooLarge(limit: Int)
    /// Not readable even in recovery mode.
    case malformed(String)
    /// The file or pipe could not be read; the system's reason.
    case unreadable(String)

    public var description: String {
        switch self {
        case .notAFeed(let title?):
            return "not a feed: HTML page titled \"\(title)\""
        case .notAFeed(nil):
            return "not a feed: HTML page without a title"
        case .unknownFormat(let root):
            return "not a feed: document root <\(root)> is not RSS, RDF, Atom or JSON Feed"
        case .empty:
            return "empty document: no bytes to parse"
        case .tooLarge(let limit):
            return "document larger than the limit of \(ByteCountText.text(limit))"
        case .malformed(let why):
            return "malformed feed: \(why)"
        case .unreadable(let reason):
            return "cannot read the file (\(reason))"
        }
    }
}
