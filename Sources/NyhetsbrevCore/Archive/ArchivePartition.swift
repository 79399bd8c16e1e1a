import Foundation

/// One month of the archive in one file, so that a cycle rewrites only the
/// months it touched. The file is JSON with one entry per line, which keeps
/// it readable, greppable and diffable by hand:
///
///     {"version":1,"partition":"2026-11","entries":[
///     {"id":"…",…},
///     {"id":"…",…}
///     ]}
public struct ArchivePartition: Sendable, Hashable {
    public static let currentVersion = 1

    /// "YYYY-MM" (UTC) of the entries' effective date when they were filed.
    public var name: String
    public var entries: [ArchivedEntry]

    public init(name: String, entries: [ArchivedEntry] = []) {
        self.name = name
        self.entries = entries
    }

    public var fileName: String { "\(name).json" }

    /// The partition an entry dated `date` is filed under.
    public static func name(for date: Date) -> String {
        let c = Calendar.utc.dateComponents([.year, .month], from: date)
        let year = c.year ?? 1970
        let month = c.month ?? 1
        return String(format: "%04d-%02d", year, month)
    }

    /// Whether a file name in the archive directory is a partition.
    public static func isPartitionFile(_ fileName: String) -> Bool {
        let bytes = Array(fileName.utf8)
        guard bytes.count == 12, fileName.hasSuffix(".json") else { return false }
        let digits = [0, 1, 2, 3, 5, 6]
        return digits.allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 } && bytes[4] == 0x2D
    }

    public func encoded() throws(ArchiveError) -> Data {
        let encoder = ArchiveCoding.encoder()
        var data = Data("{\"version\":\(Self.currentVersion),\"partition\":\"\(name)\",\"entries\":[\n".utf8)
        for (i, entry) in entries.enumerated() {
            do {
                data.append(try encoder.encode(entry))
            } catch {
                throw .cannotWrite(path: fileName, reason: "entry \(entry.id) cannot be encoded: \(error)")
            }
            data.append(contentsOf: i == entries.count - 1 ? [0x0A] : [0x2C, 0x0A])
        }
        data.append(contentsOf: Array("]}\n".utf8))
        return data
    }

    public static func decode(_ data: Data, path: String) throws(ArchiveError) -> ArchivePartition {
        struct Envelope: Decodable {
            var version: Int
            var partition: String
        }
        struct Body: Decodable {
            var entries: [ArchivedEntry]
        }
        let decoder = ArchiveCoding.decoder()
        let envelope: Envelope
        do {
            envelope = try decoder.decode(Envelope.self, from: data)
        } catch {
            throw .damaged(path: path, reason: ArchiveCoding.describe(error))
        }
        guard envelope.version <= currentVersion else {
            throw .unsupportedVersion(path: path, version: envelope.version)
        }
        do {
            let body = try decoder.decode(Body.self, from: data)
            return ArchivePartition(name: envelope.partition, entries: body.entries)
        } catch {
            throw .damaged(path: path, reason: ArchiveCoding.describe(error))
        }
    }
}

extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()
}
