#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small integer ids for the NUL-terminated names libxml2 hands to SAX
/// callbacks. libxml2 interns names and namespace URIs in its dictionary,
/// so the same name arrives as the same pointer every time: a lookup is a
/// pointer hash (no `Hasher`, no String) plus a byte check of the name,
/// which keeps a pointer that was freed and reused from returning a
/// stale id. Confined to one parse. Every element and attribute of a
/// document is looked up here, so the slots and the name bytes live in
/// memory of its own rather than arrays (no uniqueness or bounds checks
/// per lookup); non-copyable, so that memory is freed exactly once.
struct InternTable: ~Copyable {
    private struct Slot {
        var key: UnsafeRawPointer?
        var id: Int32
        var length: Int32
        var start: Int
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    private var count = 0
    /// The bytes of every interned name, for the check.
    private var pool = ByteBuffer(capacity: 512)

    init() {
        let capacity = 64
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(key: nil, id: -1, length: 0, start: 0), count: capacity)
        mask = capacity - 1
    }

    deinit { slots.deallocate() }

    /// The id of the name at `p`; `make` creates one for a name not seen before.
    @inline(__always)
    mutating func id(for p: UnsafePointer<UInt8>, make: (UnsafeBufferPointer<UInt8>) -> Int32) -> Int32 {
        let key = UnsafeRawPointer(p)
        var i = Self.hash(key) & mask
        while let k = slots[i].key {
            if k == key {
                if matches(slots[i], p) { return slots[i].id }
                // the pointer now holds another name: replace the entry
                let id = make(Self.bytes(p))
                store(p, id: id, at: i)
                return id
            }
            i = (i &+ 1) & mask
        }
        let id = make(Self.bytes(p))
        store(p, id: id, at: i)
        count += 1
        if count * 2 > mask { grow() }
        return id
    }

    @inline(__always)
    private static func hash(_ key: UnsafeRawPointer) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt(bitPattern: key)) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }

    private static func bytes(_ p: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)))
    }

    @inline(__always)
    private func matches(_ slot: Slot, _ p: UnsafePointer<UInt8>) -> Bool {
        let n = Int(slot.length)
        guard let stored = pool.bytes.baseAddress else { return p[0] == 0 }
        // strncmp stops at the NUL of a shorter name, so nothing past it is read
        let same = strncmp(
            UnsafeRawPointer(stored + slot.start).assumingMemoryBound(to: CChar.self), UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self), n)
        return same == 0 && p[n] == 0
    }

    private mutating func store(_ p: UnsafePointer<UInt8>, id: Int32, at i: Int) {
        let name = Self.bytes(p)
        slots[i] = Slot(key: UnsafeRawPointer(p), id: id, length: Int32(name.count), start: pool.count)
        pool.append(name)
    }

    private mutating func grow() {
        let old = slots
        let oldCapacity = mask + 1
        let capacity = oldCapacity * 2
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(key: nil, id: -1, length: 0, start: 0), count: capacity)
        mask = capacity - 1
        for k in 0..<oldCapacity {
            guard let key = old[k].key else { continue }
            var i = Self.hash(key) & mask
            while slots[i].key != nil { i = (i &+ 1) & mask }
            slots[i] = old[k]
        }
        old.deallocate()
    }
}
