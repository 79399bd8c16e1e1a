/// A growable byte buffer for building one output of the HTML and text
/// paths. Unlike `[UInt8]` it has no copy-on-write or uniqueness check per
/// append, and callers that know how much a run can grow reserve once and
/// then write through `writePointer` without a capacity check per byte.
/// Non-copyable, so its memory has exactly one owner and is freed once.
struct ByteBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Whether `base` was allocated here, rather than being the caller's scratch memory.
    private var owned = true

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// A buffer that writes into `scratch` (e.g. stack memory from
    /// `withUnsafeTemporaryAllocation`, sparing a heap allocation per field)
    /// until it needs more, then into memory of its own. It must not outlive `scratch`.
    init(scratch: UnsafeMutableBufferPointer<UInt8>) {
        if let start = scratch.baseAddress, scratch.count >= 16 {
            base = start
            capacity = scratch.count
            owned = false
        } else {
            capacity = 16
            base = .allocate(capacity: capacity)
        }
    }

    deinit { if owned { base.deallocate() } }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        if owned { base.deallocate() }
        owned = true
        base = newBase
        capacity = newCapacity
    }

    /// How many bytes can be written through `writePointer` before the next `reserve`.
    var room: Int { capacity - count }

    /// Where the next byte goes; valid for as many bytes as were reserved, until the next append or reserve.
    var writePointer: UnsafeMutablePointer<UInt8> { base + count }

    /// Records `n` bytes written through `writePointer`.
    @inline(__always)
    mutating func advance(by n: Int) { count += n }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ s: StaticString) {
        append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Appends the UTF-8 form of a Unicode scalar value.
    @inline(__always)
    mutating func append(scalar v: UInt32) {
        reserve(4)
        count += HTMLEntities.encodeUTF8(v, to: base + count)
    }

    /// The bytes written so far.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Forgets the last `k` bytes, keeping the memory for what is written next
    /// (an `XTree` drops a mapped entry's text this way).
    @inline(__always)
    mutating func removeLast(_ k: Int) {
        precondition(k >= 0 && k <= count, "ByteBuffer.removeLast past the start")
        count -= k
    }

    /// The contents as a String, or nil when empty. The bytes must be valid
    /// UTF-8: everything the HTML and text paths write is, as they only write
    /// runs of valid input cut at ASCII bytes and whole scalars.
    func makeString() -> String? {
        count == 0 ? nil : UTF8Bytes.string(valid: bytes)
    }
}
