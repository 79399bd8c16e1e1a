import ArgumentParser
import Foundation
import NyhetsbrevCore

/// `nyhetsbrev parse`: shows what the parser makes of one feed file, for
/// checking a new source before it is configured and for scoring the parser.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse one feed file (RSS, Atom, RDF or JSON Feed) and print its entries.",
        discussion: """
            Reads the file's bytes and detects the format from the content. Without --json it lists \
            the feed's title and format, then one line per entry: date, title, link. With --json it \
            prints the normalised JSON of the reference corpus (shared/corpus/SCHEMA.md).

            Only local files are accepted for now; download a feed first (for example with curl -o).

            Example:
              nyhetsbrev parse downloads/socialstyrelsen.xml
              nyhetsbrev parse --json feed.xml > feed.xml.json
            """
    )

    @Argument(help: "Path of the feed file.")
    var file: String

    @Flag(help: "Print normalised JSON instead of a listing.")
    var json = false

    func run() async throws {
        if file.hasPrefix("http://") || file.hasPrefix("https://") {
            FileHandle.standardError.write(Data("nyhetsbrev parse: \(file): URLs are not supported yet; pass a downloaded file\n".utf8))
            throw ExitCode.failure
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            FileHandle.standardError.write(Data("nyhetsbrev parse: \(file): cannot read the file (\(error.localizedDescription))\n".utf8))
            throw ExitCode.failure
        }
        let feed: ParsedFeed
        do {
            feed = try FeedParser().parse(data)
        } catch {
            FileHandle.standardError.write(Data("nyhetsbrev parse: \(file): \(error)\n".utf8))
            throw ExitCode.failure
        }
        if json {
            FileHandle.standardOutput.write(NormalizedFeedJSON.encode(feed))
            FileHandle.standardOutput.write(Data("\n".utf8))
            return
        }
        var out = "\(feed.title ?? "(untitled feed)") [\(feed.format.rawValue)\(feed.recovered ? ", recovered from ill-formed XML" : "")]\n"
        let formatter = ISO8601DateFormatter()
        for entry in feed.entries {
            let date = (entry.published ?? entry.updated).map { formatter.string(from: $0) } ?? "-"
            out += "\(date)  \(entry.title ?? "(untitled)")  \(entry.link ?? "")\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
