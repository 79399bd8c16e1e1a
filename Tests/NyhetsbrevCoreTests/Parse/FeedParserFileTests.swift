import Foundation
import Testing
@testable import NyhetsbrevCore

/// `FeedParser.parse(fileDescriptor:)` streams UTF-8 files to libxml2 in
/// pieces and reads everything else whole; either way its result must be
/// exactly what `parse(_:)` makes of the same bytes.
@Suite struct FeedParserFileTests {
    /// What a parse gave, as text: the schema JSON plus the sanitized HTML the schema leaves out, or the error.
    static func outcome(_ parse: () throws -> ParsedFeed) -> String {
        do {
            let feed = try parse()
            var text = String(decoding: NormalizedFeedJSON.encode(feed), as: UTF8.self)
            text += " recovered=\(feed.recovered)"
            for entry in feed.entries { text += "\n\(entry.summaryHTML ?? "-")\n\(entry.contentHTML ?? "-")" }
            return text
        } catch {
            return "error: \(error)"
        }
    }

    static func fromFile(_ url: URL, parser: FeedParser = FeedParser(), httpCharset: String? = nil) -> String {
        outcome { try parser.parse(filePath: url.path, httpCharset: httpCharset) }
    }

    static func fromMemory(_ url: URL, parser: FeedParser = FeedParser(), httpCharset: String? = nil) throws -> String {
        let data = try Data(contentsOf: url)
        return outcome { try parser.parse(data, httpCharset: httpCharset) }
    }

    /// What the streamed parse of the file gave, or nil when the file is read whole first.
    static func streamed(_ url: URL, parser: FeedParser = FeedParser(), httpCharset: String? = nil) throws -> String? {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let file = try FeedFile(descriptor: descriptor)
        let size = try #require(file.size)
        var feed: ParsedFeed?
        let text = outcome {
            feed = try parser.parseStreaming(file, size: size, documentURL: nil, httpCharset: httpCharset)
            return feed ?? ParsedFeed(format: .rss20)
        }
        return feed == nil && !text.hasPrefix("error: ") ? nil : text
    }

    /// A temporary file with `bytes`, removed after `body`.
    static func withFile<R>(_ bytes: [UInt8], _ body: (URL) throws -> R) throws -> R {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("feedfile-\(UUID().uuidString).xml")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// An RSS feed of `count` items larger than several of the parser's
    /// pieces, with two- and three-byte characters at every alignment so
    /// that piece boundaries cut characters.
    static func bigFeed(items count: Int, declaration: String = #"<?xml version="1.0" encoding="UTF-8"?>"#, item: (Int) -> String = { _ in "" }) -> [UInt8] {
        var xml = declaration + "\n<rss version=\"2.0\"><channel><title>Stor källa</title><link>https://example.org/</link>"
        for i in 0..<count {
            let filler = String(repeating: "x", count: i % 7)
            xml += "<item><title>Nyhet \(i) \(filler)åäö € – ✓</title><link>https://example.org/n/\(i)</link>"
            xml += "<description>&lt;p&gt;Läs om vården i Värmland \(filler)ö€&lt;/p&gt;\(item(i))</description></item>\n"
        }
        xml += "</channel></rss>\n"
        return Array(xml.utf8)
    }

    /// The three ways to parse `bytes` written to a file, on a thread of
    /// its own (long parses on the cooperative pool starve the timing-bound tests).
    struct Ways: Sendable {
        /// nil when the file is read whole instead of streamed.
        var streamed: String?
        var fromFile: String
        var inMemory: String
    }

    /// Files are read in pieces of `readSize` bytes: a small document is then many pieces.
    static func ways(_ bytes: [UInt8], httpCharset: String? = nil, readSize: Int = 4096) async throws -> Ways {
        var options = FeedParser.Options()
        options.readSize = readSize
        let parser = FeedParser(options: options)
        return try await offPool {
            try withFile(bytes) { url in
                Ways(
                    streamed: try streamed(url, parser: parser, httpCharset: httpCharset),
                    fromFile: fromFile(url, parser: parser, httpCharset: httpCharset),
                    inMemory: try fromMemory(url, httpCharset: httpCharset))
            }
        }
    }

    @Test func everyCorpusFileParsesTheSameFromTheFile() async throws {
        let directory = CorpusScoreTests.corpus.appendingPathComponent("public")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            .filter { !$0.hasSuffix(".json") && !$0.hasSuffix(".tsv") }
        #expect(names.count >= 290)
        let (differing, streamed) = try await offPool { () throws -> ([String], Int) in
            var differing: [String] = []
            var streamed = 0
            for name in names {
                let url = directory.appendingPathComponent(name)
                let memory = try Self.fromMemory(url)
                if let fromFile = try Self.streamed(url) {
                    streamed += 1
                    if fromFile != memory { differing.append(name) }
                } else if Self.fromFile(url) != memory {
                    differing.append(name)
                }
            }
            return (differing, streamed)
        }
        #expect(differing.isEmpty)
        // most real feeds are well-formed UTF-8 and take the streamed path
        #expect(streamed * 10 >= names.count * 9, "\(streamed) of \(names.count) streamed")
    }

    @Test func piecesCutThroughCharacters() async throws {
        let bytes = Self.bigFeed(items: 600)
        for readSize in [4093, 4096, 16384] {
            #expect(bytes.count > 3 * readSize)
            let ways = try await Self.ways(bytes, readSize: readSize)
            let streamed = try #require(ways.streamed)
            #expect(streamed == ways.inMemory)
            #expect(ways.fromFile == ways.inMemory)
            #expect(streamed.contains("\"Nyhet 598 xxxåäö € – ✓\""))
            #expect(streamed.contains("\"Nyhet 599 xxxxåäö € – ✓\""))
            #expect(streamed.contains("recovered=false"))
        }
    }

    /// Pieces of 1 to 9 bytes cut every character at every place.
    @Test func tinyPiecesGiveTheSameResult() async throws {
        let bytes = Self.bigFeed(items: 40)
        let (memory, byPieceSize) = try await offPool {
            try Self.withFile(bytes) { url in
                let memory = try Self.fromMemory(url)
                let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw ParseError.unreadable(String(cString: strerror(errno))) }
                defer { close(descriptor) }
                let file = try FeedFile(descriptor: descriptor)
                let byPieceSize = (1...9).map { pieceSize in
                    var options = FeedParser.Options()
                    options.readSize = pieceSize
                    return Self.outcome {
                        try FeedParser(options: options).parseStreaming(file, size: bytes.count, documentURL: nil, httpCharset: nil)
                            ?? ParsedFeed(format: .html)
                    }
                }
                return (memory, byPieceSize)
            }
        }
        for (index, streamed) in byPieceSize.enumerated() {
            #expect(streamed == memory, "pieces of \(index + 1) bytes")
        }
    }

