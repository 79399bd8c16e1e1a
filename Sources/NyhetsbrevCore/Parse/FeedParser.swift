import Foundation

/// Turns the bytes of a feed into a `ParsedFeed`. The format is decided by
/// the content alone (servers mislabel feeds constantly); ill-formed XML is
/// read again in libxml2's recovery mode and flagged, and HTML pages that
/// came back instead of a feed are reported as such with their title.
public struct FeedParser: Sendable {
    public struct Options: Sendable {
        /// Documents larger than this are refused before parsing.
        public var maxBytes: Int = 20 * 1024 * 1024
        /// The zone for dates written without one; nil means Europe/Stockholm
        /// when the feed's language is Swedish (sv*), else UTC.
        public var floatingTimeZone: TimeZone? = nil
        /// How much of a file `parse(fileDescriptor:)` reads and hands to
        /// libxml2 at a time: what it holds of the document at once.
        public var readSize: Int = XMLTreeBuilder.pieceSize
        public init() {}
    }

    public let options: Options

    public init(options: Options = .init()) { self.options = options }

    /// documentURL resolves relative links (after xml:base); httpCharset is the charset from Content-Type, if any.
    public func parse(_ data: Data, documentURL: URL? = nil, httpCharset: String? = nil) throws(ParseError) -> ParsedFeed {
        guard data.count <= options.maxBytes else { throw .tooLarge(limit: options.maxBytes) }
        guard let first = data.withUnsafeBytes(Self.firstSignificantByte) else { throw .empty }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return try JSONFeedParser(floatingTimeZone: options.floatingTimeZone).parse(data, documentURL: documentURL)
        }
        let input = InputDecoder.decode(data, httpCharset: httpCharset)
        guard !input.bytes.isEmpty else { throw .empty }
        if input.isUTF8, input.bytes.withUnsafeBytes(Self.isHTMLPage) {
            throw .notAFeed(htmlTitle: HTMLText.title(ofPage: String(decoding: input.bytes, as: UTF8.self)))
        }
        let base = documentURL?.absoluteString
        let mapper = FeedMapper(floatingTimeZone: options.floatingTimeZone, repairMojibake: input.encoding == "utf-8")
        var stream = EntryStream(mapper: mapper)
        var outcome = input.bytes.withUnsafeBytes {
            XMLTreeBuilder.parse($0, isUTF8: input.isUTF8, recover: false, documentBase: base, stream: stream)
        }
        if let refused = outcome.refused { throw .malformed(refused) }
        var recovered = false
        if !outcome.wellFormed || outcome.root == nil {
            recovered = true
            let strictError = outcome.firstError
            // release the strict parse's tree and entries before the recovering parse builds its own
            outcome.root = nil
            outcome.document = XDocument()
            stream = EntryStream(mapper: mapper)
            let recoveryStream = stream
            func parseRecovering(_ bytes: UnsafeRawBufferPointer) -> XMLTreeBuilder.Outcome {
                XMLTreeBuilder.parse(bytes, isUTF8: input.isUTF8, recover: true, documentBase: base, stream: recoveryStream)
            }
            if input.isUTF8 {
                let fixed = input.bytes.withUnsafeBytes { RecoveryFixer.fix($0.assumingMemoryBound(to: UInt8.self)) }
                outcome = fixed.withUnsafeBytes(parseRecovering)
            } else {
                outcome = input.bytes.withUnsafeBytes(parseRecovering)
            }
            if let refused = outcome.refused { throw .malformed(refused) }
            if outcome.firstError == nil { outcome.firstError = strictError }
        }
        guard let root = outcome.root else {
            throw .malformed(outcome.firstError ?? "no root element")
        }
        guard var feed = try Self.map(outcome, mapper: mapper, stream: stream) else {
            if root.name == "html" {
                throw .notAFeed(htmlTitle: HTMLText.title(ofPage: String(decoding: input.bytes, as: UTF8.self)))
            }
            throw .unknownFormat(root: root.rawName)
        }
        feed.recovered = recovered
        return feed
    }

    /// The feed of a parsed document, or nil when its root is not a feed's.
    private static func map(_ outcome: XMLTreeBuilder.Outcome, mapper: FeedMapper, stream: EntryStream) throws(ParseError) -> ParsedFeed? {
        // elements point into the document without owning it
        defer { withExtendedLifetime(outcome.document) {} }
        guard let root = outcome.root, let feedRoot = FeedMapper.feedRoot(root) else { return nil }
        return try mapper.map(feedRoot, streamed: stream.isActive ? stream.takeEntries() : nil)
    }

    /// Parses the feed in an open file, or in a pipe such as standard input;
    /// the caller closes `descriptor`. A regular file holding UTF-8 (nearly
    /// every feed) goes to libxml2 piece by piece as it is read, so that
    /// only the result is ever in memory, not the document: a 70 MB feed
    /// costs 70 MB less than with `parse(_:)`. Anything else (a pipe,
    /// another encoding, ill-formed XML, an HTML page) is read whole and
    /// parsed as `parse(_:)` parses it; the result is the same either way.
    public func parse(fileDescriptor descriptor: Int32, documentURL: URL? = nil, httpCharset: String? = nil) throws(ParseError) -> ParsedFeed {
        let file = try FeedFile(descriptor: descriptor)
        if let size = file.size {
            guard size <= options.maxBytes else { throw .tooLarge(limit: options.maxBytes) }
            if let feed = try parseStreaming(file, size: size, documentURL: documentURL, httpCharset: httpCharset) { return feed }
        }
        return try parse(file.readAll(limit: options.maxBytes), documentURL: documentURL, httpCharset: httpCharset)
    }

    /// `parse(fileDescriptor:)` of the file at `path`; a file that cannot be
    /// opened is `ParseError.unreadable` with the system's reason ("No such file or directory").
    public func parse(filePath path: String, documentURL: URL? = nil, httpCharset: String? = nil) throws(ParseError) -> ParsedFeed {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(FeedFile.reason(errno)) }
        defer { close(descriptor) }
        return try parse(fileDescriptor: descriptor, documentURL: documentURL, httpCharset: httpCharset)
    }

    /// The streamed parse of a regular file, or nil when the document must
    /// be read whole after all: `parse(_:)` then decides, from the start.
    func parseStreaming(_ file: FeedFile, size: Int, documentURL: URL?, httpCharset: String?) throws(ParseError) -> ParsedFeed? {
        let pieceSize = max(1, options.readSize)
        guard let start = try streamableStart(file, size: size, httpCharset: httpCharset) else { return nil }
        // room for a piece and the end of a character the previous piece cut off
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: pieceSize + 4, alignment: 16)
        defer { buffer.deallocate() }
        let mapper = FeedMapper(floatingTimeZone: options.floatingTimeZone, repairMojibake: true)
        let stream = EntryStream(mapper: mapper)
        var invalidUTF8 = false
        var readError: ParseError?
        let outcome = XMLTreeBuilder.parse(
            inputSize: size - start, isUTF8: true, recover: false, documentBase: documentURL?.absoluteString, stream: stream
        ) { push in
            var offset = start
            var carried = 0
            while true {
                let wanted = min(pieceSize, size - offset)
                let n: Int
                do throws(ParseError) {
                    n = try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[carried..<(carried + wanted)]))
                } catch {
                    readError = error
                    return
                }
                // a file that shrank while it was read ends here, as `parse(_:)` would see it
                offset = n < wanted ? size : offset + n
                let filled = carried + n
                let bytes = UnsafeBufferPointer(start: buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), count: filled)
                let last = offset >= size
                // whole characters only: the end of one that the read cut off waits for the next piece
                let end = last ? filled : InputDecoder.wholeCharacters(bytes, end: filled)
                guard InputDecoder.isValidUTF8(UnsafeBufferPointer(rebasing: bytes[..<end])) else {
                    invalidUTF8 = true
                    return
                }
                guard push(UnsafeRawBufferPointer(rebasing: buffer[..<end]), last), !last else { return }
                carried = filled - end
                if carried > 0 { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[end..<filled])) }
            }
        }
        if let readError { throw readError }
        if invalidUTF8 { return nil }
        if let refused = outcome.refused { throw .malformed(refused) }
        guard outcome.wellFormed else { return nil }
        return try Self.map(outcome, mapper: mapper, stream: stream)
    }

    /// Where a file's text starts when its first bytes show it can be
    /// streamed as UTF-8: not JSON, not another encoding, not an HTML page.
    private func streamableStart(_ file: FeedFile, size: Int, httpCharset: String?) throws(ParseError) -> Int? {
        // enough to see past a byte-order mark and leading whitespace, and as much of the page as `parse(_:)` tests
        let head = UnsafeMutableRawBufferPointer.allocate(byteCount: min(size, 2 * Self.htmlPageWindow), alignment: 16)
        defer { head.deallocate() }
        let count = try file.read(at: 0, into: head)
        let bytes = UnsafeBufferPointer(start: head.baseAddress?.assumingMemoryBound(to: UInt8.self), count: count)
        guard let first = Self.firstSignificantByte(UnsafeRawBufferPointer(bytes)), first != UInt8(ascii: "{"), first != UInt8(ascii: "["),
            let start = InputDecoder.utf8Start(ofHead: bytes, httpCharset: httpCharset),
            count == size || count - start >= Self.htmlPageWindow,
            !Self.isHTMLPage(UnsafeRawBufferPointer(rebasing: head[start..<count]))
        else { return nil }
        return start
    }

    /// How much of the start of a document `isHTMLPage` reads.
    private static let htmlPageWindow = 65536

    /// The first byte that is not a byte-order mark, whitespace or (UTF-16) NUL.
    private static func firstSignificantByte(_ raw: UnsafeRawBufferPointer) -> UInt8? {
        var i = 0
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 } else if raw.starts(with: [0xFE, 0xFF]) || raw.starts(with: [0xFF, 0xFE]) { i = 2 }
        // eight bytes at a time through runs of spaces (a padded or hostile document)
        while i + 8 <= raw.count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) == 0x2020_2020_2020_2020 { i += 8 }
        while i < raw.count {
            let b = raw[i]
            if !(b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == 0) { return b }
            i += 1
        }
        return nil
    }

    /// Recognises an HTML page before XML parsing (a doctype or `<html>` first),
    /// so a bot wall is never mistaken for a broken feed.
    private static func isHTMLPage(_ raw: UnsafeRawBufferPointer) -> Bool {
        let looksLikeHTML: Bool = {
            let head = UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self).prefix(1024))
            var i = 0
            func skipSpace() { while i < head.count, head[i] == 0x20 || (head[i] >= 0x09 && head[i] <= 0x0D) { i += 1 } }
            func at(_ s: StaticString) -> Bool { hasPrefix(s, UnsafeRawBufferPointer(head), at: i) }
            /// `s` has no letters, so a case-sensitive search is the same as `at`'s.
            func find(_ s: StaticString, from start: Int) -> Int? {
                ByteSearch.firstIndex(of: s, in: UnsafeRawBufferPointer(head), from: start)
            }
            while at("<!--") {
                let open = i
                guard let end = find("-->", from: open) else {
                    i = open
                    break
                }
                i = end + 3
                skipSpace()
            }
            if at("<?xml") {
                let open = i
                if let end = find("?>", from: open) {
                    i = end + 2
                    skipSpace()
                } else {
                    i = open
                }
            }
            return at("<!doctype html") || at("<html")
        }()
        guard looksLikeHTML else { return false }
        // an XHTML page may carry a feed inside; the XML parse decides those
        let page = UnsafeRawBufferPointer(rebasing: raw.prefix(htmlPageWindow))
        let roots: [StaticString] = ["rss", "feed", "rdf:rdf"]
        var tag = ByteSearch.next(0x3C, in: page, from: 0)
        while tag < page.count {
            for root in roots where hasPrefix(root, page, at: tag + 1) { return false }
            tag = ByteSearch.next(0x3C, in: page, from: tag + 1)
        }
        return true
    }

    /// Whether `bytes` has `s` at `i`, ASCII case-insensitively (`s` is lower-case).
    private static func hasPrefix(_ s: StaticString, _ bytes: UnsafeRawBufferPointer, at i: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        for k in 0..<n {
            let b = bytes[i + k]
            guard (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) == s.utf8Start[k] else { return false }
        }
        return true
    }
}
