import Foundation

/// Renders a selection of entries for `archive export`: JSON (one array),
/// JSON Lines, CSV (RFC 4180) or an Atom 1.0 feed, so an intranet can
/// re-publish the aggregate. JSON and JSON Lines carry every archived field;
/// CSV and Atom the ones a reader needs.
public enum ArchiveExport {
    public enum Format: String, Sendable, CaseIterable {
        case json, jsonl, csv, atom
    }

    /// The CSV columns, in order.
    public static let csvColumns = [
        "id", "sources", "title", "link", "published", "updated", "summary", "first_seen", "revision", "updated_at",
    ]

    public static func render(
        _ entries: [ArchivedEntry], as format: Format, feedTitle: String = "Nyhetsbrev", now: Date
    ) throws(ArchiveError) -> String {
        switch format {
        case .json:
            let encoder = ArchiveCoding.encoder()
            encoder.outputFormatting.insert(.prettyPrinted)
            return String(decoding: try encode(entries, with: encoder), as: UTF8.self) + "\n"
        case .jsonl:
            let encoder = ArchiveCoding.encoder()
            var out = ""
            for entry in entries { out += String(decoding: try encode(entry, with: encoder), as: UTF8.self) + "\n" }
            return out
        case .csv:
            return csv(entries)
        case .atom:
            return atom(entries, title: feedTitle, now: now)
        }
    }

    private static func encode<T: Encodable>(_ value: T, with encoder: JSONEncoder) throws(ArchiveError) -> Data {
        do {
            return try encoder.encode(value)
        } catch {
            throw .cannotWrite(path: "(standard output)", reason: "cannot encode: \(error)")
        }
    }

    static func timestamp(_ date: Date?) -> String {
        date.map(CivilDate.rfc3339) ?? ""
    }

    private static func csv(_ entries: [ArchivedEntry]) -> String {
        var out = csvColumns.joined(separator: ",") + "\r\n"
        for entry in entries {
            let fields = [
                entry.id, entry.sources.map(\.rawValue).joined(separator: " "), entry.title ?? "", entry.link ?? "",
                timestamp(entry.published), timestamp(entry.updated), entry.summary ?? "", timestamp(entry.firstSeen),
                String(entry.revision), timestamp(entry.updatedAt),
            ]
            out += fields.map(csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// An Atom 1.0 feed (RFC 4287). Entry ids are `urn:nyhetsbrev:entry:ID`,
    /// stable across exports; `updated` is when the archive last revised the
    /// entry, else what the source said; each source is a category.
    private static func atom(_ entries: [ArchivedEntry], title: String, now: Date) -> String {
        func updated(_ e: ArchivedEntry) -> Date { e.updatedAt ?? e.updated ?? e.published ?? e.firstSeen }
        let feedUpdated = entries.map(updated).max() ?? now
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <id>urn:nyhetsbrev:archive</id>
              <title>\(xml(title))</title>
              <updated>\(timestamp(feedUpdated))</updated>
              <author><name>nyhetsbrev</name></author>
              <generator version="\(xml(NyhetsbrevVersion.current))">nyhetsbrev</generator>

            """
        for entry in entries {
            out += "  <entry>\n"
            out += "    <id>urn:nyhetsbrev:entry:\(xml(entry.id))</id>\n"
            out += "    <title type=\"text\">\(xml(entry.title ?? "(utan rubrik)"))</title>\n"
            if let link = entry.link { out += "    <link rel=\"alternate\" href=\"\(xml(link))\"/>\n" }
            if let published = entry.published { out += "    <published>\(timestamp(published))</published>\n" }
            out += "    <updated>\(timestamp(updated(entry)))</updated>\n"
            for author in entry.authors {
                guard let name = author.name, !name.isEmpty else { continue }
                out += "    <author><name>\(xml(name))</name>"
                if let email = author.email { out += "<email>\(xml(email))</email>" }
                if let uri = author.uri { out += "<uri>\(xml(uri))</uri>" }
                out += "</author>\n"
            }
            for source in entry.sources {
                out += "    <category scheme=\"urn:nyhetsbrev:source\" term=\"\(xml(source.rawValue))\"/>\n"
            }
            if let html = entry.summaryHTML {
                out += "    <summary type=\"html\">\(xml(html))</summary>\n"
            } else if let summary = entry.summary {
                out += "    <summary type=\"text\">\(xml(summary))</summary>\n"
            }
            if entry.link == nil {
                // RFC 4287 4.1.2: an entry without an alternate link must have content.
                out += "    <content type=\"text\">\(xml(entry.contentText ?? entry.summary ?? entry.title ?? ""))</content>\n"
            }
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }

    /// Escapes text for XML and drops characters XML 1.0 cannot carry.
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
