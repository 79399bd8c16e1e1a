import Foundation

/// The per-source state of all sources in one small JSON file
/// (`sources.json` in the state directory), replaced atomically.
public struct SourceStateStore: Sendable {
    public static let currentVersion = 1
    public let file: URL

    public init(file: URL) { self.file = file }

    private struct Document: Codable {
        var version: Int
        var sources: [String: SourceState]
    }

    /// The stored states by source id; empty when nothing was stored yet.
    public func load() throws(ArchiveError) -> [SourceID: SourceState] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [:] }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw .cannotRead(path: file.path, reason: error.localizedDescription)
        }
        let document: Document
        do {
            document = try ArchiveCoding.decoder().decode(Document.self, from: data)
        } catch {
            throw .damaged(path: file.path, reason: ArchiveCoding.describe(error))
        }
        guard document.version <= Self.currentVersion else {
            throw .unsupportedVersion(path: file.path, version: document.version)
        }
        return Dictionary(uniqueKeysWithValues: document.sources.map { (SourceID($0.key), $0.value) })
    }

    public func save(_ states: [SourceID: SourceState]) throws(ArchiveError) {
        let document = Document(
            version: Self.currentVersion,
            sources: Dictionary(uniqueKeysWithValues: states.map { ($0.key.rawValue, $0.value) }))
        let encoder = ArchiveCoding.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        do {
            try AtomicFile.write(try encoder.encode(document), to: file)
        } catch let failure as AtomicFile.Failure {
            throw .cannotWrite(path: file.path, reason: failure.description)
        } catch {
            throw .cannotWrite(path: file.path, reason: "\(error)")
        }
    }
}
