import Foundation

/// Identity keys of entries removed by retention (`[archive] keep`), so that
/// a source still listing an old item never brings it back. Stored as key
/// hashes in `archive/tombstones.json`, 17 bytes per key.
public struct Tombstones: Sendable, Hashable, Codable {
    public static let fileName = "tombstones.json"

    public var version = 1
    public var keys: Set<UInt64> = []

    enum CodingKeys: String, CodingKey { case version, keys }

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        var keys: Set<UInt64> = []
        for text in try c.decode([String].self, forKey: .keys) {
            guard let hash = IndexRecord.hex(ArraySlice(text.utf8)) else {
                throw DecodingError.dataCorruptedError(forKey: .keys, in: c, debugDescription: "\"\(text)\" is not a 16-digit hex key hash")
            }
            keys.insert(hash)
        }
        self.keys = keys
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(keys.sorted().map(StableHash.hex), forKey: .keys)
    }

    static func load(from url: URL) throws(ArchiveError) -> Tombstones {
        try ArchiveSideFile.load(Tombstones.self, from: url) ?? Tombstones()
    }
}
