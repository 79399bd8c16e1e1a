import Foundation
import NyhetsbrevCore

/// What the archive subcommands share: opening the reader, reporting
/// unreadable partitions, mapping tags to sources.
enum ArchiveCLI {
    static func reader(_ options: CommonOptions) throws -> ArchiveReader {
        ArchiveReader(directory: try options.stateDirectory().archive)
    }

    /// Runs a query, warning on stderr about every partition it had to skip.
    static func select(_ query: ArchiveQuery, options: CommonOptions) throws -> [ArchivedEntry] {
        let selection: ArchiveSelection
        do {
            selection = try reader(options).select(query)
        } catch let error as ArchiveError {
            throw CLIError(error.description)
        }
        for damaged in selection.unreadable {
            Terminal.standardError("nyhetsbrev: warning: skipped \(damaged.description); run `nyhetsbrev archive verify`")
        }
        return selection.entries
    }

    /// Each configured tag with the sources that carry it.
    static func tags(_ options: CommonOptions) throws -> [String: Set<SourceID>] {
        var tags: [String: Set<SourceID>] = [:]
        for source in try options.loadConfiguration().sources {
            for tag in source.tags { tags[tag, default: []].insert(source.id) }
        }
        return tags
    }
}
