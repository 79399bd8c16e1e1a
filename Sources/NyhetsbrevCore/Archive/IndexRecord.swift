import Foundation

/// What the index keeps of one entry: enough to find it again by identity
/// key, filter it by source and date, and search its text, without decoding
/// its JSON. One tab-separated line per entry in the index file:
///
///     ID <TAB> DATE <TAB> SOURCES <TAB> KEY-HASHES <TAB> TITLE-HASH <TAB> FOLDED TEXT
///
/// DATE is the effective date in seconds since 1970; SOURCES and KEY-HASHES
/// are comma-separated; hashes are FNV-1a 64 in hex; the text is title,
/// summary, content and categories folded by `SearchFolding`, so it never
/// holds a tab or newline.
public struct IndexRecord: Sendable, Hashable {
    public var id: String
    public var date: Int64
    public var sources: [SourceID]
    public var keyHashes: [UInt64]
    /// Hash of the normalized title, for the cross-source title match; nil when the title is too generic.
    public var titleHash: UInt64?
    public var text: String

    /// A title must have at least this many letters and digits, in two words,
    /// before it can join entries of different sources: "Nyheter" alone
    /// would merge unrelated items.
    static let minimumTitleKeyLength = 12

    public init(entry: ArchivedEntry) {
        self.init(entry: entry, titleKey: entry.title.map(SearchFolding.titleKey))
    }

    /// `titleKey` is `SearchFolding.titleKey` of the entry's title, when the caller already has it.
    init(entry: ArchivedEntry, titleKey: String?) {
        id = entry.id
        date = Int64(entry.effectiveDate.timeIntervalSince1970.rounded(.down))
        sources = entry.sources
        keyHashes = entry.keys.map(StableHash.fnv1a64)
        titleHash = titleKey.flatMap(Self.titleHash(key:))
        text = SearchFolding.fold([entry.title, entry.summary, entry.contentText].compactMap { $0 } + entry.categories)
    }

    /// The hash of a title key, or nil when the title is too generic to join entries.
    static func titleHash(key: String) -> UInt64? {
        guard key.unicodeScalars.count >= minimumTitleKeyLength, key.utf8.contains(0x20) else { return nil }
        return StableHash.fnv1a64(key)
    }

    /// The record's index line (without the newline), written as bytes:
    /// every index rewrite writes a line per entry of the month.
    func write(to sink: inout some ByteSink) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(id.utf8.count + text.utf8.count + 64 + 17 * keyHashes.count)
        bytes.append(contentsOf: id.utf8)
        bytes.append(0x09)
        bytes.append(contentsOf: String(date).utf8)
        bytes.append(0x09)
        for (i, source) in sources.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            bytes.append(contentsOf: source.rawValue.utf8)
        }
        bytes.append(0x09)
        for (i, hash) in keyHashes.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            StableHash.appendHex(hash, to: &bytes)
        }
        bytes.append(0x09)
        if let titleHash { StableHash.appendHex(titleHash, to: &bytes) }
        bytes.append(0x09)
        bytes.append(contentsOf: text.utf8)
        sink.append(bytes)
    }

    /// Parses one index line; nil when it is malformed.
    init?(line: ArraySlice<UInt8>) {
        let fields = line.split(separator: 0x09, maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, !fields[0].isEmpty, let lookup = Self.lookupFields(fields) else { return nil }
        id = String(decoding: fields[0], as: UTF8.self)
        date = lookup.date
        sources = Self.sources(fields[2])
        keyHashes = lookup.keyHashes
        titleHash = lookup.titleHash
        text = String(decoding: fields[5], as: UTF8.self)
    }

    /// The fields the writer needs to recognise entries, without copying the
    /// text: opening a large archive for a cycle reads only these.
    static func lookupFields(line: ArraySlice<UInt8>) -> (date: Int64, keyHashes: [UInt64], titleHash: UInt64?)? {
        // Five tab positions, found without building arrays: this runs once per entry on every open.
        guard let t1 = line.firstIndex(of: 0x09), t1 > line.startIndex,
            let t2 = line[(t1 + 1)...].firstIndex(of: 0x09),
            let t3 = line[(t2 + 1)...].firstIndex(of: 0x09),
            let t4 = line[(t3 + 1)...].firstIndex(of: 0x09),
            let t5 = line[(t4 + 1)...].firstIndex(of: 0x09),
            let date = integer(line[(t1 + 1)..<t2])
        else { return nil }
        var hashes: [UInt64] = []
        var start = t3 + 1
        while start < t4 {
            let end = line[start..<t4].firstIndex(of: 0x2C) ?? t4
            guard let hash = hex(line[start..<end]) else { return nil }
            hashes.append(hash)
            start = end + 1
        }
        var title: UInt64? = nil
        if t5 > t4 + 1 {
            guard let hash = hex(line[(t4 + 1)..<t5]) else { return nil }
            title = hash
        }
        return (date, hashes, title)
    }

    private static func lookupFields(_ fields: [ArraySlice<UInt8>]) -> (date: Int64, keyHashes: [UInt64], titleHash: UInt64?)? {
        guard let date = integer(fields[1]) else { return nil }
        var hashes: [UInt64] = []
        for field in fields[3].split(separator: 0x2C) {
            guard let hash = hex(field) else { return nil }
            hashes.append(hash)
        }
        var title: UInt64? = nil
        if !fields[4].isEmpty {
            guard let hash = hex(fields[4]) else { return nil }
            title = hash
        }
        return (date, hashes, title)
    }

    static func sources(_ field: ArraySlice<UInt8>) -> [SourceID] {
        field.split(separator: 0x2C).map { SourceID(String(decoding: $0, as: UTF8.self)) }
    }

    static func integer(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        var negative = false
        var digits = 0
        for (i, byte) in zip(bytes.indices, bytes) {
            if i == bytes.startIndex, byte == 0x2D {
                negative = true
                continue
            }
            guard byte >= 0x30, byte <= 0x39, digits < 18 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
            digits += 1
        }
        guard digits > 0 else { return nil }
        return negative ? -value : value
    }

    static func hex(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        guard bytes.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }
}