    @Test func aBOMLeadingSpaceAndNoDeclarationStream() async throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array(" \n\t".utf8) + Self.bigFeed(items: 300, declaration: "")
        let ways = try await Self.ways(bytes)
        let streamed = try #require(ways.streamed)
        #expect(streamed.contains("\"Nyhet 299 xxxxxåäö € – ✓\""))
        #expect(streamed == ways.inMemory)
    }

    /// Invalid UTF-8 found after the first pieces were parsed: the file is
    /// read again whole and decoded as windows-1252, as in memory.
    @Test func invalidUTF8LateInTheFileIsReadAsWindows1252() async throws {
        var bytes = Self.bigFeed(items: 400, declaration: "")
        let marker = Array("Nyhet 350 ".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: marker) })
        bytes.insert(contentsOf: [0x43, 0x61, 0x66, 0xE9, 0x20], at: at + marker.count)  // "Café " in Latin-1
        #expect(at > 10 * 4096)
        let ways = try await Self.ways(bytes)
        #expect(ways.streamed == nil)
        #expect(ways.fromFile.contains("Nyhet 350 Café"))
        #expect(ways.fromFile == ways.inMemory)
    }

    /// A stray `&` near the end: the streamed parse fails late and the file
    /// is parsed again whole, recovering as in memory.
    @Test func illFormedFileIsRecoveredAsInMemory() async throws {
        let bytes = Self.bigFeed(items: 400) { $0 == 390 ? " Fisk & chips" : "" }
        let ways = try await Self.ways(bytes)
        #expect(ways.streamed == nil)
        #expect(ways.fromFile.contains("recovered=true"))
        #expect(ways.fromFile.contains("Fisk &amp; chips"))
        #expect(ways.fromFile == ways.inMemory)
    }

    @Test func otherEncodingsJSONAndHTMLPagesAreReadWhole() async throws {
        let latin1: [UInt8] = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>V"#.utf8) + [0xE4]
            + Array("rmland</title><item><title>R".utf8) + [0xE5] + Array("d</title></item></channel></rss>".utf8)
        let json = Array(#"{"version": "https://jsonfeed.org/version/1.1", "title": "Sk\u00e5ne", "items": [{"id": "1", "content_text": "x"}]}"#.utf8)
        let page = Array("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>".utf8)
        let utf16 = [0xFF, 0xFE] + Array(#"<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Ö</title></channel></rss>"#.utf16)
            .flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        for bytes in [latin1, json, page, utf16] {
            let ways = try await Self.ways(bytes)
            #expect(ways.streamed == nil)
            #expect(ways.fromFile == ways.inMemory)
        }
        #expect(try await Self.ways(latin1).fromFile.contains("\"Värmland\""))
        #expect(try await Self.ways(json).fromFile.contains("\"Skåne\""))
        #expect(try await Self.ways(page).fromFile == "error: not a feed: HTML page titled \"Just a moment...\"")
        #expect(try await Self.ways(utf16).fromFile.contains("\"Ö\""))
        // the HTTP charset decides when the document does not
        let undeclared = Array("<rss version=\"2.0\"><channel><title>V".utf8) + [0xE4] + Array("rmland</title></channel></rss>".utf8)
        let latin1ByHTTP = try await Self.ways(undeclared, httpCharset: "iso-8859-1")
        #expect(latin1ByHTTP.streamed == nil)
        #expect(latin1ByHTTP.fromFile.contains("\"Värmland\""))
        #expect(latin1ByHTTP.fromFile == latin1ByHTTP.inMemory)
        // labelled UTF-8 but not: read whole, as windows-1252
        let mislabelled = try await Self.ways(undeclared, httpCharset: "utf-8")
        #expect(mislabelled.streamed == nil)
        #expect(mislabelled.fromFile == mislabelled.inMemory)
    }

    @Test func aFileOverTheLimitIsRefused() throws {
        var options = FeedParser.Options()
        options.maxBytes = 1000
        let parser = FeedParser(options: options)
        try Self.withFile(Self.bigFeed(items: 20)) { url in
            #expect(Self.fromFile(url, parser: parser) == "error: document larger than the limit of 1000 bytes")
        }
    }

    @Test func pipesAreReadWholeAndBounded() throws {
        let feed = Self.bigFeed(items: 50)
        func parsePipe(_ bytes: [UInt8], maxBytes: Int) throws -> String {
            let pipe = Pipe()
            let writer = Thread {
                pipe.fileHandleForWriting.write(Data(bytes))
                try? pipe.fileHandleForWriting.close()
            }
            writer.start()
            var options = FeedParser.Options()
            options.maxBytes = maxBytes
            let text = Self.outcome { try FeedParser(options: options).parse(fileDescriptor: pipe.fileHandleForReading.fileDescriptor) }
            // drain what a refused parse left unread, so the writer can finish
            _ = pipe.fileHandleForReading.readDataToEndOfFile()
            return text
        }
        let whole = try parsePipe(feed, maxBytes: 1 << 20)
        let memory = try Self.withFile(feed) { url in try Self.fromMemory(url) }
        #expect(whole == memory)
        let refused = try parsePipe(feed, maxBytes: 4096)
        #expect(refused == "error: document larger than the limit of 4 KB")
    }

    /// Standard input redirected from a file may have been read from already: the document starts where it stands.
    @Test func theDocumentStartsAtTheDescriptorsOffset() throws {
        let feed = Self.bigFeed(items: 30)
        try Self.withFile(Array("skip me\n".utf8) + feed) { url in
            let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
            try #require(descriptor >= 0)
            defer { close(descriptor) }
            #expect(lseek(descriptor, 8, SEEK_SET) == 8)
            var options = FeedParser.Options()
            options.readSize = 4096
            let fromOffset = Self.outcome { try FeedParser(options: options).parse(fileDescriptor: descriptor) }
            let memory = Self.outcome { try FeedParser().parse(Data(feed)) }
            #expect(fromOffset == memory)
            #expect(fromOffset.contains("\"Nyhet 29 x\u{E5}\u{E4}\u{F6} € – ✓\""))
        }
    }

    @Test func aDirectoryIsUnreadableWithTheSystemsReason() throws {
        let descriptor = open(FileManager.default.temporaryDirectory.path, O_RDONLY | O_DIRECTORY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        #expect(Self.outcome { try FeedParser().parse(fileDescriptor: descriptor) } == "error: cannot read the file (Is a directory)")
    }

    @Test func wholeCharactersStopsBeforeACutCharacter() {
        let bytes: [UInt8] = Array("aö€".utf8)  // 61 C3 B6 E2 82 AC
        bytes.withUnsafeBufferPointer { b in
            #expect(InputDecoder.wholeCharacters(b, end: 6) == 6)
            #expect(InputDecoder.wholeCharacters(b, end: 5) == 3)
            #expect(InputDecoder.wholeCharacters(b, end: 4) == 3)
            #expect(InputDecoder.wholeCharacters(b, end: 3) == 3)
            #expect(InputDecoder.wholeCharacters(b, end: 2) == 1)
            #expect(InputDecoder.wholeCharacters(b, end: 1) == 1)
            #expect(InputDecoder.wholeCharacters(b, end: 0) == 0)
        }
    }
}
