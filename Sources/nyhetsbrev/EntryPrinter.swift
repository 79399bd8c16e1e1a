import Foundation
import NyhetsbrevCore

/// Prints archived entries as aligned text lines or as JSON Lines.
struct EntryPrinter {
    var json: Bool

    func print(_ entries: [ArchivedEntry]) {
        guard !entries.isEmpty else { return }
        var out = ""
        if json {
            let encoder = ArchiveCoding.encoder()
            for entry in entries {
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
