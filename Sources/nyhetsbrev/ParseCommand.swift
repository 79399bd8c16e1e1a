import ArgumentParser
import Foundation
import NyhetsbrevCore

/// `nyhetsbrev parse`: shows what the parser makes of one feed file, for
/// checking a new source before it is configured and for scoring the parser.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse one feed (a file, - for standard input, or an http/https URL) and print its entries.",
        discussion: """
            Reads a file (or standard input for -), or fetches a URL once the way the daemon does (same limits, \
            redirects only to http/https, the charset from Content-Type), and detects the \
            format (RSS 0.9x/1.0/2.0, Atom, JSON Feed) from the content. Without --json it \
            lists the feed's title and format, then one line per entry: date, title, link. \
            With --json it prints the normalised JSON of the reference corpus \
            (shared/corpus/SCHEMA.md). Use it to check a new source before configuring it.

            Exit status: 0 parsed; 1 unreadable, unreachable, or not a feed (the error names \
            the file or URL and why, e.g. a bot wall's page title).

            Example:
              nyhetsbrev parse downloads/socialstyrelsen.xml
              nyhetsbrev parse "https://example.org/nyheter/?syndication=rss"
              nyhetsbrev parse --json feed.xml > feed.xml.json
              curl -s https://example.org/feed.xml | nyhetsbrev parse -
            """
    )

    @Argument(help: ArgumentHelp("Path of the feed file, - for standard input, or an http/https URL.", valueName: "file-or-url"))
    var file: String

    @Flag(help: "Print normalised JSON instead of a listing.")
    var json = false

    @Option(
        name: .customLong("max-size"),
        help: ArgumentHelp(
            """
            Refuse a document larger than this: bytes, or with a unit such as 512KB, 100MB, 1GB (binary units). \
            The default is the daemon's limit for a feed, 20MB.
            """, valueName: "size"),
        transform: { text in
            guard let bytes = ByteSizeSyntax.parse(text), bytes > 0 else {
                throw ValidationError("not a size: write bytes, or e.g. 512KB, 100MB")
            }
            return bytes
        })
    var maxSize: Int = FeedParser.Options().maxBytes

    func run() async throws {
        let feed: ParsedFeed
        do {
            feed = try await parseSource()
        } catch {
            let hint = switch error {
            case ParseError.tooLarge, FetchError.tooLarge: " (a larger --max-size reads it)"
            default: ""
            }
            FileHandle.standardError.write(Data("nyhetsbrev parse: \(file): \(error)\(hint)\n".utf8))
            throw ExitCode.failure
        }
        // printed in pieces: a large feed's listing or JSON is never all in memory beside the feed
        if json {
            NormalizedFeedJSON.write(feed, to: Terminal.standardOutput)
            Terminal.standardOutput("\n")
            return
        }
        var out = "\(feed.title ?? "(untitled feed)") [\(feed.format.rawValue)\(feed.recovered ? ", recovered from ill-formed XML" : "")]\n"
        let formatter = ISO8601DateFormatter()
        for entry in feed.entries {
            let date = (entry.published ?? entry.updated).map { formatter.string(from: $0) } ?? "-"
            out += "\(date)  \(entry.title ?? "(untitled)")  \(entry.link ?? "")\n"
            if out.utf8.count >= 1 << 16 {
                Terminal.standardOutput(out)
                out = ""
            }
        }
        Terminal.standardOutput(out)
    }

    /// A file as it is (no document URL: relative links stay relative, as
    /// the corpus expects), read as it is parsed; a URL through the daemon's transport.
    private func parseSource() async throws -> ParsedFeed {
        var options = FeedParser.Options()
        options.maxBytes = maxSize
        let parser = FeedParser(options: options)
        let lowered = file.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            return try file == "-" ? parser.parse(fileDescriptor: STDIN_FILENO) : parser.parse(filePath: file)
        }
        guard let url = URL(string: file), url.host?.isEmpty == false else { throw CLIError("not a valid URL") }
        let request = FetchRequest(sourceID: "parse", url: url, etag: nil, lastModified: nil, allowFile: false)
        var settings = FetchSettings()
        settings.maxBodyBytes = maxSize
        switch await CurlTransport(settings: settings).fetchAll([request], progress: nil)["parse"] {
        case let .success(response):
            return try parser.parse(
                response.body, documentURL: response.finalURL, httpCharset: response.charset)
        case let .failure(error):
            throw error
        case nil:
            throw CLIError("no response")
        }
    }
}
