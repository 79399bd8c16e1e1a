/// The writer's in-memory map from identity key (hashed) and normalized
/// title to where an entry is, built from the indexes on open. Hashes keep
/// it small (a million entries fit in tens of megabytes); every hit is
/// confirmed against the entry's real keys before it is trusted.
struct ArchiveLookup: Sendable {
    /// Two sources' entries with the same normalized title are one entry
    /// when their dates are at most this far apart (14 days, in seconds).
    static let titleWindow: Int64 = 14 * 86_400

    struct Location: Sendable, Hashable {
        var partition: String
        var position: Int
    }

    struct TitleCandidate: Sendable, Hashable {
        var location: Location
        var date: Int64
    }

    var keys: [UInt64: Location] = [:]
    var titles: [UInt64: [TitleCandidate]] = [:]

    mutating func add(_ record: IndexRecord, at location: Location) {
        add(keyHashes: record.keyHashes, titleHash: record.titleHash, date: record.date, at: location)
    }

    mutating func add(_ index: PartitionIndex) {
        for (position, record) in index.records.enumerated() {
            add(record, at: Location(partition: index.name, position: position))
        }
    }

    /// Adds every record of an index file; returns the number of records, or
    /// nil when a line is malformed or the count disagrees with the header
    /// (the caller then rebuilds the index from the partition).
    mutating func add(indexBytes bytes: [UInt8], partition: String) -> Int? {
        guard let (header, start) = PartitionIndex.header(of: bytes) else { return nil }
        var parsed: [(date: Int64, keyHashes: [UInt64], titleHash: UInt64?)] = []
        parsed.reserveCapacity(header.count)
        for line in bytes[start...].split(separator: 0x0A) {
            guard let fields = IndexRecord.lookupFields(line: line) else { return nil }
            parsed.append(fields)
        }
        guard parsed.count == header.count else { return nil }
        for (position, fields) in parsed.enumerated() {
            add(keyHashes: fields.keyHashes, titleHash: fields.titleHash, date: fields.date,
                at: Location(partition: partition, position: position))
        }
        return parsed.count
    }

    private mutating func add(keyHashes: [UInt64], titleHash: UInt64?, date: Int64, at location: Location) {
        for hash in keyHashes { keys[hash] = location }
        if let titleHash {
            let candidate = TitleCandidate(location: location, date: date)
            if titles[titleHash]?.contains(candidate) != true { titles[titleHash, default: []].append(candidate) }
        }
    }
}
