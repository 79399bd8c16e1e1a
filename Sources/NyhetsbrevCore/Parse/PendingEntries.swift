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
        private var authors = Interned<[Author]>()
        private var categories = Interned<[String]>()

        var count: Int { entries.count }

        mutating func append(_ p: consuming PendingEntry) {
            authors.intern(&p.entry.authors)
            categories.intern(&p.entry.categories)
            rawDates.append(p.publishedRaw, p.updatedRaw)
            entries.append(p.entry)
        }

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

            mutating func append(_ published: String?, _ updated: String?) {
                let start = bytes.count
                spans.append((start, Self.add(published, to: &bytes), Self.add(updated, to: &bytes)))
            }

            private static func add(_ s: String?, to bytes: inout [UInt8]) -> Int32 {
                guard let s else { return -1 }
                bytes.append(contentsOf: s.utf8)
                return Int32(s.utf8.count)
            }

            mutating func reserve(entries: Int, currentEntries: Int) {
                spans.reserveCapacity(entries)
                guard currentEntries > 0 else { return }
                let perEntry = (bytes.count + currentEntries - 1) / currentEntries
                bytes.reserveCapacity(perEntry * entries)
            }

            /// Entry `i`'s dates, made Strings only when read.
            subscript(i: Int) -> Entry { Entry(dates: self, index: i) }

            struct Entry {
                let dates: RawDates
                let index: Int

                var published: String? {
                    let span = dates.spans[index]
                    return dates.string(span.start, span.published)
                }

                var updated: String? {
                    let span = dates.spans[index]
                    return dates.string(span.start + max(0, Int(span.published)), span.updated)
                }
            }

            private func string(_ start: Int, _ length: Int32) -> String? {
                guard length >= 0 else { return nil }
                return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + Int(length))]), as: UTF8.self) }
            }
        }

        /// Values already seen in one document, so an equal one shares the
        /// first one's storage. Bounded: a feed with ever new values stops
        /// being remembered instead of growing a table beside its result.
        struct Interned<Value: Hashable & Collection> {
            private var last: Value?
            private var seen: [Value: Value] = [:]

            mutating func intern(_ value: inout Value) {
                // empty collections share the empty singleton already
                guard !value.isEmpty else { return }
                if let last, last == value {
                    value = last
                    return
                }
                if let earlier = seen[value] {
                    value = earlier
                } else if seen.count < Self.limit {
                    seen[value] = value
                }
                last = value
            }

            static var limit: Int { 256 }
        }
    }
}
