/// Elements in memory that is allocated once and never freed, for the
/// constant tables of the HTML path (each built once, as a static
/// constant): a copy of one, made per tokenizer and renderer, costs no
/// reference counting, as an array's does. Never written after it is made,
/// so it is safe to share.
struct PermanentTable<Element: Sendable>: @unchecked Sendable {
    private let storage: UnsafeBufferPointer<Element>

    init(_ elements: [Element]) {
        let memory = UnsafeMutableBufferPointer<Element>.allocate(capacity: elements.count)
        _ = memory.initialize(from: elements)
        storage = UnsafeBufferPointer(memory)
    }

    var count: Int { storage.count }

    subscript(k: Int) -> Element {
        precondition(k >= 0 && k < storage.count, "PermanentTable index out of range")
        return storage[k]
    }
}
