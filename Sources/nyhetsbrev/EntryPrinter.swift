import Foundation
import NyhetsbrevCore

/// What a listing needs of an entry: archive queries give whole entries, a
/// fetch cycle's report gives brief ones that read the whole on request.
protocol ListedEntry {
    var effectiveDate: Date { get }
    var sources: [SourceID] { get }
    var title: String? { get }
    var link: String? { get }
    func archived() throws(ArchiveError) -> ArchivedEntry
}

extension ArchivedEntry: ListedEntry {
    func archived() -> ArchivedEntry { self }
}

extension AddedEntry: ListedEntry {}

/// Prints archived entries as aligned text lines or as JSON Lines.
struct EntryPrinter {
    var json: Bool

    func print(_ entries: [some ListedEntry]) throws(ArchiveError) {
        guard !entries.isEmpty else { return }
        var out = Data()
        if json {
            let encoder = ArchiveCoding.encoder()
            for listed in entries {
                let entry = try listed.archived()
                guard let data = try? encoder.encode(entry) else { continue }
                out.append(data)
                out.append(0x0A)
            }
        } else {
            // Written as bytes: a first cycle over many sources prints thousands of lines.
            let width = entries.map { $0.sources.first?.rawValue.count ?? 0 }.max() ?? 0
            for entry in entries {
                let source = entry.sources.first?.rawValue ?? ""
                out.append(contentsOf: StockholmTime.day(entry.effectiveDate).utf8)
                out.append(contentsOf: [0x20, 0x20])
                out.append(contentsOf: source.utf8)
                out.append(contentsOf: repeatElement(0x20, count: max(0, width - source.count) + 2))
                let title = entry.title ?? "(utan rubrik)"
                out.append(contentsOf: title.utf8.map { $0 == 0x0A ? 0x20 : $0 })
                out.append(contentsOf: [0x20, 0x20])
                out.append(contentsOf: (entry.link ?? "").utf8)
                out.append(0x0A)
            }
        }
        Terminal.standardOutput(out)
    }
}
