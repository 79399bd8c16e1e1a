import Foundation

/// Decides under which keys an entry is recognised when it is fetched again.
/// A source's own id (guid) is the best key, scoped to that source because
/// ids are only unique within one feed, but only while the source's ids are
/// trusted (`IdentityTrust`). The canonical link is global, so the same
/// article from two sources shares it. Without a link, the title and date
/// stand in. An entry keeps every key it was ever recognised by, first the
/// one its id derives from.
public enum EntryIdentity {
    public static func guidKey(source: SourceID, guid: String?) -> String? {
        guard let guid = guid?.trimmed, !guid.isEmpty else { return nil }
        return "guid:\(source.rawValue):\(guid)"
    }

    public static func linkKey(canonicalLink: String?) -> String? {
        guard let link = canonicalLink?.trimmed, !link.isEmpty else { return nil }
        return "link:\(link)"
    }

    public static func titleKey(source: SourceID, entry: ParsedEntry) -> String? {
        let title = entry.title?.trimmed ?? ""
        guard !title.isEmpty else { return nil }
        let date = (entry.published ?? entry.updated).map { String(Int($0.timeIntervalSince1970)) } ?? ""
        return "title:\(source.rawValue):\(StableHash.hex(title.lowercased() + "\u{1F}" + date))"
    }

    /// The keys of an incoming entry, best first: the guid when the source's
    /// ids are trusted, then the link when it is unique in the document,
    /// else the title and date. Empty when the entry cannot be identified.
    public static func keys(
        for entry: ParsedEntry, source: SourceID, canonicalLink: String?, trustIDs: Bool, linkIsUnique: Bool
    ) -> [String] {
        var keys: [String] = []
        if trustIDs, let guid = guidKey(source: source, guid: entry.id) { keys.append(guid) }
        if linkIsUnique, let link = linkKey(canonicalLink: canonicalLink) {
            keys.append(link)
        } else if let title = titleKey(source: source, entry: entry) {
            keys.append(title)
        }
        return keys
    }

    /// The guid of `source` an entry was archived under, if any.
    static func guid(in keys: [String], source: SourceID) -> String? {
        let prefix = "guid:\(source.rawValue):"
        return keys.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// The entry id derived from its first key: stable across runs and machines.
    public static func entryID(forKey key: String) -> String {
        StableHash.hex(key)
    }
}

extension String {
    /// Without surrounding whitespace. Ids and links almost never have any,
    /// so the common case is decided on the first and last byte without
    /// going through Foundation.
    var trimmed: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        func plain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
        if plain(first), plain(last) { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
