import Foundation

/// Which sources' own ids (RSS guid, Atom id) cannot identify their entries:
/// some publishing systems leave them blank, repeat them, or mint a new one
/// on every request. The verdict is per source, reached automatically while
/// ingesting, logged once, and kept in `archive/identity.json` so it
/// survives restarts. Delete a source's line there to trust it again.
public struct IdentityTrust: Sendable, Hashable, Codable {
    public static let fileName = "identity.json"

    public struct Verdict: Sendable, Hashable, Codable {
        public var reason: String
        public var since: Date
    }

    public var version = 1
    /// Sources whose ids are not used, with why and since when.
    public var untrusted: [SourceID: Verdict] = [:]

    enum CodingKeys: String, CodingKey {
        case version
        case untrusted = "untrusted_ids"
    }

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        let raw = try c.decodeIfPresent([String: Verdict].self, forKey: .untrusted) ?? [:]
        untrusted = Dictionary(uniqueKeysWithValues: raw.map { (SourceID($0.key), $0.value) })
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(Dictionary(uniqueKeysWithValues: untrusted.map { ($0.key.rawValue, $0.value) }), forKey: .untrusted)
    }

    public func trusts(_ source: SourceID) -> Bool { untrusted[source] == nil }

    static func load(from url: URL) throws(ArchiveError) -> IdentityTrust {
        try ArchiveSideFile.load(IdentityTrust.self, from: url) ?? IdentityTrust()
    }
}
