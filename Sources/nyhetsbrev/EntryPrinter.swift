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
        var out = ""
        if json {
            let encoder = ArchiveCoding.encoder()
            for listed in entries {
                let entry = try listed.archived()
                guard let data = try? encoder.encode(entry) else { continue }
                out += String(decoding: data, as: UTF8.self) + "\n"
            }
        } else {
            let width = entries.map { $0.sources.first?.rawValue.count ?? 0 }.max() ?? 0
            for entry in entries {
                let source = entry.sources.first?.rawValue ?? ""
                let padded = source + String(repeating: " ", count: max(0, width - source.count))
                var title = entry.title ?? "(utan rubrik)"
                if title.utf8.contains(0x0A) { title = title.replacingOccurrences(of: "\n", with: " ") }
                out += "\(StockholmTime.day(entry.effectiveDate))  \(padded)  \(title)  \(entry.link ?? "")\n"
            }
        }
        Terminal.standardOutput(out)
    }
}
