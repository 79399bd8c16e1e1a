import Foundation

/// Decides under which key an entry is recognised when it is fetched again.
/// A source's own id (guid) is the best key, scoped to that source because
/// ids are only unique within one feed; without one the canonical link
/// serves, and failing both, the title and date together.
public enum EntryIdentity {
    public static func key(for entry: ParsedEntry, source: SourceID, canonicalLink: String?) -> String? {
        if let guid = entry.id?.trimmed, !guid.isEmpty {
            return "guid:\(source.rawValue):\(guid)"
        }
        if let link = canonicalLink, !link.isEmpty {
            return "link:\(link)"
        }
        let title = entry.title?.trimmed ?? ""
        let date = (entry.published ?? entry.updated).map { String(Int($0.timeIntervalSince1970)) } ?? ""
        guard !title.isEmpty else { return nil }
        return "title:\(source.rawValue):\(StableHash.hex(title.lowercased() + "\u{1F}" + date))"
    }

    /// The entry id derived from its first key: stable across runs and machines.
    public static func entryID(forKey key: String) -> String {
        StableHash.hex(key)
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
