/// A fixed set of ASCII names (tags, attributes) looked up straight from a
/// document's bytes, ASCII case-insensitively. Every tag of every entry is
/// looked up, so this neither makes a String nor hashes one: a name of up to
/// 15 bytes is packed with its length into two words, and a small
/// open-addressed table of those keys gives the name's number.
struct HTMLNameTable: Sendable {
    /// A name packed into two words: bytes 0...7, then bytes 8...14 and the length.
    struct Key: Equatable, Sendable {
        var low: UInt64
        var high: UInt64

        var length: Int { Int(high >> 56) }

        /// Byte `k` (0..<length) of the name.
        func byte(_ k: Int) -> UInt8 { UInt8(truncatingIfNeeded: k < 8 ? low >> (8 * k) : high >> (8 * (k - 8))) }
    }

    /// Keys by number; number 0 is "not in the table".
    private let keys: PermanentTable<Key>
    /// Name number + 1 per slot, 0 for an empty slot.
    private let slots: PermanentTable<UInt8>
    private static let slotBits = 8

    /// Numbers the names 1, 2, ... in the order given; a name given again
    /// keeps its first number. The names are static strings, so that
    /// building a table reads their bytes in place: the tables are built
    /// in the first parse, and lists of Strings, merged and sorted through
    /// Sets, cost that parse about a million instructions.
    init(_ names: [StaticString]) {
        var keys = [Key(low: 0, high: 0)]
        var slots = [UInt8](repeating: 0, count: 1 << Self.slotBits)
        for name in names {
            let bytes = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            guard let key = Self.key(bytes, 0, bytes.count) else {
                preconditionFailure("HTMLNameTable: \(name) is not a name of 1...15 bytes")
            }
            var slot = Self.slot(key)
            while slots[slot] != 0, keys[Int(slots[slot])] != key { slot = (slot + 1) & ((1 << Self.slotBits) - 1) }
            guard slots[slot] == 0 else { continue }
            precondition(keys.count < 255, "HTMLNameTable holds at most 254 names")
            slots[slot] = UInt8(keys.count)
            keys.append(key)
        }
        self.keys = PermanentTable(keys)
        self.slots = PermanentTable(slots)
    }

    /// How many names the table holds (numbered 1...count).
    var count: Int { keys.count - 1 }

    /// The number of a name given as a static string, or 0.
    func lookup(_ name: StaticString) -> Int {
        lookup(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount), 0, name.utf8CodeUnitCount)
    }

    // `lookup` and what it calls are `@_transparent`: the optimizer takes
    // `@inline(__always)` as a hint and left them as calls, one per tag and attribute.

    /// The number of the name at `bytes[start..<end]` (ASCII letters in
    /// either case), or 0 when it is not in the table.
    @_transparent
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        guard let key = Self.key(bytes, start, end) else { return 0 }
        var slot = Self.slot(key)
        while true {
            let n = Int(slots[slot])
            if n == 0 { return 0 }
            if keys[n] == key { return n }
            slot = (slot + 1) & ((1 << Self.slotBits) - 1)
        }
    }

    /// The lower-case name with number `number` (1...), as stored.
    func name(_ number: Int) -> Key { keys[number] }

    /// Appends the stored (lower-case) name with number `number`.
    @inline(__always)
    func append(_ number: Int, to out: inout ByteBuffer) {
        let key = keys[number]
        // the key's two words are the name's bytes in order (the length byte last, past the name):
        // stored whole into reserved room, and only the name's bytes counted
        out.reserve(16)
        let p = UnsafeMutableRawPointer(out.writePointer)
        p.storeBytes(of: key.low.littleEndian, as: UInt64.self)
        p.storeBytes(of: key.high.littleEndian, toByteOffset: 8, as: UInt64.self)
        out.advance(by: key.length)
    }

    /// The name at `bytes[start..<end]` lower-cased and packed. A name whose
    /// eight or sixteen bytes from `start` lie in the buffer (all but the
    /// last few) is read a word at a time, lower-cased in the word, and the
    /// bytes past its end cleared.
    @_transparent
    private static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Key? {
        let length = end - start
        guard length > 0, length <= 15, let base = bytes.baseAddress else { return nil }
        var low: UInt64 = 0
        var high = UInt64(length) << 56
        if length <= 8, start + 8 <= bytes.count {
            low = lowercased(base + start) & (1 << (8 * UInt64(length)) &- 1)
        } else if start + 16 <= bytes.count {
            low = lowercased(base + start)
            high |= lowercased(base + start + 8) & (1 << (8 * UInt64(length - 8)) &- 1)
        } else {
            for k in 0..<length {
                var b = bytes[start + k]
                if b &- 0x41 < 26 { b |= 0x20 }
                if k < 8 { low |= UInt64(b) << (8 * k) } else { high |= UInt64(b) << (8 * (k - 8)) }
            }
        }
        return Key(low: low, high: high)
    }

    /// The eight bytes at `p` as a little-endian word, A...Z made a...z.
    @_transparent
    private static func lowercased(_ p: UnsafePointer<UInt8>) -> UInt64 {
        let w = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let ones: UInt64 = 0x0101_0101_0101_0101
        // per byte, on its low seven bits so that no carry crosses a byte: at least 0x41 and not at least 0x5B
        let x = w & (ones &* 0x7F)
        let ascii = ~w & (ones &* 0x80)
        let upper = ascii & (x &+ ones &* (0x80 - 0x41)) & ~(x &+ ones &* (0x80 - 0x5B))
        return w | upper >> 2
    }

    @inline(__always)
    private static func slot(_ key: Key) -> Int {
        let mixed = (key.low ^ (key.high &* 0x9E37_79B9_7F4A_7C15)) &* 0xFF51_AFD7_ED55_8CCD
        return Int(truncatingIfNeeded: mixed >> (64 - UInt64(slotBits)))
    }
}
