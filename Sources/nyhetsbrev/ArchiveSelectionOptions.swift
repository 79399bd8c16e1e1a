import ArgumentParser
import Foundation
import NyhetsbrevCore

/// The filters `archive list` and `archive export` share.
struct ArchiveSelectionOptions: ParsableArguments {
    @Option(name: .customLong("source"), help: ArgumentHelp("Only entries from this source (repeatable).", valueName: "id"))
    var sources: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp(
        "Only entries from sources with this tag in the configuration (repeatable).", valueName: "tag"))
    var tags: [String] = []

    @Option(help: ArgumentHelp("Only entries from this day, month or year on (Swedish time).", valueName: "YYYY[-MM[-DD]]"))
    var since: String?

    @Option(help: ArgumentHelp("Only entries up to and including this day, month or year.", valueName: "YYYY[-MM[-DD]]"))
    var until: String?

    func query(common: CommonOptions) throws -> ArchiveQuery {
        let known = tags.isEmpty ? [:] : try ArchiveCLI.tags(common)
        return try Self.validated { () throws(ArchiveQuery.Failure) -> ArchiveQuery in
            var query = ArchiveQuery()
            if let since { query.since = try ArchiveQuery.period(since).start }
            if let until { query.until = try ArchiveQuery.period(until).end }
            if !sources.isEmpty { query.sourceSets.append(Set(sources.map { SourceID($0) })) }
            if !tags.isEmpty {
                var tagged: Set<SourceID> = []
                for tag in tags { tagged.formUnion(try ArchiveQuery.sourcesTagged(tag, tags: known)) }
                query.sourceSets.append(tagged)
            }
            return query
        }
    }

    /// Runs `build`, turning a query mistake into a usage error (exit 1 with the message).
    static func validated(_ build: () throws(ArchiveQuery.Failure) -> ArchiveQuery) throws -> ArchiveQuery {
        do {
            return try build()
        } catch {
            throw ValidationError(error.description)
        }
    }
}
