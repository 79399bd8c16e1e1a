/// Maps each entry as soon as its element ends and then drops the entry's
/// content from the tree, so a parse never holds the whole document tree: peak memory
/// stays near the input plus the result instead of several times the input.
/// Only used when the document root is itself a feed root (rss, rdf,
/// channel, feed); a feed wrapped in other markup is mapped from the tree.
/// Confined to the parsing thread.
final class EntryStream {
    private let mapper: FeedMapper
    private var rootName: String?
    private var openItems = 0
    /// Exclusivity unchecked (SE-0176's attribute): the stream is confined to
    /// one thread and the mapper never calls back into it, so no access to
    /// `pending` can overlap another, and the runtime's check of the two
    /// accesses per entry cost some 150 instructions each time.
    @exclusivity(unchecked) private var pending = FeedMapper.PendingEntries()
    /// Whether the entries were streamed (the document root is a feed root).
    private(set) var isActive = false
    private var isAtom = false
    /// RSS 1.0 (root `rdf`), told once instead of comparing the root's name per entry.
    private var isRDF = false

    init(mapper: FeedMapper) { self.mapper = mapper }

    /// The mapped entries, moved out so that finishing them does not copy the array.
    func takeEntries() -> FeedMapper.PendingEntries {
        var taken = FeedMapper.PendingEntries()
        swap(&taken, &pending)
        return taken
    }

    /// `depth` is 0 for the document root. Inlined into the tree builder,
    /// which tells this at the start of every element; the root's case is out of line.
    @inline(__always)
    func started(_ e: XElement, depth: Int) {
        if depth == 0, rootName == nil { startedDocument(e) }
        guard isActive, !isAtom, FeedMapper.isRSSItem(e) else { return }
        openItems += 1
    }

    private func startedDocument(_ root: XElement) {
        let name = root.name
        rootName = name
        isActive = FeedMapper.isRootName(name)
        isAtom = name == "feed"
        isRDF = name == "rdf"
    }

    /// `progress` tells how many bytes of how many the parser has read, for
    /// sizing the result. Inlined into the tree builder, which tells this at
    /// the end of every element; mapping an entry is out of line.
    @inline(__always)
    func ended(_ e: XElement, depth: Int, progress: () -> (consumed: Int, total: Int)) {
        guard isActive else { return }
        if isAtom {
            guard depth == 1, FeedMapper.isAtomEntry(e) else { return }
        } else {
            guard FeedMapper.isRSSItem(e) else { return }
            openItems -= 1
            // an item inside another item is part of the outer one, as when mapping from the tree
            guard openItems == 0 else { return }
        }
        map(e, progress: progress)
    }

    private func map(_ e: XElement, progress: () -> (consumed: Int, total: Int)) {
        if pending.wantsEstimate {
            // entries so far per byte read, over the whole document
            let (consumed, total) = progress()
            if consumed > 0 { pending.reserve(total: Int(Double(pending.count + 1) * Double(total) / Double(consumed))) }
        }
        if isAtom { mapper.atomEntry(e, into: &pending) } else { mapper.rssEntry(e, rdf: isRDF, into: &pending) }
        // RSS 1.0's format is told by its items' namespace, so their (emptied) elements stay
        if isRDF { e.dropContent() } else { e.drop() }
    }
}
