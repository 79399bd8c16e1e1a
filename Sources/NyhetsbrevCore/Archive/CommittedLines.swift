import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where a commit wrote each entry line of one partition, so a cycle's
/// report reads an entry back with one read instead of holding it. The file
/// is opened when the commit has written it (under the writer's lock) and
/// kept open: each read is then one `pread`, and reads what this cycle
/// archived even after a later cycle replaced the file.
final class CommittedLines: Sendable {
    let directory: URL
    let path: String
    let slots: [SpoolFile.Slot]
    /// -1 when the file could not be opened; reads then report why.
    private let fd: Int32
    private let openError: Int32

    init(directory: URL, path: String, slots: [SpoolFile.Slot]) {
        self.directory = directory
        self.path = path
        self.slots = slots
        fd = open(path, O_RDONLY | O_CLOEXEC)
        openError = fd < 0 ? errno : 0
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Decodes the line at `position`, as the commit wrote it.
    func entry(at position: Int) throws(ArchiveError) -> ArchivedEntry {
        guard fd >= 0 else { throw .cannotRead(path: path, reason: errnoText(openError)) }
        let slot = slots[position]
        guard case .success(let bytes) = SpoolFile.read(fd, slot) else {
            throw .damaged(path: path, reason: "entry \(position + 1) is not where it was written")
        }
        do {
            return try ArchiveCoding.decoder().decode(ArchivedEntry.self, from: Data(bytes))
        } catch {
            throw .damaged(path: path, reason: "entry \(position + 1): " + ArchiveCoding.describe(error))
        }
    }
}
