/// An entry on its way into the archive: what a source published, with the
/// canonical form of its link computed by the parse stage.
public struct IncomingEntry: Sendable, Hashable {
    public var source: SourceID
    public var entry: ParsedEntry
    public var canonicalLink: String?

    public init(source: SourceID, entry: ParsedEntry, canonicalLink: String?) {
        self.source = source
        self.entry = entry
        self.canonicalLink = canonicalLink
    }
}
