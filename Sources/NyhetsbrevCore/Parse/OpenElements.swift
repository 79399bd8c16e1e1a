/// The node indices of the elements a tree builder has open, innermost
/// last. Nesting is bounded (`XMLTreeBuilder.maxDepth`), so the stack is
/// allocated once at its full size and every start and end tag of a
/// document pushes or pops without an array's growth, uniqueness and
/// bounds checks. Non-copyable, so its memory is freed once.
struct OpenElements: ~Copyable {
    private let slots: UnsafeMutablePointer<Int>
    private let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        slots = .allocate(capacity: capacity)
    }

    deinit { slots.deallocate() }

    var isEmpty: Bool { count == 0 }

    var last: Int? { count > 0 ? slots[count &- 1] : nil }

    /// Opens `index`; the caller checks `count` against the capacity first.
    @inline(__always)
    mutating func push(_ index: Int) {
        precondition(count < capacity, "OpenElements: deeper than its capacity")
        slots[count] = index
        count &+= 1
    }

    @inline(__always)
    mutating func pop() -> Int? {
        guard count > 0 else { return nil }
        count &-= 1
        return slots[count]
    }
}
