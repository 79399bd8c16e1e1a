/// The outcome of one fetch cycle over a set of sources.
public struct CycleReport: Sendable, Hashable {
    /// Entries archived for the first time, newest first.
    public var added: [AddedEntry] = []
    /// Known entries whose text changed at the source.
    public var revised: [ArchivedEntry] = []
    public var failures: [SourceFailure] = []
    /// Sources that answered "not modified" (304).
    public var notModified: [SourceID] = []
    /// Sources fetched and parsed successfully (304s included).
    public var succeeded: [SourceID] = []
    /// Sources that moved permanently (301/308) this cycle, with their new URL.
    public var moved: [SourceID: String] = [:]

    public init() {}

    public var allSucceeded: Bool { failures.isEmpty }
}
