import Foundation

/// One month of the archive in one file, so that a cycle rewrites only the
/// months it touched. The file is JSON with one entry per line, which keeps
/// it readable, greppable and diffable by hand, and lets nyhetsbrev read or
/// replace one entry without decoding the other thousands:
///
///     {"version":1,"partition":"2026-11","entries":[
///     {"id":"…",…},
///     {"id":"…",…}
///     ]}
///
/// In memory the entries stay as their encoded lines; only the entries a
/// cycle revises, or a query returns, are decoded.
public struct ArchivePartition: Sendable, Hashable {
    public static let currentVersion = 1

    /// "YYYY-MM" (UTC) of the entries' effective date when they were filed.
    public var name: String
    /// Each entry's JSON object, without the separating comma or newline.
    public private(set) var lines: [Data]

    public init(name: String, entries: [ArchivedEntry] = []) {
        self.name = name
        self.lines = entries.map(StorageJSONWriter.line(for:))
    }

    init(name: String, lines: [Data]) {
        self.name = name
        self.lines = lines
    }

    public var fileName: String { Self.fileName(name) }
    public var count: Int { lines.count }

    public static func fileName(_ name: String) -> String { "\(name).json" }

    /// The partition an entry dated `date` is filed under.
    public static func name(for date: Date) -> String {
        // Arithmetic rather than Calendar and String(format:): called for every entry archived.
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let (year, month, _) = CivilDate.fromDays(days)
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + (month < 10 ? "-0" : "-") + String(month)
    }

    /// Whether a file name in the archive directory is a partition.
    public static func isPartitionFile(_ fileName: String) -> Bool {
        let bytes = Array(fileName.utf8)
        guard bytes.count == 12, fileName.hasSuffix(".json") else { return false }
        let digits = [0, 1, 2, 3, 5, 6]
        return digits.allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 } && bytes[4] == 0x2D
    }

    public func entry(at position: Int) throws(ArchiveError) -> ArchivedEntry {
        do {
            return try ArchiveCoding.decoder().decode(ArchivedEntry.self, from: lines[position])
        } catch {
            throw .damaged(path: fileName, reason: "entry \(position + 1): " + ArchiveCoding.describe(error))
        }
    }

    /// Every entry, decoded; the first undecodable one throws.
    public func entries() throws(ArchiveError) -> [ArchivedEntry] {
        var out: [ArchivedEntry] = []
        out.reserveCapacity(lines.count)
        for position in lines.indices { out.append(try entry(at: position)) }
        return out
    }

    /// Returns the line written for the entry.
    @discardableResult
    public mutating func append(_ entry: ArchivedEntry) -> Data {
        let line = StorageJSONWriter.line(for: entry)
        lines.append(line)
        return line
    }

    public mutating func replace(at position: Int, with entry: ArchivedEntry) {
        lines[position] = StorageJSONWriter.line(for: entry)
    }

    public mutating func remove(at positions: Set<Int>) {
        lines = lines.enumerated().filter { !positions.contains($0.offset) }.map(\.element)
    }

    public func encoded() -> Data {
        var data = Data()
        data.reserveCapacity(lines.reduce(64) { $0 + $1.count + 2 })
        encode(into: &data)
        return data
    }

    public func encode(into sink: inout some ByteSink) {
        Self.encode(name: name, count: lines.count, into: &sink) { position, sink in sink.append(lines[position]) }
    }

    /// Writes the file of a partition named `name` with `count` entries,
    /// each line appended by `line`: the one place that knows the layout.
    static func encode<Sink: ByteSink, Failure: Error>(
        name: String, count: Int, into sink: inout Sink, line: (Int, inout Sink) throws(Failure) -> Void
    ) throws(Failure) {
        sink.append(header(name))
        for position in 0..<count {
            if position > 0 { sink.append(separator) }
            try line(position, &sink)
        }
        sink.append(count > 0 ? lastLineEnd + end : end)
    }

    /// The first line of a partition file, newline included.
    static func header(_ name: String) -> String {
        "{\"version\":\(currentVersion),\"partition\":\"\(name)\",\"entries\":[\n"
    }

    /// What follows each entry line but the last.
    static let separator = ",\n"
    /// What follows the last entry line.
    static let lastLineEnd = "\n"
    /// The last line of a partition file.
    static let end = "]}\n"

    /// Reads a partition file. The fast path takes the one-entry-per-line
    /// layout nyhetsbrev writes apart without decoding the entries; a file
    /// reformatted by hand (pretty-printed, joined) is decoded whole and
    /// brought back to that layout. The fast path does not decode the
    /// entries: `checkedEntries(path:)` (or building the index) does.
    public static func decode(_ data: Data, path: String) throws(ArchiveError) -> ArchivePartition {
        let partition: ArchivePartition
        if let (header, lines) = splitLines(data) {
            let envelope = try envelope(of: header + Data("]}".utf8), path: path)
            partition = ArchivePartition(name: envelope.partition, lines: lines)
        } else {
            let envelope = try envelope(of: data, path: path)
            struct Body: Decodable { var entries: [ArchivedEntry] }
            do {
                let body = try ArchiveCoding.decoder().decode(Body.self, from: data)
                partition = ArchivePartition(name: envelope.partition, entries: body.entries)
            } catch {
                throw .damaged(path: path, reason: ArchiveCoding.describe(error))
            }
        }
        guard isPartitionFile(partition.fileName) else {
            throw .damaged(path: path, reason: "\"partition\" is \"\(partition.name)\", not YYYY-MM")
        }
        return partition
    }

    /// Every entry decoded, with damage reported against the file's full path.
    func checkedEntries(path: String) throws(ArchiveError) -> [ArchivedEntry] {
        do {
            return try entries()
        } catch let ArchiveError.damaged(_, reason) {
            throw .damaged(path: path, reason: reason)
        }
    }

    private struct Envelope: Decodable {
        var version: Int
        var partition: String
    }

    private static func envelope(of data: Data, path: String) throws(ArchiveError) -> Envelope {
        let decoder = ArchiveCoding.decoder()
        let envelope: Envelope
        do {
            envelope = try decoder.decode(Envelope.self, from: data)
        } catch {
            // A truncated file never parses whole; say what its header claims if it can.
            if let header = data.firstIndex(of: 0x0A).map({ data[..<$0] + Data("]}".utf8) }),
                let head = try? decoder.decode(Envelope.self, from: header), head.version > currentVersion
            {
                throw .unsupportedVersion(path: path, version: head.version)
            }
            throw .damaged(path: path, reason: ArchiveCoding.describe(error))
        }
        guard envelope.version <= currentVersion else {
            throw .unsupportedVersion(path: path, version: envelope.version)
        }
        return envelope
    }

    /// The header line and entry lines of a file in nyhetsbrev's own layout,
    /// or nil when the layout differs (the caller then decodes the file whole).
    private static func splitLines(_ data: Data) -> (Data, [Data])? {
        let bytes = [UInt8](data)
        var rows = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if rows.last?.isEmpty == true { rows.removeLast() }
        guard rows.count >= 2, let first = rows.first, first.last == 0x5B,
            Array(rows[rows.count - 1]) == Array("]}".utf8)
        else { return nil }
        var lines: [Data] = []
        lines.reserveCapacity(rows.count - 2)
        for (i, row) in rows.dropFirst().dropLast().enumerated() {
            let last = i == rows.count - 3
            var line = row
            if !last {
                guard line.last == 0x2C else { return nil }
                line = line.dropLast()
            }
            guard line.first == 0x7B, line.last == 0x7D else { return nil }
            lines.append(Data(line))
        }
        return (Data(first), lines)
    }
}

extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()
}
