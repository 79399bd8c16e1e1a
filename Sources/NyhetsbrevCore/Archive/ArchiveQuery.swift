import Foundation

/// Which entries a list, search or export selects. Text terms are matched
/// as substrings of the folded title, summary, content and categories (so
/// "cancer" finds "bröstcancer", as Swedish compounds need); every term and
/// every filter must hold.
public struct ArchiveQuery: Sendable, Hashable {
    /// Folded words and phrases.
    public var terms: [String] = []
    /// Each set must share a source with the entry: one set from `source:`
    /// filters, one per `tag:` group.
    public var sourceSets: [Set<SourceID>] = []
    /// Earliest effective date, inclusive.
    public var since: Date?
    /// End of the selected time, exclusive.
    public var until: Date?

    public init(terms: [String] = [], sourceSets: [Set<SourceID>] = [], since: Date? = nil, until: Date? = nil) {
        self.terms = terms.map(SearchFolding.fold).filter { !$0.isEmpty }
        self.sourceSets = sourceSets
        self.since = since
        self.until = until
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unterminatedQuote
        case invalidDate(String)
        case unknownTag(String, known: [String])

        public var description: String {
            switch self {
            case .unterminatedQuote: "the query has an opening \" without a closing one"
            case let .invalidDate(text): "\"\(text)\" is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
            case let .unknownTag(tag, known):
                "no source has the tag \"\(tag)\"" + (known.isEmpty ? " (no source has tags)" : " (known: \(known.joined(separator: ", "))")
            }
        }
    }

    /// Parses the `archive search` syntax: words, "quoted phrases",
    /// `source:ID`, `tag:T`, `since:DATE`, `until:DATE`. `tags` maps each
    /// configured tag to the sources carrying it.
    public static func parse(_ text: String, tags: [String: Set<SourceID>]) throws(Failure) -> ArchiveQuery {
        var query = ArchiveQuery()
        var sources: Set<SourceID> = []
        for token in try tokens(text) {
            if token.quoted {
                query.terms.append(SearchFolding.fold(token.text))
                continue
            }
            let parts = token.text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else {
                query.terms.append(SearchFolding.fold(token.text))
                continue
            }
            switch parts[0].lowercased() {
            case "source": sources.insert(SourceID(parts[1]))
            case "tag": query.sourceSets.append(try sourcesTagged(parts[1], tags: tags))
            case "since": query.since = try period(parts[1]).start
            case "until": query.until = try period(parts[1]).end
            default: query.terms.append(SearchFolding.fold(token.text))
            }
        }
        if !sources.isEmpty { query.sourceSets.append(sources) }
        query.terms = query.terms.filter { !$0.isEmpty }
        return query
    }

    public static func sourcesTagged(_ tag: String, tags: [String: Set<SourceID>]) throws(Failure) -> Set<SourceID> {
        guard let sources = tags[tag] else { throw .unknownTag(tag, known: tags.keys.sorted()) }
        return sources
    }

    /// The Stockholm-time day, month or year `text` names, as [start, end).
    public static func period(_ text: String) throws(Failure) -> (start: Date, end: Date) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil }), text.utf8.count == [4, 7, 10][parts.count - 1] else {
            throw .invalidDate(text)
        }
        let numbers = parts.compactMap { $0 }
        var components = DateComponents(year: numbers[0], month: numbers.count > 1 ? numbers[1] : 1, day: numbers.count > 2 ? numbers[2] : 1)
        components.timeZone = StockholmTime.timeZone
        let calendar = StockholmTime.calendar
        guard (1...12).contains(components.month ?? 0), (1...31).contains(components.day ?? 0),
            let start = calendar.date(from: components),
            calendar.component(.day, from: start) == components.day,
            let end = calendar.date(byAdding: [.year, .month, .day][numbers.count - 1], value: 1, to: start)
        else { throw .invalidDate(text) }
        return (start, end)
    }

    /// Whether an index record passes the filters and holds every term.
    func matches(_ record: IndexRecord) -> Bool {
        if let since, record.date < Int64(since.timeIntervalSince1970.rounded(.up)) { return false }
        if let until, record.date >= Int64(until.timeIntervalSince1970.rounded(.up)) { return false }
        for set in sourceSets where !record.sources.contains(where: set.contains) { return false }
        return termBytes.allSatisfy { ByteSearch.contains($0, in: record.text) }
    }

    var termBytes: [[UInt8]] { terms.map { Array($0.utf8) } }

    /// Whether a partition (one UTC month) can hold a selected entry.
    func mayMatch(partition name: String) -> Bool {
        guard let start = Self.monthStart(name) else { return true }
        let end = Calendar.utc.date(byAdding: .month, value: 1, to: start) ?? start
        if let since, end <= since { return false }
        if let until, start >= until { return false }
        return true
    }

    private static func monthStart(_ name: String) -> Date? {
        let parts = name.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        return Calendar.utc.date(from: DateComponents(year: parts[0], month: parts[1], day: 1))
    }

    private static func tokens(_ text: String) throws(Failure) -> [(text: String, quoted: Bool)] {
        var tokens: [(String, Bool)] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" {
                if quoted || !current.isEmpty { tokens.append((current, quoted)) }
                current = ""
                quoted.toggle()
            } else if character.isWhitespace, !quoted {
                if !current.isEmpty { tokens.append((current, false)) }
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !quoted else { throw .unterminatedQuote }
        if !current.isEmpty { tokens.append((current, false)) }
        return tokens
    }
}
