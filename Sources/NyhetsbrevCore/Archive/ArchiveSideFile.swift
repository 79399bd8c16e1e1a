import Foundation

/// The small JSON files beside the partitions (identity.json,
/// tombstones.json): read whole, written atomically, absent means empty.
enum ArchiveSideFile {
    static func load<T: Decodable>(_ type: T.Type, from url: URL) throws(ArchiveError) -> T? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try ArchiveCoding.decoder().decode(T.self, from: Data(contentsOf: url))
        } catch let error as DecodingError {
            throw .damaged(path: url.path, reason: ArchiveCoding.describe(error))
        } catch {
            throw .cannotRead(path: url.path, reason: error.localizedDescription)
        }
    }

    static func save<T: Encodable>(_ value: T, to url: URL) throws(ArchiveError) {
        let encoder = ArchiveCoding.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            throw .cannotWrite(path: url.path, reason: "\(error)")
        }
        do {
            try AtomicFile.write(data + Data("\n".utf8), to: url)
        } catch {
            throw .cannotWrite(path: url.path, reason: error.description)
        }
    }
}
