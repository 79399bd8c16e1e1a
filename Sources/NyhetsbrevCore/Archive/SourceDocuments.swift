/// One batch seen source by source, for the identity checks that need the
/// whole document: is a link unique in it, is an id repeated or blank.
struct SourceDocuments {
    private var linkCounts: [SourceID: [String: Int]] = [:]
    private var guids: [SourceID: Set<String>] = [:]
    private var entries: [SourceID: [IncomingEntry]] = [:]
    private var order: [SourceID] = []

    init(_ batch: [IncomingEntry]) {
        for incoming in batch {
            if entries[incoming.source] == nil { order.append(incoming.source) }
            entries[incoming.source, default: []].append(incoming)
            if let link = incoming.canonicalLink, !link.isEmpty { linkCounts[incoming.source, default: [:]][link, default: 0] += 1 }
            if let guid = incoming.entry.id?.trimmed, !guid.isEmpty { guids[incoming.source, default: []].insert(guid) }
        }
    }

    /// A link shared by several entries of one document (a feed whose items
    /// all link to the front page) identifies none of them.
    func isUnique(link: String?, in source: SourceID) -> Bool {
        guard let link, !link.isEmpty else { return false }
        return linkCounts[source]?[link] == 1
    }

    func contains(guid: String, in source: SourceID) -> Bool { guids[source]?.contains(guid) == true }

    /// Sources whose ids this batch shows cannot be trusted, with why: some
    /// entries have an id and others none, or one id names different entries.
    func untrustworthyIDs() -> [(SourceID, String)] {
        var verdicts: [(SourceID, String)] = []
        for source in order {
            let items = entries[source] ?? []
            var seen: [String: IncomingEntry] = [:]
            var blank = 0
            var repeated: String?
            for item in items {
                guard let guid = item.entry.id?.trimmed, !guid.isEmpty else {
                    blank += 1
                    continue
                }
                if let earlier = seen[guid], earlier.canonicalLink != item.canonicalLink || earlier.entry.title != item.entry.title {
                    repeated = repeated ?? guid
                }
                seen[guid] = item
            }
            if let repeated {
                verdicts.append((source, "the id \(repeated) names different entries in one document"))
            } else if blank > 0, blank < items.count {
                verdicts.append((source, "\(blank) of \(items.count) entries in one document have no id"))
            }
        }
        return verdicts
    }
}
