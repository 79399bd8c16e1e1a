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
/// stale id. Confined to one parse.
struct InternTable {
    private struct Slot {
        var key: UnsafeRawPointer?
        var id: Int32 = -1
        var length: Int32 = 0
        var start: Int = 0
    }

    private var slots = [Slot](repeating: Slot(), count: 64)
    private var count = 0
    /// The bytes of every interned name, for the check.
    private var pool: [UInt8] = []

    init() { pool.reserveCapacity(512) }

    /// The id of the name at `p`; `make` creates one for a name not seen before.
    @inline(__always)
    mutating func id(for p: UnsafePointer<UInt8>, make: (UnsafeBufferPointer<UInt8>) -> Int32) -> Int32 {
        let key = UnsafeRawPointer(p)
        let mask = slots.count - 1
        var i = Self.hash(key) & mask
        while let k = slots[i].key {
            if k == key {
                if matches(slots[i], p) { return slots[i].id }
                // the pointer now holds another name: replace the entry
                let id = make(bytes(p))
                store(p, id: id, at: i)
                return id
            }
            i = (i + 1) & mask
        }
        let id = make(bytes(p))
        store(p, id: id, at: i)
        count += 1
        if count * 2 > slots.count { grow() }
        return id
    }

    @inline(__always)
    private static func hash(_ key: UnsafeRawPointer) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt(bitPattern: key)) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }

    private func bytes(_ p: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var n = 0
        while p[n] != 0 { n += 1 }
        return UnsafeBufferPointer(start: p, count: n)
    }

    @inline(__always)
    private func matches(_ slot: Slot, _ p: UnsafePointer<UInt8>) -> Bool {
        let n = Int(slot.length)
        // strncmp stops at the NUL of a shorter name, so nothing past it is read
        let same = pool.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return true }
            return UnsafeRawPointer(base + slot.start).withMemoryRebound(to: CChar.self, capacity: n) { stored in
                UnsafeRawPointer(p).withMemoryRebound(to: CChar.self, capacity: n) { strncmp(stored, $0, n) == 0 }
            }
        }
        return same && p[n] == 0
    }

    private mutating func store(_ p: UnsafePointer<UInt8>, id: Int32, at i: Int) {
        let name = bytes(p)
        slots[i] = Slot(key: UnsafeRawPointer(p), id: id, length: Int32(name.count), start: pool.count)
        pool.append(contentsOf: name)
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old {
            guard let key = slot.key else { continue }
            var i = Self.hash(key) & mask
            while slots[i].key != nil { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
