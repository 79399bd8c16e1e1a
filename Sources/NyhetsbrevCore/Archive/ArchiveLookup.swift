/// The writer's in-memory map from identity key (hashed) and normalized
/// title to where an entry is, built from the indexes on open. Hashes and
/// 8-byte locations keep it small (about 60 bytes per entry); every hit is
/// confirmed against the entry's real keys before it is trusted.
struct ArchiveLookup: Sendable {
    /// Two sources' entries with the same normalized title are one entry
    /// when their dates are at most this far apart (14 days, in seconds).
    static let titleWindow: Int64 = 14 * 86_400

    struct Location: Sendable, Hashable {
        /// Ordinal of the partition name in `names`.
        var partition: Int32
        var position: Int32
    }

    struct TitleCandidate: Sendable, Hashable {
        var location: Location
        var date: Int64
    }

    private(set) var names: [String] = []
    private var ordinals: [String: Int32] = [:]
    private(set) var keys: [UInt64: Location] = [:]
    /// The first entry with a title; the rare further ones in `moreTitles`.
    private var titles: [UInt64: TitleCandidate] = [:]
    private var moreTitles: [UInt64: [TitleCandidate]] = [:]

    mutating func location(_ partition: String, _ position: Int) -> Location {
        if let ordinal = ordinals[partition] { return Location(partition: ordinal, position: Int32(position)) }
        let ordinal = Int32(names.count)
        names.append(partition)
        ordinals[partition] = ordinal
        return Location(partition: ordinal, position: Int32(position))
    }

    func name(of location: Location) -> String { names[Int(location.partition)] }

    func titleCandidates(_ hash: UInt64) -> [TitleCandidate] {
        guard let first = titles[hash] else { return [] }
        return [first] + (moreTitles[hash] ?? [])
    }

    mutating func add(_ record: IndexRecord, at location: Location) {
        add(keyHashes: record.keyHashes, titleHash: record.titleHash, date: record.date, at: location)
    }

    mutating func add(_ index: PartitionIndex) {
        for (position, record) in index.records.enumerated() {
            add(record, at: location(index.name, position))
        }
    }

    /// Adds every record of an index file; returns the number of records, or
    /// nil when a line is malformed or the count disagrees with the header
    /// (the caller then rebuilds the index from the partition).
    mutating func add(indexBytes bytes: [UInt8], partition: String) -> Int? {
        guard let (header, start) = PartitionIndex.header(of: bytes) else { return nil }
        var parsed: [(date: Int64, keyHashes: [UInt64], titleHash: UInt64?)] = []
        parsed.reserveCapacity(header.count)
        var lineStart = start
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            guard let fields = IndexRecord.lookupFields(line: bytes[lineStart..<lineEnd]) else { return nil }
            parsed.append(fields)
            lineStart = lineEnd + 1
        }
        guard parsed.count == header.count else { return nil }
        for (position, fields) in parsed.enumerated() {
            add(keyHashes: fields.keyHashes, titleHash: fields.titleHash, date: fields.date, at: location(partition, position))
        }
        return parsed.count
    }

    private mutating func add(keyHashes: [UInt64], titleHash: UInt64?, date: Int64, at location: Location) {
        for hash in keyHashes { keys[hash] = location }
        guard let titleHash else { return }
        let candidate = TitleCandidate(location: location, date: date)
        guard let first = titles[titleHash] else {
            titles[titleHash] = candidate
            return
        }
        if first != candidate, moreTitles[titleHash]?.contains(candidate) != true {
            moreTitles[titleHash, default: []].append(candidate)
        }
    }
}
