/// How a source publishes its news. Feeds are parsed generically; HTML list
/// pages need per-site extraction rules, so the two are fetched and parsed
/// by different code paths.
public enum SourceKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// RSS, Atom or JSON Feed.
    case feed
    /// An HTML page listing news items.
    case html
}
