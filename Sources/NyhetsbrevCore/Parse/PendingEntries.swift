extension FeedMapper {
    /// Mapped entries waiting for their dates, kept as the final entry array
    /// with the raw dates beside it, so finishing sets the dates in place
    /// instead of building a second array. A large feed's result is most of
    /// a parse's peak memory, so the array is sized from the document's
    /// progress instead of doubling (which leaves up to half of it unused),
    /// the raw dates share one byte arena instead of a String each, and
    /// author and category lists equal to an earlier entry's share its
    /// storage (the same byline or section on every item of a feed).
    struct PendingEntries {
        private(set) var entries: [ParsedEntry] = []
        private(set) var rawDates = RawDates()
        private var authors = Interned<Author>()
        private var categories = Interned<String>()

        var count: Int { entries.count }

        /// Adds an entry, moved in (see `FeedMapper.rssEntry`), with its raw
        /// dates: the trimmed text of the elements that gave them (nil for none).
        mutating func append(_ entry: consuming ParsedEntry, published: XElement?, updated: XElement?) {
            // room for a small feed's entries at once, instead of regrowing from one until an estimate is made
            if entries.isEmpty { reserve(total: 0) }
            authors.intern(&entry.authors)
            categories.intern(&entry.categories)
            rawDates.append(published, updated)
            entries.append(entry)
        }

        /// The entries, moved out (the store is left without them), so that
        /// setting their dates in place does not copy the array.
        mutating func takeEntries() -> [ParsedEntry] {
            var taken: [ParsedEntry] = []
            swap(&taken, &entries)
            return taken
        }

        /// Appends `author` to an entry's authors, sharing an earlier entry's
        /// list instead of allocating one when that makes them equal.
        mutating func add(_ author: consuming Author, to list: inout [Author]) { authors.add(author, to: &list) }

        /// Appends `category` to an entry's categories (see `add(_:to:)` for authors).
        mutating func add(_ category: consuming String, to list: inout [String]) { categories.add(category, to: &list) }

        /// Whether `reserve(total:)` is worth calling before the next append:
        /// after the first few entries (enough to know their size) and
        /// whenever the array is full.
        var wantsEstimate: Bool {
            entries.count == Self.entriesBeforeEstimate || (entries.count > Self.entriesBeforeEstimate && entries.count == entries.capacity)
        }

        /// Makes room for `total` entries in all (estimated by the caller from
        /// how much of the document the entries so far took), plus a margin.
        mutating func reserve(total: Int) {
            // an estimate that fell short grows the array by at least a quarter, so it is not copied often
            let wanted = max(total + total / 25 + 16, entries.count + entries.count / 4 + 16)
            guard wanted > entries.capacity else { return }
            entries.reserveCapacity(wanted)
            rawDates.reserve(entries: wanted, currentEntries: entries.count)
        }

        static let entriesBeforeEstimate = 64

        /// Each entry's raw published and updated dates, in one byte arena.
        struct RawDates {
            private var bytes: [UInt8] = []
            /// Per entry: where its dates start in `bytes`, and their lengths (-1 for none).
            private var spans: [(start: Int, published: Int32, updated: Int32)] = []

            /// Keeps each element's text trimmed of ASCII whitespace, as valid
            /// UTF-8, straight from the document without making a String.
            mutating func append(_ published: XElement?, _ updated: XElement?) {
                let start = bytes.count
                spans.append((start, Self.add(published, to: &bytes), Self.add(updated, to: &bytes)))
            }

            private static func add(_ e: XElement?, to bytes: inout [UInt8]) -> Int32 {
                guard let e else { return -1 }
                return e.withTrimmedValidText { text in
                    bytes.append(contentsOf: text)
                    return Int32(text.count)
                }
            }

            mutating func reserve(entries: Int, currentEntries: Int) {
                spans.reserveCapacity(entries)
                guard currentEntries > 0 else { return }
                let perEntry = (bytes.count + currentEntries - 1) / currentEntries
                bytes.reserveCapacity(perEntry * entries)
            }

            /// Entry `i`'s published (or `updated`) date read by `body` from its bytes; nil when it had none.
            func withDate<R>(_ i: Int, updated: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
                let span = spans[i]
                let start = updated ? span.start + max(0, Int(span.published)) : span.start
                let length = updated ? span.updated : span.published
                guard length >= 0 else { return nil }
                return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<(start + Int(length))])) }
            }

            /// Entry `i`'s date as a String (for inspection).
            func string(_ i: Int, updated: Bool) -> String? {
                withDate(i, updated: updated) { UTF8Bytes.string(valid: $0) }
            }
        }

        /// Lists already seen in one document, so an equal one shares the
        /// first one's storage. Bounded: a feed with ever new lists stops
        /// being remembered instead of growing a table beside its result.
        /// Lists are compared by their UTF-8 bytes (see `UTF8Keyed`).
        struct Interned<Element: UTF8Keyed> {
            /// The list interned last; empty before the first.
            private var last: [Element] = []
            /// The distinct lists so far, each with the hash of its bytes
            /// beside it: found by a scan of the hashes. A `Set` of a key
            /// hashing bytes cost more, in the runtime's one-time lookup of
            /// that key's `Hashable` conformance alone, than all the scans.
            private var seen: [[Element]] = []
            private var hashes: [UInt64] = []

            mutating func intern(_ value: inout [Element]) {
                // empty lists share the empty singleton already
                guard !value.isEmpty else { return }
                if value.hasSameUTF8(as: last) {
                    value = last
                    return
                }
                var hasher = UTF8Hasher()
                value.hashUTF8(into: &hasher)
                let hash = hasher.value
                if let earlier = hashes.indices.first(where: { hashes[$0] == hash && seen[$0].hasSameUTF8(as: value) }) {
                    value = seen[earlier]
                } else if seen.count < Self.limit {
                    // room for a feed's usual few distinct lists at once, instead of regrowing from one
                    if seen.isEmpty {
                        seen.reserveCapacity(16)
                        hashes.reserveCapacity(16)
                    }
                    seen.append(value)
                    hashes.append(hash)
                }
                last = value
            }

            /// Appends `element` to `list`; when `list` is empty and the last
            /// list seen is that one element, `list` shares its storage instead
            /// (the usual entry has one byline or section, the same as the entry before).
            mutating func add(_ element: consuming Element, to list: inout [Element]) {
                // read in place: `last[0]` copied the element (a retain of each of its Strings)
                if list.isEmpty, last.count == 1, last.withUnsafeBufferPointer({ $0[0].hasSameUTF8(as: element) }) {
                    list = last
                } else {
                    list.append(element)
                }
            }

            static var limit: Int { 256 }
        }
    }
}
